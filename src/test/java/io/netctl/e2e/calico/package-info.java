/**
 * netctl living with the rest of Calico, against real etcd: models of the Calico actors that change
 * what netctl writes — kube-controllers' IPAM garbage collection ({@link
 * io.netctl.e2e.calico.KubeControllersIpamGc}) and calico-ipam's address assignment ({@link
 * io.netctl.e2e.calico.CalicoIpamAssignment}), each written from Calico v3.30.0's source, which
 * each class cites file and function by function — run between every step of a node's join.
 */
package io.netctl.e2e.calico;
