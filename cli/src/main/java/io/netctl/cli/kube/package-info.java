/**
 * The only code that imports the fabric8 Kubernetes client: building a client from the in-cluster
 * service account or a kubeconfig ({@link io.netctl.cli.kube.KubeClients}), the Node informer and
 * lookups behind {@link io.netctl.cli.controller.NodeDirectory} ({@link
 * io.netctl.cli.kube.KubeNodes}), and leader election on a coordination.k8s.io Lease ({@link
 * io.netctl.cli.kube.LeaseElection}). Everything crossing into the controller is a netctl type.
 */
package io.netctl.cli.kube;
