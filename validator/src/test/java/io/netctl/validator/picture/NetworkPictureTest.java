package io.netctl.validator.picture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import inet.ipaddr.IPAddressString;
import io.netctl.bgp.calico.BgpTopology;
import io.netctl.bgp.calico.RouteReflector;
import io.netctl.ipam.Allocator;
import io.netctl.ipam.IpamConfig;
import io.netctl.ipam.calico.CalicoKeys;
import io.netctl.ipam.store.MemoryStore;
import io.netctl.ipam.store.Txn;
import io.netctl.validator.CheckKind;
import io.netctl.validator.CheckRequest;
import io.netctl.validator.Checker;
import io.netctl.validator.ClusterState;
import io.netctl.validator.Code;
import io.netctl.validator.HostRef;
import io.netctl.validator.Intent;
import io.netctl.validator.observe.BirdProtocolStatus;
import io.netctl.validator.observe.MonitorSource;
import io.netctl.validator.routes.ReflectedRoute;
import io.netctl.validator.routes.RrObservation;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The pictures of a check run built from the run's read, findings and observations: a range of
 * eight /27s with three nodes, a foreign IPPool, a stray route; a reflector's BIRD with one
 * session up, one down, one absent; netctl's monitor session.
 */
public class NetworkPictureTest {
  static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
  static final String RR = "10.3.252.8";
  static final IpamConfig IPAM = IpamConfig.of(List.of("10.3.240.0/24"), 27);
  static final BgpTopology TOPOLOGY = new BgpTopology(64512, List.of(new RouteReflector("rr-1", v4(RR), v4("1.0.0.1"), Map.of())), List.of(), null);
  static final Intent INTENT = new Intent(IPAM, TOPOLOGY, List.of(), List.of());

  static inet.ipaddr.ipv4.IPv4Address v4(String s) {
    return new IPAddressString(s).getAddress().toIPv4();
  }

  static BirdProtocolStatus bgp(String peer, String state) {
    return new BirdProtocolStatus("Node_" + peer.replace('.', '_'), "BGP", "---", state.equals("Established") ? "up" : "start", "10:00:00",
        state, state, peer, OptionalLong.of(64512), OptionalLong.of(1), null);
  }

  static ReflectedRoute route(String prefix, String via) {
    return new ReflectedRoute(new IPAddressString(prefix).getAddress(), via, 0, via, List.of("1.0.0.1"));
  }

  /** The lab of this test: its read, and the run. */
  record Run(ClusterState state, Checker.Result result) {}

  static Run run() {
    MemoryStore store = new MemoryStore();
    Allocator a = new Allocator(store, IPAM, Clock.fixed(NOW, ZoneOffset.UTC));
    a.allocate("node-a", v4("192.0.2.1"), false);
    a.allocate("node-b", v4("192.0.2.2"), false);
    a.allocate("node-c", v4("192.0.2.3"), false);
    store.commit(Txn.builder().create(CalicoKeys.IPPOOLS + "foreign", "{\"kind\":\"IPPool\",\"apiVersion\":\"projectcalico.org/v3\","
        + "\"metadata\":{\"name\":\"foreign\"},\"spec\":{\"cidr\":\"10.3.240.192/26\",\"blockSize\":26}}").build());
    ClusterState state = ClusterState.read(store);
    MonitorSource monitor = () -> new MonitorSource.View(List.of(new RrObservation("rr-1", RR, List.of(
        route("10.3.240.0/27", "192.0.2.1"), route("10.3.240.32/27", "192.0.2.2"), route("10.3.240.128/27", "192.0.2.9")), null, 0)), List.of());
    List<BirdProtocolStatus> bird = List.of(bgp("192.0.2.1", "Established"), bgp("192.0.2.2", "Active"));
    CheckRequest req = CheckRequest.builder(EnumSet.allOf(CheckKind.class), NOW).tolerant(true).state(state)
        .monitor(monitor).bird(() -> bird, new HostRef.Named("rr-1", "--bird-of")).build();
    return new Run(state, new Checker(INTENT).run(req));
  }

  public static NetworkPicture picture() {
    Run r = run();
    return NetworkPicture.of(INTENT, r.state(), r.result(), NOW, "test", "FAIL: test");
  }

