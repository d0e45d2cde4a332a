package io.netctl.bgp.calico;

import static io.netctl.bgp.calico.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.netctl.ipam.calico.CalicoJson;
import io.netctl.ipam.calico.CalicoKeys;
import io.netctl.ipam.store.MemoryStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Desired-state computation and diffing, on the in-memory store. */
class BgpPlannerTest {
  final MemoryStore store = new MemoryStore();

  static final String PEER_8 = CalicoKeys.BGPPEERS + "rr-10-3-252-8";
  static final String PEER_9 = CalicoKeys.BGPPEERS + "rr-10-3-252-9";

  JsonNode stored(String key) {
    return CalicoJson.parse(key, store.get(key).orElseThrow().value());
  }

  static List<String> summary(BgpPlan p) {
    List<String> out = new ArrayList<>();
    p.changes().forEach(c -> out.add(c.action() + " " + c.kind() + " " + c.name()));
    return out;
  }

  @Test
  void emptyStoreGetsTheGlobalConfigurationAndOneGlobalPeerPerReflector() {
    BgpPlan p = plan(TWO_RRS, store);
    assertThat(p.refusals()).isEmpty();
    assertThat(summary(p)).containsExactly(
        "create BGPConfiguration default", "create BGPPeer rr-10-3-252-8", "create BGPPeer rr-10-3-252-9");
    assertThat(p.changes().get(1).key()).isEqualTo(PEER_8);
    assertThat(p.notes()).hasSize(2).allMatch(n -> n.contains("standalone") && n.contains("render-rr"));
    p.apply(store);
    assertThat(plan(TWO_RRS, store).inSync()).as("apply then plan: in sync").isTrue();
  }

  @Test
  void peerNamesAreDnsLabelsDerivedFromTheIp() {
    assertThat(rr("anything", "10.3.252.8").peerName()).isEqualTo("rr-10-3-252-8").matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  }

  @Test
  void anExistingDefaultKeepsItsOtherFieldsAndItsLogSeverity() {
    put(store, CalicoBgpState.DEFAULT_CONFIG_KEY, """
        {"kind":"BGPConfiguration","apiVersion":"projectcalico.org/v3","metadata":{"name":"default","uid":"u-1","creationTimestamp":"2025-01-01T00:00:00Z"},\
        "spec":{"logSeverityScreen":"Debug","nodeToNodeMeshEnabled":true,"asNumber":64512,"serviceClusterIPs":[{"cidr":"10.96.0.0/12"}]}}""");
    BgpPlan p = plan(TWO_RRS, store);
    Change.Update u = (Change.Update) p.changes().get(0);
    assertThat(u.fields()).extracting(Change.FieldChange::field).containsExactly("spec.nodeToNodeMeshEnabled");
    assertThat(u.fields().get(0).from().asBoolean()).isTrue();
    assertThat(u.fields().get(0).to().asBoolean()).isFalse();
    p.apply(store);
    JsonNode d = stored(CalicoBgpState.DEFAULT_CONFIG_KEY);
    assertThat(d.at("/metadata/uid").asText()).isEqualTo("u-1");
    assertThat(d.at("/metadata/creationTimestamp").asText()).isEqualTo("2025-01-01T00:00:00Z");
    assertThat(d.at("/metadata/labels").isMissingNode()).as("netctl did not create it: no managed-by label").isTrue();
    assertThat(d.at("/spec/logSeverityScreen").asText()).isEqualTo("Debug");
    assertThat(d.at("/spec/serviceClusterIPs/0/cidr").asText()).isEqualTo("10.96.0.0/12");
  }

  @Test
  void anAsChangeIsAnUpdateOfExactlyTheChangedFields() {
    plan(TWO_RRS, store).apply(store);
    BgpTopology other = new BgpTopology(65001, TWO_RRS.routeReflectors(), List.of(), null);
    BgpPlan p = plan(other, store);
    assertThat(summary(p)).containsExactly("update BGPConfiguration default", "update BGPPeer rr-10-3-252-8", "update BGPPeer rr-10-3-252-9");
    for (Change c : p.changes()) {
      Change.Update u = (Change.Update) c;
      assertThat(u.fields()).hasSize(1);
      assertThat(u.fields().get(0).field()).isEqualTo("spec.asNumber");
      assertThat(u.fields().get(0).from().asLong()).isEqualTo(64512);
      assertThat(u.fields().get(0).to().asLong()).isEqualTo(65001);
    }
  }

  @Test
  void aReflectorLeavingDeletesOnlyItsPeerAndNeverAForeignOne() {
    plan(TWO_RRS, store).apply(store);
    put(store, CalicoKeys.BGPPEERS + "core-by-hand", foreignPeer("core-by-hand", "10.3.252.9", 64512));
    BgpTopology one = topo(rr("rr-1", "10.3.252.8"), rr("rr-3", "10.3.252.10"));
    BgpPlan p = plan(one, store);
    assertThat(summary(p)).containsExactly("create BGPPeer rr-10-3-252-10", "delete BGPPeer rr-10-3-252-9");
    assertThat(p.refusals()).as("the hand-made peer now points at no reflector").extracting(Refusal::code)
        .containsExactly(Refusal.Code.UNKNOWN_PEER);
  }

