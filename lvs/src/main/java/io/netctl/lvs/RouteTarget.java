package io.netctl.lvs;

/**
 * Where and how netctl installs a director's pool routes.
 *
 * @param table the routing table (254 = main)
 * @param dev the output device, or null to let the kernel find it from the next hop
 * @param metric the route metric (0 when not configured)
 */
public record RouteTarget(int table, String dev, int metric) {
  public RouteTarget {
    if (table <= 0) {
      throw new IllegalArgumentException("routing table " + table + " must be positive");
    }
    if (metric < 0) {
      throw new IllegalArgumentException("metric " + metric + " must not be negative");
    }
  }

  /** The director's table (main when not configured), device and metric. */
  public static RouteTarget of(Director d) {
    return new RouteTarget(
        d.table() == null ? KernelRoute.MAIN : d.table(), d.device(), d.metric() == null ? 0 : d.metric());
  }

  public String tableName() {
    return table == KernelRoute.MAIN ? "main" : String.valueOf(table);
  }
}
