package io.netctl.lvs;

import inet.ipaddr.ipv4.IPv4Address;
import io.netctl.ipam.Allocation;
import java.util.Objects;

/**
 * A route a director must have: a host's pool via that host's IP.
 *
 * @param pool the host's pool, e.g. 10.3.240.0/27
 * @param via the host's IP
 * @param node the node the pool is allocated to
 */
public record PoolRoute(Ipv4Prefix pool, IPv4Address via, String node) {
  public PoolRoute {
    Objects.requireNonNull(pool, "pool");
    Objects.requireNonNull(via, "via");
    Objects.requireNonNull(node, "node");
  }

  /** The route of an allocation that has a host IP. */
  public static PoolRoute of(Allocation a) {
    if (a.hostIp() == null) {
      throw new IllegalArgumentException(a.node() + " has no host IP");
    }
    return new PoolRoute(Ipv4Prefix.of(a.cidr()), a.hostIp(), a.node());
  }

  @Override
  public String toString() {
    return pool + " via " + via.toCanonicalString() + " (" + node + ")";
  }
}