  @Test
  void aReflectorThatIsACalicoNodeGetsItsClusterIdAndLabelKeepingEverythingElse() {
    put(store, CalicoKeys.NODES + "rr-1", calicoNode("rr-1", "10.3.252.8/24"));
    RouteReflector rr1 = new RouteReflector("rr-1", ip("10.3.252.8"), ip("1.0.0.1"), Map.of("rack", "r1"));
    BgpTopology t = topo(rr1, rr("rr-2", "10.3.252.9"));
    BgpPlan p = plan(t, store);
    Change.Update u = (Change.Update) p.changes().stream().filter(c -> c.kind().equals("Node")).findFirst().orElseThrow();
    assertThat(u.fields()).extracting(Change.FieldChange::field).containsExactlyInAnyOrder(
        "metadata.labels.rack", "metadata.labels.route-reflector", "metadata.annotations." + DesiredObjects.RR_ANNOTATION,
        "spec.bgp.routeReflectorClusterID");
    assertThat(p.notes()).hasSize(1).allMatch(n -> n.contains("rr-2"));
    p.apply(store);
    JsonNode n = stored(CalicoKeys.NODES + "rr-1");
    assertThat(n.at("/metadata/uid").asText()).isEqualTo("0b7c7a4e-1111-4c1e-9e2f-1d3f5c6a7b8c");
    assertThat(n.at("/metadata/creationTimestamp").asText()).isEqualTo("2026-01-02T03:04:05Z");
    assertThat(n.at("/metadata/labels/route-reflector").asText()).isEqualTo("true");
    assertThat(n.at("/metadata/labels/kubernetes.io~1hostname").asText()).isEqualTo("rr-1");
    assertThat(n.at("/spec/bgp/ipv4Address").asText()).as("calico-node's own address kept").isEqualTo("10.3.252.8/24");
    assertThat(n.at("/spec/bgp/routeReflectorClusterID").asText()).isEqualTo("1.0.0.1");
    assertThat(n.at("/spec/orchRefs/0/nodeName").asText()).isEqualTo("rr-1");
    assertThat(n.get("status").isObject() && n.get("status").isEmpty()).as("status {} kept").isTrue();
    assertThat(n.has("resourceVersion") || n.at("/metadata").has("resourceVersion")).isFalse();

    // the reflector leaves the topology: its peer goes, its node becomes a plain node again
    BgpPlan back = plan(topo(rr("rr-2", "10.3.252.9")), store);
    assertThat(summary(back)).containsExactly("delete BGPPeer rr-10-3-252-8", "update Node rr-1");
    back.apply(store);
    JsonNode plain = stored(CalicoKeys.NODES + "rr-1");
    assertThat(plain.at("/metadata/labels").has("route-reflector")).isFalse();
    assertThat(plain.at("/metadata/labels").has("rack")).isFalse();
    assertThat(plain.at("/metadata/annotations").isMissingNode()).isTrue();
    assertThat(plain.at("/spec/bgp").has("routeReflectorClusterID")).isFalse();
    assertThat(plain.at("/spec/bgp/ipv4Address").asText()).isEqualTo("10.3.252.8/24");
  }

  @Test
  void aReflectorNodeIsFoundByItsIpAndGetsAnAddressWhenItHasNone() {
    put(store, CalicoKeys.NODES + "host-17", calicoNode("host-17", "10.3.252.8/24"));
    put(store, CalicoKeys.NODES + "rr-2", """
        {"kind":"Node","apiVersion":"projectcalico.org/v3","metadata":{"name":"rr-2","uid":"u2","creationTimestamp":"2026-01-02T03:04:05Z"},\
        "spec":{"orchRefs":[{"nodeName":"rr-2","orchestrator":"k8s"}]},"status":{}}""");
    BgpPlan p = plan(TWO_RRS, store);
    assertThat(summary(p)).as(p.notes() + " " + p.refusals()).contains("update Node host-17", "update Node rr-2");
    p.apply(store);
    JsonNode rr2 = stored(CalicoKeys.NODES + "rr-2");
    assertThat(rr2.at("/spec/bgp/ipv4Address").asText()).isEqualTo("10.3.252.9/32");
    List<String> order = new ArrayList<>();
    rr2.get("spec").fieldNames().forEachRemaining(order::add);
    assertThat(order).as("NodeSpec: bgp first, as Go marshals it").containsExactly("bgp", "orchRefs");
    List<String> bgpOrder = new ArrayList<>();
    rr2.at("/spec/bgp").fieldNames().forEachRemaining(bgpOrder::add);
    assertThat(bgpOrder).containsExactly("ipv4Address", "routeReflectorClusterID");
  }

  @Test
  void thePasswordReferenceGoesIntoEveryReflectorPeer() {
    BgpTopology t = new BgpTopology(64512, TWO_RRS.routeReflectors(), List.of(), new SecretRef("bgp-secrets", "rr-password"));
    plan(t, store).apply(store);
    JsonNode spec = stored(PEER_8).get("spec");
    List<String> order = new ArrayList<>();
    spec.fieldNames().forEachRemaining(order::add);
    assertThat(order).containsExactly("peerIP", "asNumber", "password");
    assertThat(spec.at("/password/secretKeyRef/name").asText()).isEqualTo("bgp-secrets");
    assertThat(spec.at("/password/secretKeyRef/key").asText()).isEqualTo("rr-password");
  }

  @Test
  void fieldDiffReportsAddedChangedAndRemovedFields() {
    var a = io.netctl.ipam.calico.CalicoResource.parse(new io.netctl.ipam.store.KeyValue("/k/a", foreignPeer("a", "10.0.0.1", 1), 1, 1, 1), null);
    var spec = a.spec().deepCopy();
    spec.put("asNumber", 2);
    spec.remove("peerIP");
    spec.put("node", "n1");
    var b = a.update(Map.of("x", "y"), Map.of(), spec);
    assertThat(FieldDiff.of(a, b)).extracting(f -> f.field() + ":" + f.from() + "->" + f.to())
        .containsExactlyInAnyOrder("spec.peerIP:\"10.0.0.1\"->null", "spec.asNumber:1->2", "spec.node:null->\"n1\"", "metadata.labels.x:null->\"y\"");
  }
}
