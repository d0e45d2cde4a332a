package io.netctl.bgp.calico;

import static io.netctl.bgp.calico.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.netctl.ipam.calico.CalicoKeys;
import io.netctl.ipam.store.MemoryStore;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The sessions confd renders (reference C.2, C.4), from the objects netctl applies and from others. */
class ConfdViewTest {
  final MemoryStore store = new MemoryStore();

  Map<String, ConfdView.NodeSessions> view() {
    return ConfdView.compute(CalicoBgpState.read(store)).stream().collect(Collectors.toMap(ConfdView.NodeSessions::node, n -> n));
  }

  static List<String> names(ConfdView.NodeSessions n) {
    return n.protocols().stream().map(BirdProtocol::name).toList();
  }

  @Test
  void withoutDefaultTheMeshIsOnAndReflectorNodesLeaveIt() {
    put(store, CalicoKeys.NODES + "node-a", calicoNode("node-a", "10.3.0.5/24"));
    put(store, CalicoKeys.NODES + "node-b", calicoNode("node-b", "10.3.0.6/24"));
    put(store, CalicoKeys.NODES + "rr-1", calicoNode("rr-1", "10.3.252.8/24").replace("\"bgp\":{", "\"bgp\":{\"routeReflectorClusterID\":\"1.0.0.1\","));
    Map<String, ConfdView.NodeSessions> v = view();
    assertThat(names(v.get("node-a"))).containsExactly("Mesh_10_3_0_6");
    assertThat(v.get("node-a").protocols().get(0).passive()).as("peer IP above own: passive").isTrue();
    assertThat(v.get("node-b").protocols().get(0).passive()).isFalse();
    assertThat(v.get("rr-1").protocols()).isEmpty();
    assertThat(v.get("rr-1").mesh()).contains("route reflector").contains("1.0.0.1");
  }

  @Test
  void afterApplyEveryNodeRunsGlobalSessionsToTheReflectorsAndTheReflectorNodeTheReverseOnes() {
    put(store, CalicoKeys.NODES + "node-a", calicoNode("node-a", "10.3.0.5/24"));
    put(store, CalicoKeys.NODES + "node-b", calicoNode("node-b", "10.3.0.6/24"));
    put(store, CalicoKeys.NODES + "rr-1", calicoNode("rr-1", "10.3.252.8/24"));
    plan(TWO_RRS, store).apply(store); // rr-1 is a calico-node, rr-2 standalone
    Map<String, ConfdView.NodeSessions> v = view();

    ConfdView.NodeSessions a = v.get("node-a");
    assertThat(a.mesh()).isEqualTo("node-to-node mesh disabled");
    assertThat(names(a)).containsExactly("Global_10_3_252_8", "Global_10_3_252_9");
    BirdProtocol g = a.protocols().get(0);
    assertThat(g.neighbor().toCanonicalString()).isEqualTo("10.3.252.8");
    assertThat(g.neighborAs()).isEqualTo(64512);
    assertThat(g.rrClient()).as("a plain node is no reflector").isFalse();
    assertThat(g.source()).isEqualTo("BGPPeer rr-10-3-252-8 (global)");

    ConfdView.NodeSessions rr = v.get("rr-1");
    assertThat(rr.rrClusterId()).isEqualTo("1.0.0.1");
    // its own global peer skipped; the other reflector as a global peer (rr client: C.4 caveat); reverse sessions to the nodes
    assertThat(names(rr)).containsExactly("Global_10_3_252_9", "Node_10_3_0_5", "Node_10_3_0_6");
    assertThat(rr.notes()).anyMatch(n -> n.contains("Global_10_3_252_8 skipped"));
    assertThat(rr.protocols()).allMatch(p -> p.rrClient() && p.rrClusterId().equals("1.0.0.1"));
    assertThat(rr.protocols().get(1).source()).isEqualTo("reverse of BGPPeer rr-10-3-252-8 for node node-a");
  }

  @Test
  void nodeSpecificPeersPortsAndUnevaluatedSelectors() {
    put(store, CalicoKeys.NODES + "node-a", calicoNode("node-a", "10.3.0.5/24"));
    put(store, CalicoKeys.BGPPEERS + "tor", """
        {"kind":"BGPPeer","apiVersion":"projectcalico.org/v3","metadata":{"name":"tor","uid":"u","creationTimestamp":"2026-01-02T03:04:05Z"},\
        "spec":{"node":"node-a","peerIP":"10.3.0.1:1790","asNumber":64512}}""");
    put(store, CalicoKeys.BGPPEERS + "odd", """
        {"kind":"BGPPeer","apiVersion":"projectcalico.org/v3","metadata":{"name":"odd","uid":"u","creationTimestamp":"2026-01-02T03:04:05Z"},\
        "spec":{"nodeSelector":"zone in {'a'}","peerIP":"10.3.0.2"}}""");
    ConfdView.NodeSessions a = view().get("node-a");
    assertThat(names(a)).as("the mesh is on (no default) but node-a has no other node").containsExactly("Node_10_3_0_1_port_1790");
    assertThat(a.protocols().get(0).port()).isEqualTo(1790);
    assertThat(a.notes()).anyMatch(n -> n.contains("not evaluated"));
  }

  // ---- the template's rules, against bird.cfg.template and client.go of Calico v3.30.0 ----

