package io.netctl.validator.routes;

import inet.ipaddr.IPAddress;
import io.netctl.ipam.Allocation;
import io.netctl.validator.CheckKind;
import io.netctl.validator.Code;
import io.netctl.validator.Finding;
import io.netctl.validator.Report;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Route completeness at the route reflectors, from netctl's monitor sessions: every allocation's
 * pool is present with next hop = its host IP; nothing else inside the managed ranges (stray
 * prefixes: more-specifics, unallocated pools); iBGP attributes sane (empty AS path,
 * ORIGINATOR_ID = the owner's IP); a pool announced by one originator only (every path a session
 * with ADD-PATH receives, or every peer's Adj-RIB-In of a BMP feed: {@code route-multiple-origins});
 * and each pool seen at more than one reflector when there are several (a single reflector's
 * failure would lose it).
 */
public final class RrRouteChecks {
  private RrRouteChecks() {}

  /** The pools (with host IP) that at least one reachable reflector advertises, for the director path check. */
  public static java.util.Set<String> advertised(List<RrObservation> observations) {
    java.util.Set<String> out = new java.util.HashSet<>();
    observations.stream().filter(RrObservation::ok).forEach(o -> o.routes().forEach(r -> out.add(r.prefix().toCanonicalString())));
    return out;
  }

  public static Report check(List<RrObservation> observations, List<Allocation> allocations, List<IPAddress> ranges) {
    Report.Builder b = new Report.Builder();
    Map<String, Allocation> byCidr = new HashMap<>();
    allocations.forEach(a -> byCidr.put(a.cidrText(), a));
    Map<String, List<String>> seenAt = new HashMap<>();
    Map<String, String> hostNodes = new HashMap<>(); // host IP -> node, to name an originator
    allocations.stream().filter(a -> a.hostIp() != null).forEach(a -> hostNodes.putIfAbsent(a.hostIpText(), a.node()));
    int reachable = 0;
    for (RrObservation o : observations) {
      String session = "monitor " + o.rr() + " (" + o.address() + ")";
      if (!o.ok()) {
        b.ran("sessions " + o.rr(), CheckKind.SESSIONS, List.of(session),
            List.of(Finding.of(Code.MONITOR_FAILED, session, "an Established session", o.failure())));
        b.notRun("routes " + o.rr(), CheckKind.ROUTES, "no monitor session to " + o.rr() + ": " + o.failure());
        continue;
      }
      reachable++;
      List<Finding> sessionFindings = new ArrayList<>();
      if (o.flaps() > 0) {
        sessionFindings.add(Finding.of(Code.SESSION_FLAPPING, session, "stable", o.flaps() + " state change(s) during the check"));
      }
      b.ran("sessions " + o.rr(), CheckKind.SESSIONS, List.of(session), sessionFindings);
      List<Finding> out = new ArrayList<>();
      List<String> subjects = new ArrayList<>();
      Map<String, List<ReflectedRoute>> byPrefix = new java.util.LinkedHashMap<>();
      o.routes().forEach(r -> byPrefix.computeIfAbsent(r.prefix().toCanonicalString(), k -> new ArrayList<>()).add(r));
      for (List<ReflectedRoute> paths : byPrefix.values()) {
        ReflectedRoute r = paths.get(0);
        boolean managed = ranges.stream().anyMatch(x -> x.contains(r.prefix()));
        if (managed && !byCidr.containsKey(r.prefix().toCanonicalString())) {
          out.add(Finding.of(Code.ROUTE_STRAY, o.rr() + " " + r.prefix().toCanonicalString(), "no route: no allocation explains it",
              String.join("; ", paths.stream().map(p -> "via " + p.nextHop() + (p.originatorId() == null ? "" : ", originator " + p.originatorId())).toList())));
        }
      }
      for (Allocation a : allocations) {
        if (a.hostIp() == null) {
          continue;
        }
        String subject = o.rr() + " " + a.cidrText();
        subjects.add(subject);
        List<ReflectedRoute> paths = byPrefix.get(a.cidrText());
        if (paths == null) {
          continue; // judged across every reflector below
        }
        String want = a.cidrText() + " via " + a.hostIpText() + " (" + a.node() + ")";
        seenAt.computeIfAbsent(a.cidrText(), k -> new ArrayList<>()).add(o.rr());
        ReflectedRoute r = paths.stream().filter(p -> a.hostIpText().equals(p.nextHop())).findFirst().orElse(paths.get(0));
        java.util.Set<String> origins = new java.util.LinkedHashSet<>();
        paths.forEach(p -> origins.add(p.origin()));
        if (origins.size() > 1) {
          out.add(Finding.of(Code.ROUTE_MULTIPLE_ORIGINS, subject, "announced by " + a.node() + " (" + a.hostIpText() + ") alone, which owns the allocation",
              "announced by " + origins(paths, a, hostNodes) + " (" + paths.size() + " paths)"));
        } else if (!a.hostIpText().equals(r.nextHop())) {
          out.add(Finding.of(Code.ROUTE_WRONG_NEXT_HOP, subject, want, "via " + r.nextHop()
              + (r.originatorId() == null ? "" : " (originator " + r.originatorId() + ")")));
        } else if (r.asPathLength() != 0 || (r.originatorId() != null && !r.originatorId().equals(a.hostIpText()))) {
          out.add(Finding.of(Code.ROUTE_ATTRIBUTES, subject, "empty AS path, ORIGINATOR_ID " + a.hostIpText(),
              "AS path length " + r.asPathLength() + ", ORIGINATOR_ID " + r.originatorId()));
        }
      }
      b.ran("routes " + o.rr(), CheckKind.ROUTES, subjects, out);
    }
    if (reachable > 0) {
      // A pool counts as reachable when any reflector has it; one that only some have is a redundancy warning.
      List<String> names = observations.stream().filter(RrObservation::ok).map(RrObservation::rr).toList();
      List<Finding> agg = new ArrayList<>();
      List<String> pools = new ArrayList<>();
      for (Allocation a : allocations) {
        if (a.hostIp() == null) {
          continue;
        }
        pools.add(a.cidrText());
        List<String> at = seenAt.getOrDefault(a.cidrText(), List.of());
        if (at.isEmpty()) {
          agg.add(Finding.of(Code.ROUTE_MISSING, a.cidrText(), a.cidrText() + " via " + a.hostIpText() + " (" + a.node() + ") at the route reflectors",
              "advertised by none of " + String.join(", ", names)));
        } else if (at.size() == 1 && reachable >= 2) {
          agg.add(Finding.of(Code.ROUTE_SINGLE_RR, a.cidrText(), "at every route reflector (" + String.join(", ", names) + ")", "only at " + at.get(0)));
        }
      }
      b.ran("routes completeness", CheckKind.ROUTES, pools, agg);
    }
    return b.build();
  }

  /**
   * Every originator of a pool's paths, once each, with its node when one has that host IP, the
   * owner marked: {@code 172.31.0.2 (node-b, owns the allocation), 172.31.0.3 via 172.31.0.3 (node-c)}.
   */
  static String origins(List<ReflectedRoute> paths, Allocation owner, Map<String, String> hostNodes) {
    Map<String, List<String>> nextHops = new java.util.LinkedHashMap<>();
    paths.forEach(p -> nextHops.computeIfAbsent(p.origin(), k -> new ArrayList<>()).add(p.nextHop()));
    List<String> out = new ArrayList<>();
    List<String> owners = new ArrayList<>();
    nextHops.forEach((origin, hops) -> {
      String node = hostNodes.get(origin);
      boolean owns = origin != null && origin.equals(owner.hostIpText());
      String via = hops.stream().distinct().filter(h -> h != null && !h.equals(origin)).map(h -> " via " + h).reduce("", String::concat);
      String text = "originator " + origin + via + " (" + (node == null ? "no node has this host IP" : node) + (owns ? ", owns the allocation" : "") + ")";
      (owns ? owners : out).add(text);
    });
    boolean ownerAmong = !owners.isEmpty();
    owners.addAll(out);
    return String.join(", ", owners) + (ownerAmong ? "" : "; none of them is the owner's host IP " + owner.hostIpText());
  }
}
