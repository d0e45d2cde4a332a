package io.netctl.bgp.calico;

import static io.netctl.bgp.calico.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netctl.ipam.RefusedException;
import io.netctl.ipam.calico.CalicoKeys;
import io.netctl.ipam.store.MemoryStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every refusal: one line naming the objects, and nothing written. */
class BgpChecksTest {
  final MemoryStore store = new MemoryStore();

  /** Plans, expects exactly {@code code} among the refusals, and checks apply writes nothing. */
  Refusal refused(BgpTopology topo, Refusal.Code code) {
    BgpPlan p = plan(topo, store);
    assertThat(p.refusals()).extracting(Refusal::code).containsExactly(code);
    long before = store.range("/").revision();
    assertThatThrownBy(() -> p.apply(store)).isInstanceOf(RefusedException.class);
    assertThat(store.range("/").revision()).as("nothing written").isEqualTo(before);
    Refusal r = p.refusals().get(0);
    assertThat(r.message()).doesNotContain("\n");
    return r;
  }

  @Test
  void aForeignPeerWithAnotherAsIsRefusedAndNamed() {
    put(store, CalicoKeys.BGPPEERS + "legacy-rr", foreignPeer("legacy-rr", "10.3.252.8", 64513));
    Refusal r = refused(TWO_RRS, Refusal.Code.NON_UNIFORM_AS);
    assertThat(r.message()).contains("BGPPeer legacy-rr").contains("10.3.252.8").contains("64513").contains("64512");
  }

  @Test
  void aPeerAsGivenAsAsdotStringIsReadLikeCalicoDoes() {
    put(store, CalicoKeys.BGPPEERS + "dotted", foreignPeer("dotted", "10.3.252.8", 0).replace("\"asNumber\":0", "\"asNumber\":\"0.64512\""));
    assertThat(plan(TWO_RRS, store).refusals()).isEmpty();
    put(store, CalicoKeys.BGPPEERS + "dotted", foreignPeer("dotted", "10.3.252.8", 0).replace("\"asNumber\":0", "\"asNumber\":\"1.10\""));
    assertThat(refused(TWO_RRS, Refusal.Code.NON_UNIFORM_AS).message()).contains("65546");
  }

  @Test
  void aNodeWithItsOwnAsIsRefused() {
    put(store, CalicoKeys.NODES + "node-1", calicoNode("node-1", "10.3.0.5/24").replace("\"bgp\":{", "\"bgp\":{\"asNumber\":64600,"));
    assertThat(refused(TWO_RRS, Refusal.Code.NON_UNIFORM_AS).message()).contains("Node node-1").contains("64600");
  }

  @Test
  void aCoreSwitchMayHaveItsOwnAs() {
    BgpTopology t = new BgpTopology(64512, TWO_RRS.routeReflectors(), List.of(new CoreSwitch("core-1", ip("10.3.0.1"), 65000, null)), null);
    put(store, CalicoKeys.BGPPEERS + "rr-to-core", foreignPeer("rr-to-core", "10.3.0.1", 65000));
    assertThat(plan(t, store).refusals()).isEmpty();
  }

  @Test
  void theMeshOnWithReflectorsIsRefused() {
    BgpTopology t = new BgpTopology(64512, TWO_RRS.routeReflectors(), List.of(), null, true);
    assertThat(refused(t, Refusal.Code.MESH_WITH_ROUTE_REFLECTORS).message()).contains("rr-1, rr-2");
  }

  @Test
  void theMeshOnWhileANodeInTheDatastoreIsAReflectorIsRefused() {
    put(store, CalicoKeys.NODES + "old-rr", calicoNode("old-rr", "10.3.0.9/24").replace("\"bgp\":{", "\"bgp\":{\"routeReflectorClusterID\":\"1.0.0.2\","));
    BgpTopology meshOnly = new BgpTopology(64512, List.of(), List.of(), null, true);
    assertThat(refused(meshOnly, Refusal.Code.MESH_WITH_ROUTE_REFLECTORS).message()).contains("Node old-rr");
  }

  @Test
  void theMeshOffWithNothingToPeerWithIsRefused() {
    assertThat(refused(BgpTopology.defaults(), Refusal.Code.NO_PEERING).message()).contains("no route reflector");
    assertThat(plan(new BgpTopology(64512, List.of(), List.of(), null, true), store).refusals()).as("a mesh-only cluster is fine").isEmpty();
  }

  @Test
  void aReflectorIpInsideAnIpPoolOrANetctlRangeIsRefused() {
    put(store, CalicoKeys.IPPOOLS + "legacy", pool("legacy", "10.3.252.0/27"));
    BgpTopology one = topo(rr("rr-1", "10.3.252.8"));
    assertThat(refused(one, Refusal.Code.RR_IP_IN_POOL).message()).isEqualTo("route reflector rr-1 IP 10.3.252.8 is inside IPPool legacy (10.3.252.0/27)");
    MemoryStore empty = new MemoryStore();
    BgpPlan p = BgpPlanner.plan(topo(rr("rr-1", "10.3.241.8")), RANGES, CalicoBgpState.read(empty), NOW);
    assertThat(p.refusals()).extracting(Refusal::message).containsExactly("route reflector rr-1 IP 10.3.241.8 is inside netctl's container range 10.3.240.0/21");
  }

