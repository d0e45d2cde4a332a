package io.netctl.validator.config;

import static org.assertj.core.api.Assertions.assertThat;

import inet.ipaddr.IPAddressString;
import io.netctl.bgp.calico.BgpPlanner;
import io.netctl.bgp.calico.BgpTopology;
import io.netctl.bgp.calico.CalicoBgpState;
import io.netctl.bgp.calico.RouteReflector;
import io.netctl.ipam.IpamConfig;
import io.netctl.ipam.store.KeyValue;
import io.netctl.ipam.store.MemoryStore;
import io.netctl.ipam.store.Txn;
import io.netctl.validator.Code;
import io.netctl.validator.Finding;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every BGP configuration code, on an applied topology and on one breakage at a time. */
class BgpConfigChecksTest {
  static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
  final MemoryStore store = new MemoryStore();
  final BgpTopology topo = new BgpTopology(64512, List.of(
      new RouteReflector("rr-1", new IPAddressString("10.3.252.8").getAddress().toIPv4(), new IPAddressString("1.0.0.1").getAddress().toIPv4(), Map.of())),
      List.of(), null);

  @BeforeEach
  void applied() {
    BgpPlanner.plan(topo, IpamConfig.DEFAULT.ranges(), CalicoBgpState.read(store), NOW).apply(store);
  }

  List<Finding> findings() {
    return findings(topo);
  }

  List<Finding> findings(BgpTopology t) {
    return BgpConfigChecks.check(t, IpamConfig.DEFAULT.ranges(), CalicoBgpState.read(store), NOW).findings();
  }

  void edit(String key, String from, String to) {
    KeyValue kv = store.get(key).orElseThrow();
    assertThat(kv.value()).contains(from);
    store.commit(Txn.builder().update(kv, kv.value().replace(from, to)).build());
  }

  @Test
  void anAppliedTopologyHasNoFindings() {
    assertThat(findings()).isEmpty();
  }

