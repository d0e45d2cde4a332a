package io.netctl.bgp.calico;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netctl.ipam.calico.CalicoJson;
import io.netctl.ipam.calico.CalicoResource;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The specs of the Calico objects netctl writes, in the field order Go marshals them (reference
 * A.3, A.4, A.5), so the stored JSON is what calicoctl would store.
 */
public final class DesiredObjects {
  private DesiredObjects() {}

  /** The label Calico's examples select reflectors by ({@code peerSelector: route-reflector == 'true'}). */
  public static final String RR_LABEL = "route-reflector";
  /**
   * On a Calico Node netctl made a route reflector (it did not create the Node): the label keys
   * netctl set, comma-separated. Its presence is how netctl knows it may undo that.
   */
  public static final String RR_ANNOTATION = "netctl.io/route-reflector-labels";

  /** BGPConfigurationSpec order: logSeverityScreen, nodeToNodeMeshEnabled, asNumber, then the rest. */
  static final List<String> CONFIG_ORDER = List.of("logSeverityScreen", "nodeToNodeMeshEnabled", "asNumber");
  /** NodeBGPSpec order. */
  static final List<String> NODE_BGP_ORDER = List.of("asNumber", "ipv4Address", "ipv6Address", "ipv4IPIPTunnelAddr", "routeReflectorClusterID");

  /**
   * BGPConfiguration {@code default}: the mesh setting and AS from the topology, log severity Info
   * unless one is already set (an operator's debug switch is kept); every other field of an
   * existing object is kept as it is.
   */
  public static ObjectNode bgpConfigurationSpec(BgpTopology topo, ObjectNode existing) {
    ObjectNode in = existing == null ? CalicoJson.object() : existing.deepCopy();
    String severity = in.path("logSeverityScreen").asText("");
    in.put("logSeverityScreen", severity.isEmpty() ? "Info" : severity);
    in.put("nodeToNodeMeshEnabled", topo.nodeToNodeMesh());
    in.put("asNumber", topo.asNumber());
    return ordered(in, CONFIG_ORDER);
  }

  /** A reflector's global BGPPeer: peerIP, asNumber, and the password Secret reference when one is configured; no node, no nodeSelector. */
  public static ObjectNode peerSpec(BgpTopology topo, RouteReflector rr) {
    ObjectNode s = CalicoJson.object();
    s.put("peerIP", rr.ip().toCanonicalString());
    s.put("asNumber", topo.asNumber());
    if (topo.password() != null) {
      s.putObject("password").putObject("secretKeyRef").put("name", topo.password().name()).put("key", topo.password().key());
    }
    return s;
  }

  /**
   * A reflector's Calico Node spec: {@code spec.bgp.routeReflectorClusterID} set and {@code
   * ipv4Address} set to the reflector's IP (as {@code IP/32}) when the Node has none; everything
   * else kept. {@code bgp} goes first, as in Go's NodeSpec.
   */
  public static ObjectNode rrNodeSpec(ObjectNode existing, RouteReflector rr) {
    ObjectNode bgp = existing.path("bgp").isObject() ? ((ObjectNode) existing.get("bgp")).deepCopy() : CalicoJson.object();
    if (bgp.path("ipv4Address").asText("").isEmpty()) {
      bgp.put("ipv4Address", rr.ip().toCanonicalString() + "/32");
    }
    bgp.put("routeReflectorClusterID", rr.clusterId().toCanonicalString());
    return withBgp(existing, ordered(bgp, NODE_BGP_ORDER));
  }

  /** A Node that is no longer a reflector: {@code routeReflectorClusterID} removed, the rest kept. */
  public static ObjectNode plainNodeSpec(ObjectNode existing) {
    if (!existing.path("bgp").isObject()) {
      return existing.deepCopy();
    }
    ObjectNode bgp = ((ObjectNode) existing.get("bgp")).deepCopy();
    bgp.remove("routeReflectorClusterID");
    ObjectNode out = withBgp(existing, bgp);
    if (bgp.isEmpty()) {
      out.remove("bgp"); // Calico refuses an empty spec.bgp
    }
    return out;
  }

  private static ObjectNode withBgp(ObjectNode spec, ObjectNode bgp) {
    ObjectNode out = CalicoJson.object();
    out.set("bgp", bgp);
    Iterator<Map.Entry<String, JsonNode>> it = spec.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getKey().equals("bgp")) {
        out.set(e.getKey(), e.getValue().deepCopy());
      }
    }
    return out;
  }

  /** {@code in}'s fields with {@code first} (those present) in front, in that order. */
  static ObjectNode ordered(ObjectNode in, List<String> first) {
    ObjectNode out = CalicoJson.object();
    for (String f : first) {
      if (in.has(f)) {
        out.set(f, in.get(f));
      }
    }
    Iterator<Map.Entry<String, JsonNode>> it = in.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!out.has(e.getKey())) {
        out.set(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  /** The labels netctl puts on the objects it creates. */
  public static Map<String, String> managedLabels() {
    return Map.of(CalicoResource.MANAGED_BY, CalicoResource.NETCTL);
  }
}