  @Test
  void everyBlockOfTheRangeHasTheStateItsHoldersFindingsAndRoutesGiveIt() {
    NetworkPicture p = picture();
    assertThat(p.ranges()).singleElement().satisfies(r -> {
      assertThat(r.blocks()).isEqualTo(8);
      assertThat(r.sparse()).isFalse();
      assertThat(r.cells()).extracting(PoolCell::cidr, PoolCell::state, PoolCell::node).containsExactly(
          tuple("10.3.240.0/27", PoolState.HEALTHY, "node-a"),
          tuple("10.3.240.32/27", PoolState.HEALTHY, "node-b"),
          tuple("10.3.240.64/27", PoolState.FINDINGS, "node-c"), // not advertised: ROUTE_MISSING
          tuple("10.3.240.96/27", PoolState.FREE, null),
          tuple("10.3.240.128/27", PoolState.SEEN, null), // a stray route
          tuple("10.3.240.160/27", PoolState.FREE, null),
          tuple("10.3.240.192/27", PoolState.FOREIGN, null),
          tuple("10.3.240.224/27", PoolState.FOREIGN, null));
      assertThat(r.counts()).containsEntry(PoolState.FOREIGN, 2L).containsEntry(PoolState.FREE, 2L).containsEntry(PoolState.HEALTHY, 2L);
      assertThat(r.used()).isEqualTo(5.0 / 8);
      PoolCell c = r.cells().get(2);
      assertThat(c.hostIp()).isEqualTo("192.0.2.3");
      assertThat(c.findings()).extracting(i -> p.findings().get(i).code()).contains(Code.ROUTE_MISSING);
      assertThat(r.cells().get(6).holder()).isEqualTo("IPPool foreign");
      assertThat(r.cells().get(4).seenBy()).containsExactly("rr-1");
    });
  }

  @Test
  void sessionsOfTheGraphHaveTheStateTheSourcesSawAndLinkTheirFindings() {
    NetworkPicture p = picture();
    assertThat(p.edges()).extracting(SessionEdge::node, SessionEdge::peer, SessionEdge::state).containsExactlyInAnyOrder(
        tuple("node-a", "rr-1", SessionState.ESTABLISHED),
        tuple("node-b", "rr-1", SessionState.DOWN),
        tuple("node-c", "rr-1", SessionState.DOWN), // BIRD of rr-1 was read: no protocol for node-c
        tuple("monitor", "rr-1", SessionState.ESTABLISHED));
    SessionEdge c = p.edges().stream().filter(e -> e.node().equals("node-c")).findFirst().orElseThrow();
    assertThat(c.findings()).extracting(i -> p.findings().get(i).code()).containsExactly(Code.SESSION_MISSING);
    int missing = c.findings().get(0);
    assertThat(p.targets().get(missing)).isEqualTo(c.anchor());
    assertThat(p.vertices()).extracting(Vertex::name, Vertex::kind).contains(tuple("rr-1", Vertex.Kind.ROUTE_REFLECTOR), tuple("monitor", Vertex.Kind.MONITOR));
  }

  @Test
  void withoutAnySessionSourceTheExpectedSessionsAreUnobserved() {
    Run r = run();
    Checker.Result none = new Checker(INTENT).run(CheckRequest.builder(EnumSet.of(CheckKind.CONFIG), NOW).state(r.state()).build());
    NetworkPicture p = NetworkPicture.of(INTENT, r.state(), none, NOW, "test", "OK");
    assertThat(p.edges()).hasSize(3).allSatisfy(e -> assertThat(e.state()).isEqualTo(SessionState.UNOBSERVED));
    assertThat(p.ranges().get(0).cells()).filteredOn(c -> c.state() == PoolState.SEEN).isEmpty();
  }

  @Test
  void aRangeTooLargeToDrawIsSparseWithExactCounts() {
    IpamConfig wide = IpamConfig.of(List.of("10.0.0.0/8"), 27);
    Intent intent = new Intent(wide, TOPOLOGY, List.of(), List.of());
    MemoryStore store = new MemoryStore();
    new Allocator(store, wide, Clock.fixed(NOW, ZoneOffset.UTC)).allocate("node-a", v4("192.0.2.1"), false);
    ClusterState state = ClusterState.read(store);
    Checker.Result r = new Checker(intent).run(CheckRequest.builder(EnumSet.of(CheckKind.CONFIG), NOW).state(state).build());
    RangeMap m = NetworkPicture.of(intent, state, r, NOW, "test", "OK").ranges().get(0);
    assertThat(m.blocks()).isEqualTo(1L << 19);
    assertThat(m.sparse()).isTrue();
    assertThat(m.cells()).extracting(PoolCell::cidr).containsExactly("10.0.0.0/27");
    assertThat(m.counts()).containsEntry(PoolState.FREE, (1L << 19) - 1);
  }

  @Test
  void anAgentNodeWithoutAllocationHasNoIpToDrawAndTheRunStillCompletes() {
    io.netctl.validator.observe.TcpSource tcp = () -> List.of(new io.netctl.validator.observe.TcpConnection("10.3.0.5", 51000, RR, 179,
        io.netctl.validator.observe.TcpConnection.TcpState.ESTABLISHED));
    Checker.Result r = new Checker(INTENT).run(CheckRequest.builder(EnumSet.of(CheckKind.SESSIONS), NOW).tolerant(true)
        .host(new HostRef.Node("node-z")).tcp(tcp).noState("no datastore configured").build());
    assertThat(r.tcp()).hasSize(1);
    assertThat(r.observed().sessions()).isEmpty();
    assertThat(r.observed().hostsRead()).isEmpty();
  }
}
