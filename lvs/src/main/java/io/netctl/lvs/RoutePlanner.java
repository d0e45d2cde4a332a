package io.netctl.lvs;

import inet.ipaddr.IPAddress;
import io.netctl.ipam.Allocation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares a director's kernel routes with the allocations: a pure function of both, so it is
 * tested without a kernel.
 *
 * <p>netctl owns exactly the routes with protocol {@value RouteProtocol#NETCTL}, in every table.
 * It compares them with the desired routes ({@code <pool> via <hostIp>} in the director's table,
 * device and metric): missing ones are added, wrong ones replaced, stale ones deleted. Routes of
 * other protocols are never changed. Those inside the managed space (the container ranges and any
 * allocated pool outside them) are compared too: one for a pool's prefix with another next hop, a
 * route covering pools and sending them elsewhere, or a route for container addresses that are
 * not allocated is {@code FOREIGN}; one that agrees with an allocation is {@code UNOWNED} (made by
 * hand; {@code adopt} takes it over). Wider routes (a default route, a 10.0.0.0/8 aggregate) are
 * not compared: the pool routes are more specific and win. A difference's detail says what is to
 * be done ("to add via ..."): the same words serve {@code lvs plan}, which only plans, and {@code
 * lvs sync}, whose outcome column says what was done.
 */
public final class RoutePlanner {
  private RoutePlanner() {}

  /**
   * @param target the director's table, device and metric
   * @param allocations every allocation
   * @param observed the kernel's IPv4 routes of all tables
   * @param ranges the container ranges
   * @param adopt take over routes made by hand that agree with an allocation
   */
  public static RoutePlan plan(RouteTarget target, List<Allocation> allocations, List<KernelRoute> observed, List<IPAddress> ranges, boolean adopt) {
    TreeMap<Ipv4Prefix, PoolRoute> desired = new TreeMap<>();
    List<Allocation> unroutable = new ArrayList<>();
    for (Allocation a : allocations) {
      if (a.hostIp() == null || a.hostIp().equals(target.self())) {
        unroutable.add(a);
      } else {
        PoolRoute r = PoolRoute.of(a);
        desired.put(r.pool(), r);
      }
    }
    unroutable.sort(Comparator.comparing(Allocation::node));
    List<Ipv4Prefix> managed = new ArrayList<>();
    ranges.forEach(r -> managed.add(Ipv4Prefix.of(r)));
    for (Ipv4Prefix p : desired.keySet()) {
      if (managed.stream().noneMatch(m -> m.contains(p))) {
        managed.add(p);
      }
    }

    Map<Ipv4Prefix, List<KernelRoute>> ownedHere = new HashMap<>();
    Map<Ipv4Prefix, List<KernelRoute>> foreignHere = new HashMap<>();
    List<RouteDifference> out = new ArrayList<>();
    List<KernelRoute> foreignInManaged = new ArrayList<>();
    for (KernelRoute r : observed) {
      if (r.owned()) {
        if (r.table() == target.table()) {
          ownedHere.computeIfAbsent(r.dst(), k -> new ArrayList<>(1)).add(r);
        } else {
          out.add(stale(r, "netctl's route in table " + r.table() + "; the director's pool routes are in table " + target.tableName()));
        }
      } else if (r.table() == target.table() && inManaged(r.dst(), managed)) {
        foreignHere.computeIfAbsent(r.dst(), k -> new ArrayList<>(1)).add(r);
        foreignInManaged.add(r);
      }
    }

    int inPlace = 0;
    for (PoolRoute d : desired.values()) {
      inPlace += pool(d, target, ownedHere.remove(d.pool()), foreignHere.getOrDefault(d.pool(), List.of()), adopt, out);
    }
    for (List<KernelRoute> rest : ownedHere.values()) {
      for (KernelRoute r : rest) {
        out.add(stale(r, "netctl's route, but " + r.dst() + " is not allocated to a host with an IP"));
      }
    }
    for (KernelRoute f : foreignInManaged) {
      if (desired.containsKey(f.dst())) {
        continue; // compared with its pool above
      }
      RouteDifference d = foreignOther(f, desired);
      if (d != null) {
        out.add(d);
      }
    }
    out.sort(Comparator.comparing(RouteDifference::dst).thenComparing(d -> d.kind().ordinal()));
    return new RoutePlan(target, List.copyOf(desired.values()), unroutable, out, inPlace);
  }

  /** Compares one pool; returns 1 when netctl's route for it is in place. */
  private static int pool(PoolRoute d, RouteTarget target, List<KernelRoute> owned, List<KernelRoute> foreign, boolean adopt, List<RouteDifference> out) {
    KernelRoute want = KernelRoute.owned(d.pool(), d.via(), target);
    owned = owned == null ? List.of() : owned;
    KernelRoute good = owned.stream().filter(r -> matches(r, want)).findFirst().orElse(null);
    KernelRoute ownedAtKey = owned.stream().filter(r -> r.metric() == target.metric()).findFirst().orElse(null);
    KernelRoute foreignAtKey = foreign.stream().filter(r -> r.metric() == target.metric()).findFirst().orElse(null);
    boolean adopted = false;
    for (KernelRoute f : foreign) {
      if (!f.sendsTo(d.via())) {
        String blocks = good == null && f == foreignAtKey ? "; it holds the key of netctl's route, which cannot be installed" : "";
        out.add(new RouteDifference(RouteDifference.Kind.FOREIGN, d.pool(), d, f,
            "not netctl's route (" + f.describe() + ") sends " + d.node() + "'s pool elsewhere; left alone" + blocks, null));
      } else if (adopt) {
        adopted |= good == null && f == foreignAtKey;
        out.add(new RouteDifference(RouteDifference.Kind.UNOWNED, d.pool(), d, f,
            "route made by hand (" + f.describe() + ") agrees with the allocation; to adopt: "
                + (good == null && f == foreignAtKey ? "replace it with netctl's" : "delete it, netctl's route is beside it"),
            good == null && f == foreignAtKey ? new RouteChange.Replace(want) : new RouteChange.Delete(f)));
      } else {
        out.add(new RouteDifference(RouteDifference.Kind.UNOWNED, d.pool(), d, f,
            "route made by hand (" + f.describe() + ") agrees with the allocation; left alone (sync --adopt takes it over)", null));
      }
    }
    KernelRoute keep = good;
    boolean blocked = false;
    if (good != null || adopted) {
      // in place, or taken over above
    } else if (foreignAtKey != null) {
      blocked = true;
    } else if (ownedAtKey != null) {
      keep = ownedAtKey;
      out.add(new RouteDifference(RouteDifference.Kind.WRONG_NEXT_HOP, d.pool(), d, ownedAtKey,
          "netctl's route goes " + ownedAtKey.describe() + "; to replace with via " + d.via().toCanonicalString(), new RouteChange.Replace(want)));
    } else if (!owned.isEmpty()) {
      out.add(new RouteDifference(RouteDifference.Kind.WRONG_NEXT_HOP, d.pool(), d, owned.get(0),
          "netctl's route goes " + owned.get(0).describe() + "; to add at metric " + target.metric() + " (and delete the old one)",
          new RouteChange.Add(want)));
    } else {
      out.add(new RouteDifference(RouteDifference.Kind.MISSING, d.pool(), d, null,
          "no route of netctl's; to add via " + d.via().toCanonicalString(), new RouteChange.Add(want)));
    }
    for (KernelRoute r : owned) {
      if (r != keep && !(blocked && r.sendsTo(d.via()))) {
        out.add(stale(r, "another route of netctl's for " + d.node() + "'s pool (" + r.describe() + ")"));
      }
    }
    return good != null ? 1 : 0;
  }

  private static boolean matches(KernelRoute have, KernelRoute want) {
    return have.type() == RouteType.UNICAST
        && have.gateways().equals(want.gateways())
        && have.metric() == want.metric()
        && have.table() == want.table()
        && (want.dev() == null || want.dev().equals(have.dev()));
  }

  private static RouteDifference stale(KernelRoute r, String why) {
    return new RouteDifference(RouteDifference.Kind.STALE, r.dst(), null, r, why + "; to delete", new RouteChange.Delete(r));
  }

  private static boolean inManaged(Ipv4Prefix dst, List<Ipv4Prefix> managed) {
    for (Ipv4Prefix m : managed) {
      if (m.contains(dst)) {
        return true;
      }
    }
    return false;
  }

  /** A foreign route inside the managed space whose prefix is not a pool's. */
  private static RouteDifference foreignOther(KernelRoute f, TreeMap<Ipv4Prefix, PoolRoute> desired) {
    // pools inside f (f covers them), or the pool f lies inside
    List<PoolRoute> covered = new ArrayList<>();
    for (PoolRoute p : desired.subMap(f.dst(), true, new Ipv4Prefix(last(f.dst()), 32), true).values()) {
      if (f.dst().contains(p.pool())) {
        covered.add(p);
      }
    }
    if (!covered.isEmpty()) {
      List<PoolRoute> elsewhere = covered.stream().filter(p -> !f.sendsTo(p.via())).toList();
      if (elsewhere.isEmpty()) {
        return null;
      }
      return new RouteDifference(RouteDifference.Kind.FOREIGN, f.dst(), elsewhere.get(0), f,
          "not netctl's route (" + f.describe() + ") covers " + covered.size() + " pool(s) and sends " + elsewhere.size()
              + " elsewhere (first: " + elsewhere.get(0) + "); left alone", null);
    }
    Map.Entry<Ipv4Prefix, PoolRoute> floor = desired.floorEntry(f.dst());
    if (floor != null && floor.getKey().contains(f.dst())) {
      PoolRoute p = floor.getValue();
      if (f.sendsTo(p.via())) {
        return null;
      }
      return new RouteDifference(RouteDifference.Kind.FOREIGN, f.dst(), p, f,
          "not netctl's route (" + f.describe() + ") inside " + p.node() + "'s pool " + p.pool() + " goes elsewhere; left alone", null);
    }
    return new RouteDifference(RouteDifference.Kind.FOREIGN, f.dst(), null, f,
        "not netctl's route (" + f.describe() + ") for container addresses that are not allocated to a host with an IP; left alone", null);
  }

  private static int last(Ipv4Prefix p) {
    return p.address() | ~Ipv4Prefix.mask(p.length());
  }
}
