package io.netctl.cli.lvs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netctl.cli.output.Json;
import io.netctl.cli.output.Table;
import io.netctl.ipam.Allocation;
import io.netctl.lvs.Director;
import io.netctl.lvs.RouteChange;
import io.netctl.lvs.RouteDifference;
import io.netctl.lvs.RoutePlan;
import io.netctl.lvs.RouteProtocol;
import io.netctl.lvs.RouteTable;
import io.netctl.lvs.iproute.IprouteBatch;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Text and JSON of the lvs commands' results. */
public final class LvsOutput {
  private LvsOutput() {}

  static String header(Director d, RoutePlan p, RouteTable t) {
    return "director " + d.name() + " (" + d.ip().toCanonicalString() + (d.group() == null ? "" : ", " + d.group()) + "): table "
        + p.target().tableName() + (p.target().dev() == null ? "" : ", dev " + p.target().dev())
        + (p.target().metric() == 0 ? "" : ", metric " + p.target().metric()) + ", proto " + RouteProtocol.NETCTL + " (netctl), " + t.describe();
  }

  static String action(RouteChange c) {
    if (c == null) {
      return "none";
    }
    if (c instanceof RouteChange.Add) {
      return "add";
    }
    return c instanceof RouteChange.Replace ? "replace" : "delete";
  }

  /** The differences as a table; {@code outcome} gives a per-difference word for the ACTION column, or null. */
  static void differences(PrintWriter out, List<RouteDifference> ds, Map<RouteChange, String> outcome) {
    Table t = new Table("KIND", "PREFIX", "NODE", "WANT", "KERNEL", outcome == null ? "ACTION" : "DONE");
    for (RouteDifference d : ds) {
      String done = outcome == null ? action(d.change()) : d.change() == null ? "left alone" : outcome.getOrDefault(d.change(), "applied");
      t.row(d.kind().text(), d.dst().toString(), d.desired() == null ? "-" : d.desired().node(),
          d.desired() == null ? "-" : "via " + d.desired().via().toCanonicalString(), d.observed() == null ? "-" : d.observed().describe(), done);
    }
    t.print(out);
  }

  static void unroutable(PrintWriter err, RoutePlan p) {
    for (Allocation a : p.unroutable()) {
      err.println("warning: " + a.node() + " " + a.cidrText() + ": no route can be made for it: " + p.whyUnroutable(a) + " (netctl allocate "
          + a.node() + " --host-ip IP" + (a.hostIp() == null ? "" : " --update-host-ip") + " records the node's own)");
    }
  }

  static String counts(RoutePlan p) {
    StringBuilder sb = new StringBuilder();
    for (RouteDifference.Kind k : RouteDifference.Kind.values()) {
      long n = p.count(k);
      if (n > 0) {
        sb.append(sb.length() == 0 ? "" : ", ").append(n).append(' ').append(k.text());
      }
    }
    return sb.toString();
  }

  static ObjectNode director(Director d) {
    ObjectNode o = Json.object();
    o.put("name", d.name());
    o.put("ip", d.ip().toCanonicalString());
    o.put("group", d.group());
    if (d.table() == null) {
      o.putNull("table");
    } else {
      o.put("table", d.table());
    }
    o.put("device", d.device());
    if (d.metric() == null) {
      o.putNull("metric");
    } else {
      o.put("metric", d.metric());
    }
    return o;
  }

  static ObjectNode plan(Director d, RoutePlan p, RouteTable t) {
    ObjectNode o = Json.object();
    o.set("director", director(d));
    o.put("where", t.describe());
    o.put("table", p.target().table());
    o.put("protocol", RouteProtocol.NETCTL);
    o.put("inSync", p.inSync());
    o.put("desired", p.desired().size());
    o.put("inPlace", p.inPlace());
    o.set("differences", differences(p.differences(), null, Set.of()));
    ArrayNode un = o.putArray("unroutable");
    p.unroutable().forEach(a -> un.addObject().put("node", a.node()).put("cidr", a.cidrText()).put("reason", p.whyUnroutable(a)));
    ArrayNode ch = o.putArray("changes");
    for (String line : IprouteBatch.lines(p.changes()).split("\n")) {
      if (!line.isEmpty()) {
        ch.add(line);
      }
    }
    return o;
  }

  static ArrayNode differences(List<RouteDifference> ds, Map<RouteChange, String> refused, Set<RouteChange> applied) {
    ArrayNode a = Json.array();
    for (RouteDifference d : ds) {
      ObjectNode x = a.addObject();
      x.put("kind", d.kind().text());
      x.put("prefix", d.dst().toString());
      x.put("node", d.desired() == null ? null : d.desired().node());
      x.put("want", d.desired() == null ? null : "via " + d.desired().via().toCanonicalString());
      x.put("kernel", d.observed() == null ? null : d.observed().describe());
      x.put("action", action(d.change()));
      if (refused != null) {
        x.put("outcome", d.change() == null ? "left alone" : refused.containsKey(d.change()) ? "refused" : applied.contains(d.change()) ? "applied" : "planned");
        if (d.change() != null && refused.containsKey(d.change())) {
          x.put("error", refused.get(d.change()));
        }
      }
      x.put("detail", d.detail());
    }
    return a;
  }

  static ObjectNode timings(io.netctl.lvs.sync.SyncReport.Timings t) {
    ObjectNode o = Json.object();
    o.put("readStoreMs", ms(t.readStore()));
    o.put("readTableMs", ms(t.readTable()));
    o.put("planMs", ms(t.plan()));
    o.put("applyMs", ms(t.apply()));
    o.put("totalMs", ms(t.total()));
    return o;
  }

  static double ms(Duration d) {
    return Math.round(d.toNanos() / 10_000.0) / 100.0;
  }

  static String plural(long n, String what) {
    return n + " " + what + (n == 1 ? "" : what.endsWith("s") ? "es" : "s");
  }
}
