package io.netctl.cli.bgp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netctl.bgp.rib.Route;
import io.netctl.bgp.rib.RouteAttributes;
import io.netctl.bgp.wire.Addresses;
import io.netctl.cli.output.Json;
import java.util.List;

/** How BGP routes look in text and JSON, shared by the bgp and bmp commands. */
public final class BgpOutput {
  private BgpOutput() {}

  static final List<String> HEADER =
      List.of("PREFIX", "NEXT-HOP", "AS-PATH", "ORIGIN", "LOCAL-PREF", "MED", "COMMUNITIES", "ORIGINATOR-ID", "CLUSTER-LIST");

  /** One table row: "-" for what the route does not carry. */
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
    List<String> all = new java.util.ArrayList<>(a.communities());
    all.addAll(a.largeCommunities());
    return all.isEmpty() ? "-" : String.join(",", all);
  }

  /** One line for streams: "10.3.240.0/27 via 172.31.0.2 as-path 65000 origin IGP local-pref 100 ...". */
  static String line(Route r) {
    List<String> v = row(r);
    StringBuilder s = new StringBuilder(v.get(0)).append(" via ").append(v.get(1));
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

  private static void putOrNull(ObjectNode o, String k, String v) {
    if (v == null) {
      o.putNull(k);
    } else {
      o.put(k, v);
    }
  }
}
