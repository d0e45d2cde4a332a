package io.netctl.cli.bgp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netctl.bgp.rib.Route;
import io.netctl.bgp.rib.RouteAttributes;
import io.netctl.bgp.wire.Addresses;
import io.netctl.cli.output.Json;
import io.netctl.bgp.wire.Capability;
import io.netctl.bgp.wire.Open;
import io.netctl.bgp.wire.Prefix;
import java.util.ArrayList;
import java.util.List;

/** How BGP routes look in text and JSON, shared by the bgp and bmp commands. */
public final class BgpOutput {
  private BgpOutput() {}

  static final List<String> HEADER =
      List.of("PREFIX", "NEXT-HOP", "AS-PATH", "ORIGIN", "LOCAL-PREF", "MED", "COMMUNITIES", "ORIGINATOR-ID", "CLUSTER-LIST");

  /** The table header: with a PATH-ID column after PREFIX when any route has an ADD-PATH path id (RFC 7911). */
  static List<String> header(List<Route> routes) {
    if (!anyPathId(routes)) {
      return HEADER;
    }
    List<String> h = new ArrayList<>(HEADER);
    h.add(1, "PATH-ID");
    return h;
  }

  /** One table row, matching {@link #header(List)} for the same routes. */
  static List<String> row(Route r, List<Route> routes) {
    List<String> v = row(r);
    if (!anyPathId(routes)) {
      return v;
    }
    List<String> out = new ArrayList<>(v);
    out.add(1, r.hasPathId() ? Long.toString(r.pathId()) : "-");
    return out;
  }

  private static boolean anyPathId(List<Route> routes) {
    for (Route r : routes) {
      if (r.hasPathId()) {
        return true;
      }
    }
    return false;
  }

  /** A withdrawal for streams: "10.3.240.0/27", or "10.3.240.0/27 path 2" with ADD-PATH. */
  static String withdrawn(Prefix prefix, long pathId) {
    return prefix + (pathId == Route.NO_PATH_ID ? "" : " path " + pathId);
  }

  /** The withdrawal's JSON fields: prefix, and pathId with ADD-PATH. */
  static void withdrawnJson(ObjectNode o, Prefix prefix, long pathId) {
    o.put("prefix", prefix.toString());
    if (pathId != Route.NO_PATH_ID) {
      o.put("pathId", pathId);
    }
  }

  /** One table row without a path id column: "-" for what the route does not carry. */
  static List<String> row(Route r) {
    RouteAttributes a = r.attributes();
    return List.of(
        r.prefix().toString(),
        a.nextHop() == null ? "-" : Addresses.text(a.nextHop()),
        a.asPath().segments().isEmpty() ? "-" : a.asPath().toString(),
        a.origin() == null ? "-" : a.origin().name(),
        a.localPref() == null ? "-" : a.localPref().toString(),
        a.med() == null ? "-" : a.med().toString(),
        communities(a),
        a.originatorId() == null ? "-" : a.originatorId(),
        a.clusterList().isEmpty() ? "-" : String.join(",", a.clusterList()));
  }

  private static String communities(RouteAttributes a) {
    List<String> all = new ArrayList<>(a.communities());
    all.addAll(a.largeCommunities());
    return all.isEmpty() ? "-" : String.join(",", all);
  }

  /**
   * One line for streams: "10.3.240.0/27 via 172.31.0.2 as-path 65000 origin IGP local-pref 100 ...",
   * "10.3.240.0/27 path 2 via ..." with an ADD-PATH path id.
   */
  static String line(Route r) {
    List<String> v = row(r);
    StringBuilder s = new StringBuilder(withdrawn(r.prefix(), r.pathId())).append(" via ").append(v.get(1));
    for (int i = 2; i < v.size(); i++) {
      if (!v.get(i).equals("-")) {
        s.append(' ').append(HEADER.get(i).toLowerCase()).append(' ').append(v.get(i));
      }
    }
    return s.toString();
  }