  @Test
  void aPeerPointingAtItsOwnNodeIsRefused() {
    put(store, CalicoKeys.NODES + "node-1", calicoNode("node-1", "10.3.252.8/24"));
    put(store, CalicoKeys.BGPPEERS + "self", """
        {"kind":"BGPPeer","apiVersion":"projectcalico.org/v3","metadata":{"name":"self","uid":"u","creationTimestamp":"2026-01-02T03:04:05Z"},\
        "spec":{"node":"node-1","peerIP":"10.3.252.8","asNumber":64512}}""");
    BgpTopology t = topo(rr("node-1", "10.3.252.8"));
    assertThat(refused(t, Refusal.Code.PEER_TO_SELF).message()).contains("BGPPeer self").contains("Node node-1");
  }

  @Test
  void aPeerSelectedByLabelPointingAtItsOwnNodeIsRefused() {
    put(store, CalicoKeys.NODES + "node-1", calicoNode("node-1", "10.3.252.8/24"));
    put(store, CalicoKeys.BGPPEERS + "sel", """
        {"kind":"BGPPeer","apiVersion":"projectcalico.org/v3","metadata":{"name":"sel","uid":"u","creationTimestamp":"2026-01-02T03:04:05Z"},\
        "spec":{"nodeSelector":"kubernetes.io/hostname == 'node-1'","peerIP":"10.3.252.8","asNumber":64512}}""");
    assertThat(refused(topo(rr("node-1", "10.3.252.8")), Refusal.Code.PEER_TO_SELF).message()).contains("BGPPeer sel");
  }

  @Test
  void aPeerToAnUnknownIpManagedByNoOneIsRefused() {
    put(store, CalicoKeys.BGPPEERS + "mystery", foreignPeer("mystery", "10.9.9.9", 64512));
    Refusal r = refused(TWO_RRS, Refusal.Code.UNKNOWN_PEER);
    assertThat(r.message()).contains("BGPPeer mystery").contains("10.9.9.9");
    // labelled with its owner: someone manages it, netctl leaves it alone
    put(store, CalicoKeys.BGPPEERS + "mystery", foreignPeer("mystery", "10.9.9.9", 64512)
        .replace("\"creationTimestamp\":\"2026-01-02T03:04:05Z\"", "\"creationTimestamp\":\"2026-01-02T03:04:05Z\",\"labels\":{\"app.kubernetes.io/managed-by\":\"metallb\"}"));
    assertThat(plan(TWO_RRS, store).refusals()).isEmpty();
  }

  @Test
  void aForeignObjectUnderOurNameIsNeverOverwritten() {
    put(store, CalicoKeys.BGPPEERS + "rr-10-3-252-8", foreignPeer("rr-10-3-252-8", "10.3.252.8", 64512));
    assertThat(refused(TWO_RRS, Refusal.Code.NOT_MANAGED).message()).contains("BGPPeer rr-10-3-252-8").contains("rr-1");
  }

  @Test
  void aReflectorNodeWithAnotherAddressIsRefused() {
    put(store, CalicoKeys.NODES + "rr-1", calicoNode("rr-1", "10.3.252.99/24"));
    assertThat(refused(TWO_RRS, Refusal.Code.RR_NODE_IP_MISMATCH).message()).contains("Node rr-1").contains("10.3.252.99/24").contains("10.3.252.8");
  }

  @Test
  void selectorsEvaluateTheCommonSubsetAndNothingElse() {
    Map<String, String> l = Map.of("route-reflector", "true", "zone", "a");
    assertThat(Selector.matches("all()", l)).contains(true);
    assertThat(Selector.matches("route-reflector == 'true'", l)).contains(true);
    assertThat(Selector.matches("has(zone) && zone != \"b\"", l)).contains(true);
    assertThat(Selector.matches("!has(zone)", l)).contains(false);
    assertThat(Selector.matches("zone in {'a','b'}", l)).isEmpty();
  }

  @Test
  void aPeerWithoutAsNumberIsRefusedBecauseConfdRendersAsZero() {
    put(store, CalicoKeys.BGPPEERS + "tor", """
        {"kind":"BGPPeer","apiVersion":"projectcalico.org/v3","metadata":{"name":"tor","uid":"u","creationTimestamp":"2026-01-02T03:04:05Z",\
        "labels":{"app.kubernetes.io/managed-by":"ops"}},"spec":{"peerIP":"10.3.0.1"}}""");
    Refusal r = refused(TWO_RRS, Refusal.Code.NON_UNIFORM_AS);
    assertThat(r.message()).isEqualTo("BGPPeer tor (peerIP 10.3.0.1) has no asNumber: confd renders 'as 0', which BIRD refuses,"
        + " so calico-node keeps its previous bird.cfg; set asNumber 64512");
  }
}
