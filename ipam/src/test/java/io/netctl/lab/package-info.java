/**
 * The test lab, shared by every module's tests (as this module's test-jar): the real {@code etcd}
 * binary on loopback ({@link io.netctl.lab.EtcdCluster}, {@link io.netctl.lab.EtcdExtension}),
 * network namespaces joined by a bridge ({@link io.netctl.lab.Lab}), and processes started and
 * stopped by their pid ({@link io.netctl.lab.Proc}).
 *
 * <p>Nothing here touches the host's own routing table or processes: routes and daemons only
 * live in namespaces a lab created, and a lab stops only the processes it started. Labs clean up
 * on close, and a new lab removes namespaces left behind by a test JVM that died.
 */
package io.netctl.lab;
