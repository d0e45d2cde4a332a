package io.netctl.validator.routes;

import inet.ipaddr.IPAddress;
import io.netctl.ipam.Allocation;
import io.netctl.lvs.Director;
import io.netctl.lvs.Ipv4Prefix;
import io.netctl.lvs.KernelRoute;
import io.netctl.lvs.RouteDifference;
import io.netctl.lvs.RoutePlan;
import io.netctl.lvs.RoutePlanner;
import io.netctl.lvs.RouteTarget;
import io.netctl.validator.Code;
import io.netctl.validator.Finding;
import io.netctl.validator.config.IpamChecks;
import java.util.ArrayList;
import java.util.List;

/** A kernel routing table against the allocations: a director's (LVS rules) or a node's (BIRD-learned routes). */
public final class KernelRouteChecks {
  private KernelRouteChecks() {}

  /** A director: every allocated pool via its host, owned by netctl; nothing stale or contradicting (the lvs planner's rules). */
  public static IpamChecks.Result director(Director d, List<Allocation> allocations, List<KernelRoute> observed, List<IPAddress> ranges) {
    return director(d, allocations, observed, ranges, null);
  }

  /**
   * As above, and with {@code advertised} (the pools some route reflector has; null when unknown):
   * a pool the director routes to its host while no reflector has it is a stale path.
   */
  public static IpamChecks.Result director(Director d, List<Allocation> allocations, List<KernelRoute> observed, List<IPAddress> ranges,
      java.util.Set<String> advertised) {
    RoutePlan plan = RoutePlanner.plan(RouteTarget.of(d), allocations, observed, ranges, false);
    List<Finding> out = new ArrayList<>();
    List<String> subjects = new ArrayList<>();
    plan.desired().forEach(r -> subjects.add(d.name() + " " + r.pool()));
    for (RouteDifference diff : plan.differences()) {
      Code code = switch (diff.kind()) {
        case MISSING -> Code.DIRECTOR_ROUTE_MISSING;
        case WRONG_NEXT_HOP -> Code.DIRECTOR_ROUTE_WRONG_NEXT_HOP;
        case STALE -> Code.DIRECTOR_ROUTE_STALE;
        case FOREIGN -> Code.DIRECTOR_ROUTE_FOREIGN;
        case UNOWNED -> Code.DIRECTOR_ROUTE_UNOWNED;
      };
      String expected = diff.desired() == null ? "no route of netctl's for " + diff.dst() : diff.dst() + " via " + diff.desired().via().toCanonicalString() + " (netctl's)";
      String observedText = diff.observed() == null ? "none" : diff.dst() + " " + diff.observed().describe();
      out.add(new Finding(code, d.name() + " " + diff.dst(), expected, observedText + " — " + diff.detail(), null));
    }
    if (advertised != null) {
      java.util.Map<Ipv4Prefix, List<KernelRoute>> byDst = new java.util.HashMap<>();
      observed.forEach(k -> byDst.computeIfAbsent(k.dst(), x -> new ArrayList<>()).add(k));
      for (io.netctl.lvs.PoolRoute r : plan.desired()) {
        String cidr = r.pool().toString();
        boolean routed = byDst.getOrDefault(r.pool(), List.of()).stream().anyMatch(k -> k.sendsTo(r.via()));
        if (routed && !advertised.contains(cidr)) {
          out.add(Finding.of(Code.DIRECTOR_PATH_STALE, d.name() + " " + cidr, cidr + " reachable through BGP (advertised by a route reflector)",
              "routed via " + r.via().toCanonicalString() + " (" + r.node() + ") but no route reflector has it"));
        }
      }
    }
    for (Allocation a : plan.unroutable()) {
      if (a.hostIp() == null) {
        out.add(Finding.of(Code.DIRECTOR_NO_HOST_IP, d.name() + " " + a.cidrText(), "a host IP for " + a.node(), "none recorded"));
      } // a host IP that is the director's own is the configuration check's host-ip-infrastructure
    }
    return new IpamChecks.Result(out, subjects);
  }

  /**
   * A node (or route reflector) that learns pools through BIRD: every other node's pool has a
   * route via that node's host IP in the main table, and nothing else inside the managed ranges
   * is routed (the node's own pool and its pods' /32s excepted).
   *
   * @param self the node whose table it is (its own pool is skipped), or null for a reflector
   */
  public static IpamChecks.Result node(String self, List<Allocation> allocations, List<KernelRoute> observed, List<IPAddress> ranges) {
    List<Finding> out = new ArrayList<>();
    List<String> subjects = new ArrayList<>();
    String who = self == null ? "this host" : self;
    java.util.Map<Ipv4Prefix, List<KernelRoute>> main = new java.util.HashMap<>();
    observed.stream().filter(r -> r.table() == KernelRoute.MAIN).forEach(r -> main.computeIfAbsent(r.dst(), x -> new ArrayList<>()).add(r));
    java.util.Set<Ipv4Prefix> explained = new java.util.HashSet<>();
    Ipv4Prefix own = null;
    for (Allocation a : allocations) {
      Ipv4Prefix pool = Ipv4Prefix.of(a.cidr());
      explained.add(pool);
      if (a.node().equals(self)) {
        own = pool;
        continue;
      }
      if (a.hostIp() == null) {
        continue;
      }
      String subject = who + " kernel " + a.cidrText();
      subjects.add(subject);
      List<KernelRoute> routes = main.getOrDefault(pool, List.of());
      if (routes.isEmpty()) {
        out.add(Finding.of(Code.ROUTE_MISSING, subject, a.cidrText() + " via " + a.hostIpText() + " (" + a.node() + ")", "no route"));
      } else if (routes.stream().noneMatch(r -> r.sendsTo(a.hostIp()))) {
        out.add(Finding.of(Code.ROUTE_WRONG_NEXT_HOP, subject, a.cidrText() + " via " + a.hostIpText() + " (" + a.node() + ")",
            String.join("; ", routes.stream().map(KernelRoute::describe).toList())));
      }
    }
    List<Ipv4Prefix> managed = ranges.stream().map(Ipv4Prefix::of).toList();
    for (Ipv4Prefix dst : main.keySet()) {
      boolean inRanges = managed.stream().anyMatch(m -> m.contains(dst));
      if (!inRanges || explained.contains(dst) || (own != null && own.contains(dst))) {
        continue;
      }
      out.add(Finding.of(Code.ROUTE_STRAY, who + " kernel " + dst, "no route inside the managed ranges that no allocation explains",
          String.join("; ", main.get(dst).stream().map(KernelRoute::describe).toList())));
    }
    return new IpamChecks.Result(out, subjects);
  }
}
