package io.netctl.lvs;

import inet.ipaddr.ipv4.IPv4Address;

/**
 * Where and how netctl installs a director's pool routes.
 *
 * @param table the routing table (254 = main)
 * @param dev the output device, or null to let the kernel find it from the next hop
 * @param metric the route metric (0 when not configured)
 * @param self the director's own IP, or null when unknown: no pool is routed via it (a node
 *     recorded with it as host IP would send the pool's traffic back to the director)
 */
public record RouteTarget(int table, String dev, int metric, IPv4Address self) {
  public RouteTarget {
    if (table <= 0) {
      throw new IllegalArgumentException("routing table " + table + " must be positive");
    }
    if (metric < 0) {
      throw new IllegalArgumentException("metric " + metric + " must not be negative");
    }
  }

  public RouteTarget(int table, String dev, int metric) {
    this(table, dev, metric, null);
  }

  /** The director's table (main when not configured), device and metric, and its IP. */
  public static RouteTarget of(Director d) {
    return new RouteTarget(
        d.table() == null ? KernelRoute.MAIN : d.table(), d.device(), d.metric() == null ? 0 : d.metric(), d.ip());
  }

  public String tableName() {
    return table == KernelRoute.MAIN ? "main" : String.valueOf(table);
  }
}
