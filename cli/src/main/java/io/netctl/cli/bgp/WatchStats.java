package io.netctl.cli.bgp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netctl.cli.CliContext;
import io.netctl.cli.options.OutputOption;
import io.netctl.cli.output.Json;
import io.netctl.validator.Finding;
import io.netctl.validator.routes.ChurnLimit;
import io.netctl.validator.routes.RouteChurn;
import io.netctl.validator.routes.RouteFlappingCheck;
import java.util.List;

/**
 * What {@code netctl bgp watch --stats} prints at the end: one line per managed pool that changed
 * after the initial table (its announcements, withdrawals and originator), then a {@code
 * route-flapping} finding for each pool over the limit, as text or JSON lines ({@code "event":
 * "stats"} and {@code "event": "finding"}).
 */
final class WatchStats {
  private WatchStats() {}

  static void print(CliContext ctx, OutputOption output, RouteChurn churn, ChurnLimit limit) {
    String time = ctx.clock().instant().toString();
    List<RouteChurn.Churn> all = churn.snapshot(limit.window());
    List<Finding> findings = RouteFlappingCheck.check(churn, limit, List.of()).findings();
    if (output.structured()) {
      for (RouteChurn.Churn c : all) {
        ObjectNode o = Json.object();
        o.put("time", time);
        o.put("peer", c.key().source());
        o.put("event", "stats");
        o.put("pool", c.key().pool());
        o.put("changes", c.total());
        o.put("announcements", c.announcements());
        o.put("withdrawals", c.withdrawals());
        o.put("changesInWindow", c.recent());
        if (c.originator() == null) {
          o.putNull("originator");
        } else {
          o.put("originator", c.originator());
        }
        output.printEvent(ctx.out(), o);
      }
      for (Finding f : findings) {
        ObjectNode o = Json.object();
        o.put("time", time);
        o.put("event", "finding");
        o.put("code", f.code().id());
        o.put("severity", f.severity().name().toLowerCase(java.util.Locale.ROOT));
        o.put("subject", f.subject());
        o.put("expected", f.expected());
        o.put("observed", f.observed());
        output.printEvent(ctx.out(), o);
      }
    } else {
      if (all.isEmpty()) {
        ctx.out().println(time + " stats: no managed pool changed after the initial table");
      }
      for (RouteChurn.Churn c : all) {
        ctx.out().println(time + " " + c.key().source() + " stats " + c.key().pool() + ": " + c.total() + " changes (" + c.announcements()
            + " announcements, " + c.withdrawals() + " withdrawals), originator " + (c.originator() == null ? "unknown" : c.originator()));
      }
      for (Finding f : findings) {
        ctx.out().println(time + " finding " + f.code().id() + " " + f.subject() + ": " + f.observed());
      }
    }
    ctx.out().flush();
  }
}
