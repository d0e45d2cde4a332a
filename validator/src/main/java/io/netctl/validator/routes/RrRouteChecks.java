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
 * ORIGINATOR_ID = the owner's IP); and each pool seen at more than one reflector when there are
 * several (a single reflector's failure would lose it).
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
      Map<String, ReflectedRoute> byPrefix = new HashMap<>();
      for (ReflectedRoute r : o.routes()) {
        byPrefix.put(r.prefix().toCanonicalString(), r);
        boolean managed = ranges.stream().anyMatch(x -> x.contains(r.prefix()));
        Allocation owner = byCidr.get(r.prefix().toCanonicalString());
        if (managed && owner == null) {
          out.add(Finding.of(Code.ROUTE_STRAY, o.rr() + " " + r.prefix().toCanonicalString(), "no route: no allocation explains it",
              "via " + r.nextHop() + (r.originatorId() == null ? "" : ", originator " + r.originatorId())));
        }
      }
      for (Allocation a : allocations) {
        if (a.hostIp() == null) {
          continue;
        }
        String subject = o.rr() + " " + a.cidrText();
        subjects.add(subject);
        ReflectedRoute r = byPrefix.get(a.cidrText());
        if (r == null) {
          continue; // judged across every reflector below
        }
        String want = a.cidrText() + " via " + a.hostIpText() + " (" + a.node() + ")";
        seenAt.computeIfAbsent(a.cidrText(), k -> new ArrayList<>()).add(o.rr());
        if (!a.hostIpText().equals(r.nextHop())) {
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
}
