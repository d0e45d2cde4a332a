/**
 * The test kit of the real-daemon labs, its own module ({@code src/test/lab}, artifact {@code
 * netctl-lab}) that every module's tests depend on with {@code <scope>test</scope>}. It depends on
 * nothing of netctl.
 *
 * <ul>
 *   <li>{@link io.netctl.lab.Lab}: network namespaces joined by a bridge, and the scratch folder;
 *   <li>{@link io.netctl.lab.Proc}: commands run to completion, and daemons stopped by their pid;
 *   <li>{@link io.netctl.lab.Poll}: waiting for a state with a deadline, never a fixed sleep;
 *   <li>{@link io.netctl.lab.EtcdCluster}, {@link io.netctl.lab.EtcdExtension}, {@link
 *       io.netctl.lab.Certificates}: the real {@code etcd} binary on loopback, with TLS if asked;
 *   <li>{@link io.netctl.lab.TcpProxy}: a loopback proxy that can stop forwarding, to cut one
 *       client off from a server as a partition would;
 *   <li>{@link io.netctl.lab.Bird}, {@link io.netctl.lab.Frr}, {@link io.netctl.lab.Gobgp} (one
 *       {@link io.netctl.lab.BgpDaemon}): BIRD 2, FRR bgpd and GoBGP in a lab host, started, waited
 *       for (answering, sessions Established, routes present) and stopped by pid; their
 *       configurations from {@link io.netctl.lab.BirdConfig}, {@link io.netctl.lab.FrrConfig} and
 *       {@link io.netctl.lab.GobgpConfig}, with the daemons' slow timers made short.
 * </ul>
 *
 * <p>Nothing here touches the host's own routing table or processes: routes and daemons only
 * live in namespaces a lab created, and a lab stops only the processes it started. Labs clean up
 * on close, and a new lab removes namespaces left behind by a test JVM that died.
 */
package io.netctl.lab;
