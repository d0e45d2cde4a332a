/**
 * The only code that imports the fabric8 Kubernetes client: building a client from the in-cluster
 * service account or a kubeconfig ({@link io.netctl.cli.kube.KubeClients}), the Node informer and
 * lookups behind {@link io.netctl.cli.controller.NodeDirectory} ({@link
 * io.netctl.cli.kube.KubeNodes}), leader election on a coordination.k8s.io Lease ({@link
 * io.netctl.cli.kube.LeaseElection}), and the BGP password Secrets as calico-node reads them ({@link
 * io.netctl.cli.kube.KubeSecrets}). Everything crossing into the controller is a netctl type.
 */
package io.netctl.cli.kube;