  static ObjectNode json(Route r) {
    RouteAttributes a = r.attributes();
    ObjectNode o = Json.object();
    o.put("prefix", r.prefix().toString());
    if (r.hasPathId()) {
      o.put("pathId", r.pathId());
    }
    putOrNull(o, "nextHop", a.nextHop() == null ? null : Addresses.text(a.nextHop()));
    o.put("asPath", a.asPath().toString());
    putOrNull(o, "origin", a.origin() == null ? null : a.origin().name());
    if (a.localPref() == null) {
      o.putNull("localPref");
    } else {
      o.put("localPref", a.localPref());
    }
    if (a.med() == null) {
      o.putNull("med");
    } else {
      o.put("med", a.med());
    }
    a.communities().forEach(o.putArray("communities")::add);
    a.largeCommunities().forEach(o.putArray("largeCommunities")::add);
    a.extendedCommunities().forEach(o.putArray("extendedCommunities")::add);
    putOrNull(o, "originatorId", a.originatorId());
    a.clusterList().forEach(o.putArray("clusterList")::add);
    return o;
  }

  /**
   * The peer's graceful-restart capabilities as one line: "graceful restart: restart time 120 s,
   * flags R N, ipv4-unicast (forwarding preserved); long-lived: ipv4-unicast stale 3600 s", or
   * "graceful restart: not advertised".
   */
  static String restartText(Open open) {
    Capability.GracefulRestart gr = open.gracefulRestart();
    StringBuilder s = new StringBuilder("graceful restart: ");
    if (gr == null) {
      s.append("not advertised");
    } else {
      s.append("restart time ").append(gr.restartTime()).append(" s");
      if (gr.restarting() || gr.notification()) {
        s.append(", flags").append(gr.restarting() ? " R" : "").append(gr.notification() ? " N" : "");
      }
      List<String> fs = new ArrayList<>();
      for (Capability.GracefulRestart.Family f : gr.families()) {
        fs.add(f.family() + (f.forwardingPreserved() ? " (forwarding preserved)" : ""));
      }
      s.append(fs.isEmpty() ? ", no families (restart-aware only)" : ", " + String.join(", ", fs));
    }
    Capability.LongLivedGracefulRestart llgr = open.longLivedGracefulRestart();
    if (llgr != null) {
      List<String> fs = new ArrayList<>();
      for (Capability.LongLivedGracefulRestart.Family f : llgr.families()) {
        fs.add(f.family() + " stale " + f.staleTime() + " s" + (f.forwardingPreserved() ? " (forwarding preserved)" : ""));
      }
      s.append("; long-lived: ").append(fs.isEmpty() ? "no families" : String.join(", ", fs));
    }
    return s.toString();
  }

  /** The same as JSON: {@code gracefulRestart} and {@code longLivedGracefulRestart}, null when not advertised. */
  static void restartJson(ObjectNode o, Open open) {
    Capability.GracefulRestart gr = open.gracefulRestart();
    if (gr == null) {
      o.putNull("gracefulRestart");
    } else {
      ObjectNode g = o.putObject("gracefulRestart");
      g.put("restartTime", gr.restartTime());
      g.put("restarting", gr.restarting());
      g.put("notification", gr.notification());
      var fs = g.putArray("families");
      for (Capability.GracefulRestart.Family f : gr.families()) {
        fs.addObject().put("family", f.family().toString()).put("forwardingPreserved", f.forwardingPreserved());
      }
    }
    Capability.LongLivedGracefulRestart llgr = open.longLivedGracefulRestart();
    if (llgr == null) {
      o.putNull("longLivedGracefulRestart");
    } else {
      var fs = o.putObject("longLivedGracefulRestart").putArray("families");
      for (Capability.LongLivedGracefulRestart.Family f : llgr.families()) {
        fs.addObject().put("family", f.family().toString()).put("staleTime", f.staleTime()).put("forwardingPreserved", f.forwardingPreserved());
      }
    }
  }

  private static void putOrNull(ObjectNode o, String k, String v) {
    if (v == null) {
      o.putNull(k);
    } else {
      o.put(k, v);
    }
  }
}
