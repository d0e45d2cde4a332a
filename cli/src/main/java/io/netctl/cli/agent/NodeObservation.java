package io.netctl.cli.agent;

import io.netctl.ipam.Allocation;
import io.netctl.ipam.IpamConfig;
import io.netctl.validator.observe.BirdProtocolStatus;
import io.netctl.lvs.KernelRoute;
import io.netctl.validator.observe.TcpConnection;
import java.util.List;

/**
 * One round of what a node shows; a part that could not be read is null, with the reason.
 *
 * @param node this node's name, or null when unknown
 * @param tcp the kernel's TCP table
 * @param bird BIRD's protocols, or null
 * @param birdWhyNot why BIRD was not read (null when it was)
 * @param routes the kernel's routing tables (from the lvs module's iproute2 adapter), or null
 * @param allocations every allocation, or null when no datastore is configured or it is unreachable
 * @param routesWhyNot why the routes were not checked (null when they were)
 * @param routeReflectors the configured route reflectors' IPs (the peers expected without BIRD)
 * @param ipam the configured ranges (routes inside them must be explained by an allocation)
 */
public record NodeObservation(
    String node, List<TcpConnection> tcp, List<BirdProtocolStatus> bird, String birdWhyNot, List<KernelRoute> routes,
    List<Allocation> allocations, String routesWhyNot, List<String> routeReflectors, IpamConfig ipam) {}
