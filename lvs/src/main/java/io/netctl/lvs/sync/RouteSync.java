package io.netctl.lvs.sync;

import inet.ipaddr.IPAddress;
import io.netctl.ipam.store.KvStore;
import io.netctl.lvs.Ipv4Prefix;
import io.netctl.lvs.KernelRoute;
import io.netctl.lvs.RouteChange;
import io.netctl.lvs.RoutePlan;
import io.netctl.lvs.RoutePlanner;
import io.netctl.lvs.RouteTable;
import io.netctl.lvs.RouteTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One pass of making a director's table equal to the allocations: read both, plan, apply the
 * changes in one batch. Idempotent: a second pass finds nothing to change. When the kernel refuses
 * a change, the table is read again and the report says what is in place, never that all went well.
 */
public final class RouteSync {
  private final RouteTarget target;
  private final RouteTable table;
  private final List<IPAddress> ranges;
  private final boolean adopt;
  private final Map<String, PoolAllocations.Parsed> parsed = new HashMap<>();

  /**
   * @param target the director's table, device and metric
   * @param table the kernel's tables
   * @param ranges the container ranges (foreign routes are looked for inside them)
   * @param adopt take over routes made by hand that agree with an allocation
   */
  public RouteSync(RouteTarget target, RouteTable table, List<IPAddress> ranges, boolean adopt) {
    this.target = Objects.requireNonNull(target, "target");
    this.table = Objects.requireNonNull(table, "table");
    this.ranges = List.copyOf(ranges);
    this.adopt = adopt;
  }

  public RouteTable table() {
    return table;
  }

  public RouteTarget target() {
    return target;
  }

  /** Reads the allocations and the table, compares them, and (unless {@code dryRun}) applies the changes. */
  public SyncReport sync(KvStore store, boolean dryRun) {
    long t0 = System.nanoTime();
    PoolAllocations allocations;
    synchronized (parsed) {
      allocations = PoolAllocations.read(store, parsed);
    }
    long t1 = System.nanoTime();
    List<KernelRoute> observed = table.list();
    long t2 = System.nanoTime();
    RoutePlan before = RoutePlanner.plan(target, allocations.allocations(), observed, ranges, adopt);
    long t3 = System.nanoTime();
    List<RouteChange> changes = before.changes();
    if (dryRun || changes.isEmpty()) {
      return new SyncReport(before, List.of(), 0, before, allocations.revision(), timings(t0, t1, t2, t3, t3));
    }
    RouteTable.ApplyResult result = table.apply(changes);
    RoutePlan after;
    if (result.ok()) {
      after = RoutePlanner.plan(target, allocations.allocations(), appliedTo(observed, changes), ranges, adopt);
    } else {
      after = RoutePlanner.plan(target, allocations.allocations(), table.list(), ranges, adopt);
    }
    long t4 = System.nanoTime();
    return new SyncReport(before, result.failures(), result.applied(), after, allocations.revision(), timings(t0, t1, t2, t3, t4));
  }

  /**
   * The table after the kernel accepted every change (the kernel's semantics: a route's key is
   * table, destination and metric; replace swaps the route with that key; delete removes the route
   * that matches key, protocol and gateway).
   */
  static List<KernelRoute> appliedTo(List<KernelRoute> observed, List<RouteChange> changes) {
    Map<Key, List<KernelRoute>> byKey = new LinkedHashMap<>();
    for (KernelRoute r : observed) {
      byKey.computeIfAbsent(Key.of(r), k -> new ArrayList<>(1)).add(r);
    }
    for (RouteChange c : changes) {
      KernelRoute r = c.route();
      if (c instanceof RouteChange.Delete) {
        List<KernelRoute> l = byKey.get(Key.of(r));
        if (l != null) {
          l.remove(r);
        }
      } else if (c instanceof RouteChange.Replace) {
        byKey.put(Key.of(r), new ArrayList<>(List.of(r)));
      } else {
        byKey.computeIfAbsent(Key.of(r), k -> new ArrayList<>(1)).add(r);
      }
    }
    List<KernelRoute> out = new ArrayList<>(observed.size() + changes.size());
    byKey.values().forEach(out::addAll);
    return out;
  }

  /** The kernel's key of an IPv4 route (TOS aside, which netctl never sets). */
  private record Key(int table, Ipv4Prefix dst, int metric) {
    static Key of(KernelRoute r) {
      return new Key(r.table(), r.dst(), r.metric());
    }
  }

  private static SyncReport.Timings timings(long t0, long t1, long t2, long t3, long t4) {
    return new SyncReport.Timings(Duration.ofNanos(t1 - t0), Duration.ofNanos(t2 - t1), Duration.ofNanos(t3 - t2), Duration.ofNanos(t4 - t3));
  }
}