  @Test
  void theMeshIsPassiveTowardAPeerWhoseIpSortsHigherAsText() {
    // numerically 10.3.0.10 > 10.3.0.9; the template's gt compares the strings, and "10.3.0.10" < "10.3.0.9"
    put(store, CalicoKeys.NODES + "node-9", calicoNode("node-9", "10.3.0.9/24"));
    put(store, CalicoKeys.NODES + "node-10", calicoNode("node-10", "10.3.0.10/24"));
    Map<String, ConfdView.NodeSessions> v = view();
    assertThat(v.get("node-9").protocols()).singleElement().satisfies(p -> assertThat(p.passive()).as("10.3.0.9 toward 10.3.0.10").isFalse());
    assertThat(v.get("node-10").protocols()).singleElement().satisfies(p -> assertThat(p.passive()).as("10.3.0.10 toward 10.3.0.9").isTrue());
  }

  @Test
  void aGlobalPeerThatIsACalicoNodeIsPassiveOnNodesWhoseIpSortsLower() {
    put(store, CalicoKeys.NODES + "node-a", calicoNode("node-a", "10.3.0.10/24"));
    put(store, CalicoKeys.NODES + "node-b", calicoNode("node-b", "10.3.0.200/24"));
    put(store, CalicoKeys.NODES + "rr-1", calicoNode("rr-1", "10.3.0.9/24").replace("\"bgp\":{", "\"bgp\":{\"routeReflectorClusterID\":\"1.0.0.1\","));
    put(store, CalicoKeys.BGPPEERS + "to-rr", peer("to-rr", "10.3.0.9", "\"asNumber\":64512"));
    put(store, CalicoKeys.BGPPEERS + "to-tor", peer("to-tor", "10.3.0.1", "\"asNumber\":64512"));
    Map<String, ConfdView.NodeSessions> v = view();
    // "10.3.0.9" > "10.3.0.10" and > "10.3.0.200": both nodes wait for the reflector; never toward a peer that is no calico-node
    assertThat(v.get("node-a").protocols()).filteredOn(p -> p.name().equals("Global_10_3_0_9")).singleElement().satisfies(p -> assertThat(p.passive()).isTrue());
    assertThat(v.get("node-b").protocols()).filteredOn(p -> p.name().equals("Global_10_3_0_9")).singleElement().satisfies(p -> assertThat(p.passive()).isTrue());
    assertThat(v.get("node-a").protocols()).filteredOn(p -> p.name().equals("Global_10_3_0_1")).singleElement().satisfies(p -> assertThat(p.passive()).isFalse());
  }

  @Test
  void aPeerWithoutAsNumberIsRenderedAsZeroWithANote() {
    put(store, CalicoKeys.NODES + "node-a", calicoNode("node-a", "10.3.0.5/24"));
    put(store, CalicoKeys.BGPPEERS + "tor", peer("tor", "10.3.0.1", "\"node\":\"node-a\""));
    ConfdView.NodeSessions a = view().get("node-a");
    assertThat(a.protocols()).filteredOn(p -> p.name().equals("Node_10_3_0_1")).singleElement().satisfies(p -> assertThat(p.neighborAs()).isZero());
    assertThat(a.notes()).contains("Node_10_3_0_1: BGPPeer tor (peerIP 10.3.0.1) has no asNumber, so confd renders 'as 0', which BIRD refuses: the node keeps its previous bird.cfg");
  }

  @Test
  void aNodeSpecificPeerForAnIpWithAGlobalPeerIsDroppedByConfd() {
    put(store, CalicoKeys.NODES + "node-a", calicoNode("node-a", "10.3.0.5/24"));
    put(store, CalicoKeys.BGPPEERS + "global", peer("global", "10.3.252.8", "\"asNumber\":64512"));
    put(store, CalicoKeys.BGPPEERS + "mine", peer("mine", "10.3.252.8", "\"node\":\"node-a\",\"asNumber\":64512"));
    put(store, CalicoKeys.BGPPEERS + "other-port", peer("other-port", "10.3.252.8:1790", "\"node\":\"node-a\",\"asNumber\":64512"));
    ConfdView.NodeSessions a = view().get("node-a");
    assertThat(names(a)).containsExactly("Global_10_3_252_8", "Node_10_3_252_8_port_1790");
    assertThat(a.notes()).contains("Node_10_3_252_8 of BGPPeer mine (peerIP 10.3.252.8) dropped: a global BGPPeer has the same peer (confd keeps the Global_ session only)");
  }

  @Test
  void eachSessionSaysWhereItsPasswordComesFrom() {
    put(store, CalicoKeys.NODES + "node-a", calicoNode("node-a", "10.3.0.5/24"));
    put(store, CalicoKeys.BGPPEERS + "with", peer("with", "10.3.252.8", "\"asNumber\":64512,\"password\":{\"secretKeyRef\":{\"name\":\"bgp-secrets\",\"key\":\"rr-password\"}}"));
    put(store, CalicoKeys.BGPPEERS + "without", peer("without", "10.3.252.9", "\"asNumber\":64512"));
    ConfdView.NodeSessions a = view().get("node-a");
    assertThat(a.protocols()).extracting(BirdProtocol::password).containsExactly(
        "Secret bgp-secrets key rr-password in calico-node's namespace (none rendered if it cannot read it)", "");
  }

  static String peer(String name, String peerIp, String more) {
    return ("{\"kind\":\"BGPPeer\",\"apiVersion\":\"projectcalico.org/v3\",\"metadata\":{\"name\":\"%s\",\"uid\":\"u\","
        + "\"creationTimestamp\":\"2026-01-02T03:04:05Z\"},\"spec\":{\"peerIP\":\"%s\",%s}}").formatted(name, peerIp, more);
  }
}
