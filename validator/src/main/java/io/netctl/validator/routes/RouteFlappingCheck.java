package io.netctl.validator.routes;

import io.netctl.ipam.Allocation;
import io.netctl.validator.CheckKind;
import io.netctl.validator.Code;
import io.netctl.validator.Finding;
import io.netctl.validator.Report;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@link Code#ROUTE_FLAPPING}: a pool whose route changed at a source at least {@link
 * ChurnLimit#changes()} times within {@link ChurnLimit#window()}, naming the originator of its
 * last announcement and the node the pool is allocated to. A pool that only ever came and stayed
 * has no changes after the initial table, so a stable pool never gets it.
 */
public final class RouteFlappingCheck {
  private RouteFlappingCheck() {}

  public static Report check(RouteChurn churn, ChurnLimit limit, List<Allocation> allocations) {
    Map<String, Allocation> byCidr = allocations.stream().collect(Collectors.toMap(Allocation::cidrText, Function.identity(), (a, b) -> a));
    List<String> subjects = new ArrayList<>();
    List<Finding> out = new ArrayList<>();
    String window = limit.window().toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    for (RouteChurn.Churn c : churn.snapshot(limit.window())) {
      String subject = c.key().pool() + " at " + c.key().source();
      subjects.add(subject);
      if (c.recent() >= limit.changes()) {
        Allocation owner = byCidr.get(c.key().pool());
        out.add(Finding.of(Code.ROUTE_FLAPPING, subject, "fewer than " + limit.changes() + " announcements and withdrawals within " + window,
            c.recent() + " within " + window + " (" + c.announcements() + " announcements, " + c.withdrawals() + " withdrawals in all); originator "
                + (c.originator() == null ? "unknown" : c.originator())
                + (owner == null ? "" : "; allocated to node " + owner.node() + (owner.hostIp() == null ? "" : " (" + owner.hostIpText() + ")"))));
      }
    }
    Report.Builder b = new Report.Builder();
    return b.ran("route-flapping", CheckKind.ROUTES, subjects, out).build();
  }
}