  @Test
  void aPeerWithAnotherAs() {
    edit("/calico/resources/v3/projectcalico.org/bgppeers/rr-10-3-252-8", "\"asNumber\":64512", "\"asNumber\":64513");
    assertThat(findings()).extracting(Finding::code, Finding::subject)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Code.AS_NOT_UNIFORM, "bgppeer/rr-10-3-252-8"));
  }

  @Test
  void aGlobalAsThatDiffersFromNetctlYaml() {
    edit("/calico/resources/v3/projectcalico.org/bgpconfigurations/default", "\"asNumber\":64512", "\"asNumber\":64513");
    assertThat(findings()).extracting(Finding::code).contains(Code.AS_NOT_UNIFORM);
  }

  @Test
  void theMeshTurnedOn() {
    edit("/calico/resources/v3/projectcalico.org/bgpconfigurations/default", "\"nodeToNodeMeshEnabled\":false", "\"nodeToNodeMeshEnabled\":true");
    assertThat(findings()).extracting(Finding::code).containsExactly(Code.MESH_ON);
    store.commit(Txn.builder().delete(store.get("/calico/resources/v3/projectcalico.org/bgpconfigurations/default").orElseThrow()).build());
    assertThat(findings()).extracting(Finding::code).as("no default means the mesh is on").contains(Code.MESH_ON);
  }

  @Test
  void aReflectorWithoutItsPeer() {
    store.commit(Txn.builder().delete(store.get("/calico/resources/v3/projectcalico.org/bgppeers/rr-10-3-252-8").orElseThrow()).build());
    assertThat(findings()).extracting(Finding::code).contains(Code.RR_PEER_MISSING);
  }

  @Test
  void aPeerThatIsNotGlobal() {
    edit("/calico/resources/v3/projectcalico.org/bgppeers/rr-10-3-252-8", "\"spec\":{", "\"spec\":{\"node\":\"node-a\",");
    assertThat(findings()).extracting(Finding::code).contains(Code.PEER_NOT_GLOBAL);
  }

  @Test
  void aPeerForAnUnknownIp() {
    store.commit(Txn.builder().create("/calico/resources/v3/projectcalico.org/bgppeers/old-rr",
        "{\"kind\":\"BGPPeer\",\"apiVersion\":\"projectcalico.org/v3\",\"metadata\":{\"name\":\"old-rr\",\"uid\":\"u\",\"creationTimestamp\":\"2026-01-01T00:00:00Z\"},\"spec\":{\"peerIP\":\"10.3.252.99\",\"asNumber\":64512}}").build());
    assertThat(findings()).extracting(Finding::code).containsExactly(Code.PEER_UNKNOWN);
  }

  @Test
  void noReflectorWithTheMeshOff() {
    // the last reflector removed from netctl.yaml and its peer deleted: the mesh stays off with nobody to peer with
    store.commit(Txn.builder().delete(store.get("/calico/resources/v3/projectcalico.org/bgppeers/rr-10-3-252-8").orElseThrow()).build());
    BgpTopology none = new BgpTopology(64512, List.of(), List.of(), null);
    assertThat(findings(none)).extracting(Finding::code).containsExactly(Code.NO_ROUTE_REFLECTOR);
  }

  @Test
  void aReflectorInsideAPool() {
    BgpTopology inPool = new BgpTopology(64512, List.of(
        new RouteReflector("rr-1", new IPAddressString("10.3.240.8").getAddress().toIPv4(), new IPAddressString("1.0.0.1").getAddress().toIPv4(), Map.of())),
        List.of(), null);
    assertThat(findings(inPool)).extracting(Finding::code).contains(Code.RR_IP_IN_POOL);
  }

  @Test
  void driftAloneIsAWarning() {
    BgpTopology two = new BgpTopology(64512, List.of(topo.routeReflectors().get(0),
        new RouteReflector("rr-2", new IPAddressString("10.3.252.9").getAddress().toIPv4(), new IPAddressString("1.0.0.1").getAddress().toIPv4(), Map.of())),
        List.of(), null);
    List<Finding> f = findings(two);
    assertThat(f).extracting(Finding::code).containsExactly(Code.RR_PEER_MISSING);
    store.commit(Txn.builder().update(store.get("/calico/resources/v3/projectcalico.org/bgpconfigurations/default").orElseThrow(),
        store.get("/calico/resources/v3/projectcalico.org/bgpconfigurations/default").orElseThrow().value().replace("\"Info\"", "\"Debug\"")).build());
    assertThat(findings()).isEmpty(); // an operator's log level is kept, not drift
  }

  @Test
  void aDifferenceNoOtherFindingExplainsIsDrift() {
    // netctl.yaml now sets a BGP password: bgp plan would update rr-1's BGPPeer, and nothing else is wrong
    BgpTopology changed = new BgpTopology(64512, topo.routeReflectors(), List.of(), new io.netctl.bgp.calico.SecretRef("bgp-secrets", "rr-password"));
    assertThat(findings(changed)).singleElement().satisfies(f -> {
      assertThat(f.code()).isEqualTo(Code.BGP_DRIFT);
      assertThat(f.subject()).isEqualTo("bgp-plan");
      assertThat(f.observed()).startsWith("1 change(s): ");
    });
    assertThat(findings()).isEmpty();
  }

  @Test
  void anUnreadablePeerIsOneFindingAndTheRestIsStillChecked() {
    String key = "/calico/resources/v3/projectcalico.org/bgppeers/rr-10-3-252-8";
    store.commit(Txn.builder().update(store.get(key).orElseThrow(), "peerIP: 10.3.252.8").build());
    store.commit(Txn.builder().create("/calico/resources/v3/projectcalico.org/bgppeers/other", "{\"kind\":\"Node\"}").build());
    assertThat(findings()).extracting(Finding::code, Finding::subject).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple(Code.RECORD_MALFORMED, key),
        org.assertj.core.groups.Tuple.tuple(Code.RECORD_MALFORMED, "/calico/resources/v3/projectcalico.org/bgppeers/other"));
    assertThat(findings()).filteredOn(f -> f.subject().endsWith("/other")).singleElement()
        .satisfies(f -> assertThat(f.observed()).isEqualTo("it holds kind \"Node\", expected BGPPeer"));
    // bgp apply would have to overwrite it: refused, nothing written
    assertThat(BgpPlanner.plan(topo, IpamConfig.DEFAULT.ranges(), CalicoBgpState.read(store), NOW).refusals())
        .extracting(r -> r.code()).containsExactly(io.netctl.bgp.calico.Refusal.Code.MALFORMED);
  }

  @Test
  void aStandaloneReflectorsClientWhoseHostIpIsNotItsBgpAddress() {
    io.netctl.ipam.Allocator a = new io.netctl.ipam.Allocator(store, IpamConfig.DEFAULT, java.time.Clock.systemUTC());
    io.netctl.validator.CalicoNodes.register(store, "node-a", "10.3.0.1/24");
    io.netctl.validator.CalicoNodes.register(store, "node-b", "10.3.1.2/24"); // calico-node autodetected another interface
    a.allocate("node-a", new IPAddressString("10.3.0.1").getAddress().toIPv4(), false);
    a.allocate("node-b", new IPAddressString("10.3.0.2").getAddress().toIPv4(), false);
    a.allocate("node-c", new IPAddressString("10.3.0.3").getAddress().toIPv4(), false); // no Calico Node yet: nothing to compare
    assertThat(findings()).singleElement().satisfies(f -> {
      assertThat(f.code()).isEqualTo(Code.RR_NEIGHBOR_ADDRESS_MISMATCH);
      assertThat(f.subject()).isEqualTo("node-b");
      assertThat(f.observed()).isEqualTo("host IP 10.3.0.2: a reflector rendered from it waits for 10.3.0.2 while calico-node connects from 10.3.1.2");
    });
    // render-rr names the client by the address calico-node connects from
    assertThat(io.netctl.bgp.calico.RrBirdConfig.clients(topo, CalicoBgpState.read(store)))
        .extracting(c -> c.node() + "@" + c.ip()).containsExactly("node-a@10.3.0.1", "node-c@10.3.0.3", "node-b@10.3.1.2");
  }
}
