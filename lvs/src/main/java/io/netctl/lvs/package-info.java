/**
 * LVS director routes: for every allocation with a host IP, {@code <pool> via <hostIp>} in each
 * director's kernel routing table.
 *
 * <p>The model ({@link io.netctl.lvs.PoolRoute} desired, {@link io.netctl.lvs.KernelRoute}
 * observed), the pure comparison of both ({@link io.netctl.lvs.RoutePlanner} → {@link
 * io.netctl.lvs.RoutePlan} of {@link io.netctl.lvs.RouteDifference}s and {@link
 * io.netctl.lvs.RouteChange}s), and the kernel behind {@link io.netctl.lvs.RouteTable}. netctl owns
 * the routes with protocol {@value io.netctl.lvs.RouteProtocol#NETCTL} ({@link
 * io.netctl.lvs.RouteProtocol} says why that number) and never changes any other route.
 */
package io.netctl.lvs;
