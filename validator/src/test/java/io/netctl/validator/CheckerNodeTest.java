package io.netctl.validator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import inet.ipaddr.IPAddressString;
import io.netctl.bgp.calico.BgpTopology;
import io.netctl.bgp.calico.RouteReflector;
import io.netctl.ipam.Allocator;
import io.netctl.ipam.IpamConfig;
import io.netctl.ipam.UnreachableException;
import io.netctl.ipam.store.MemoryStore;
import io.netctl.lvs.Ipv4Prefix;
import io.netctl.lvs.KernelRoute;
import io.netctl.lvs.RouteType;
import io.netctl.validator.observe.BirdProtocolStatus;
import io.netctl.validator.observe.FlapCounter;
import io.netctl.validator.observe.PeerSession;
import io.netctl.validator.observe.RouteTableSource;
import io.netctl.validator.observe.SessionSamples;
import io.netctl.validator.observe.TcpConnection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** A node's checks as the agent runs them through the checker: BIRD's protocols or the TCP table, and its kernel routes. */
class CheckerNodeTest {
  private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
  private static final String RR = "10.3.252.8";
  private static final BgpTopology TOPOLOGY = new BgpTopology(64512, List.of(new RouteReflector("rr-1", new IPAddressString(RR).getAddress().toIPv4(),
      new IPAddressString("1.0.0.1").getAddress().toIPv4(), Map.of())), List.of(), null);
  private final Checker checker = new Checker(new Intent(IpamConfig.DEFAULT, TOPOLOGY, List.of(), List.of()));

  static BirdProtocolStatus bgp(String peer, String state, String since, long routes) {
    return new BirdProtocolStatus("Global_" + peer.replace('.', '_'), "BGP", "---", state.equals("Established") ? "up" : "start", since,
        state, state, peer, OptionalLong.of(64512), OptionalLong.of(routes), state.equals("Established") ? null : "Socket: Connection refused");
  }

  static KernelRoute route(String dst, String via, RouteType type) {
    return new KernelRoute(Ipv4Prefix.of(new IPAddressString(dst).getAddress()), KernelRoute.MAIN, 12, type,
        via == null ? List.of() : List.of(new IPAddressString(via).getAddress().toIPv4()), "eth0", 0);
  }

  private static ClusterState threeNodes() {
    MemoryStore store = new MemoryStore();
    Allocator a = new Allocator(store, IpamConfig.DEFAULT, Clock.fixed(NOW, ZoneOffset.UTC));
    a.allocate("node-a", new IPAddressString("192.0.2.1").getAddress().toIPv4(), false);
    a.allocate("node-b", new IPAddressString("192.0.2.2").getAddress().toIPv4(), false);
    a.allocate("node-c", new IPAddressString("192.0.2.3").getAddress().toIPv4(), false);
    return ClusterState.read(store);
  }

  /** The agent's request with BIRD answering {@code reads} in turn (the last one again once they are used up). */
  private static CheckRequest.Builder agent(List<List<BirdProtocolStatus>> reads) {
    int[] read = {0};
    return CheckRequest.builder(EnumSet.of(CheckKind.SESSIONS, CheckKind.ROUTES), NOW).tolerant(true)
        .host(new HostRef.Node("node-a"))
        .bird(() -> reads.get(Math.min(read[0]++, reads.size() - 1)), null)
        .state(threeNodes());
  }

  @Test
  void birdStatesBecomeFindingsAndNumericSessionStateWithFlapsBetweenRounds() {
    String other = "10.3.252.99";
    FlapCounter flaps = new FlapCounter();
    Checker.Result r1 = checker.run(agent(List.of(List.of(bgp(RR, "Active", "10:00:00.000", 0), bgp(other, "Established", "10:00:00.000", 40)))).build());
    assertThat(r1.report().findings()).extracting(Finding::code, Finding::subject).containsExactlyInAnyOrder(
        tuple(Code.SESSION_NOT_ESTABLISHED, "node-a -> " + RR), tuple(Code.SESSION_UNEXPECTED, "node-a -> " + other));
    assertThat(SessionSamples.bird(r1.bird(), flaps)).containsExactly(new PeerSession(RR, 3, 0, 0), new PeerSession(other, 6, 0, 40));
    // between two rounds the other session went down and came back: its "since" moved
    Checker.Result r2 = checker.run(agent(List.of(List.of(bgp(RR, "Established", "10:00:20.000", 40), bgp(other, "Established", "10:00:25.000", 40)))).build());
    assertThat(SessionSamples.bird(r2.bird(), flaps)).containsExactly(new PeerSession(RR, 6, 0, 40), new PeerSession(other, 6, 1, 40));
    assertThat(r2.report().findings()).extracting(Finding::code).containsExactly(Code.SESSION_UNEXPECTED);
  }

  @Test
  void aRequiredSessionThatChangesDuringOneRoundFlaps() {
    Checker.Result r = checker.run(agent(List.of(List.of(bgp(RR, "Established", "10:00:00.000", 40)), List.of(bgp(RR, "Established", "10:00:07.000", 40))))
        .build());
    assertThat(r.report().findings()).extracting(Finding::code, Finding::subject).containsExactly(tuple(Code.SESSION_FLAPPING, "node-a -> " + RR));
  }

  @Test
  void withoutBirdTheTcpTableServesAndTheReportSaysWhyBirdWasNotRead() {
    CheckRequest req = CheckRequest.builder(EnumSet.of(CheckKind.SESSIONS), NOW).tolerant(true)
        .host(new HostRef.Node("node-a"))
        .bird(() -> {
          throw new UnreachableException("BIRD socket /x does not exist");
        }, null)
        .tcp(() -> List.of(new TcpConnection("192.0.2.1", 40000, "10.3.252.77", 179, TcpConnection.TcpState.ESTABLISHED)))
        .state(threeNodes()).build();
    Checker.Result r = checker.run(req);
    assertThat(r.report().findings()).extracting(Finding::code, Finding::subject).containsExactlyInAnyOrder(
        tuple(Code.SESSION_MISSING, "node-a -> " + RR), tuple(Code.SESSION_UNEXPECTED, "node-a -> 10.3.252.77"));
    assertThat(r.report().checks()).filteredOn(c -> !c.ran()).extracting(Report.CheckRun::reason).containsExactly("BIRD socket /x does not exist");
    assertThat(SessionSamples.tcp(r.tcp(), List.of(RR), new FlapCounter()))
        .containsExactly(new PeerSession(RR, 1, 0, 0), new PeerSession("10.3.252.77", 6, 0, 0));
  }

  @Test
  void routesToOtherNodesPoolsMissingWrongAndStray() {
    List<KernelRoute> routes = List.of(
        route("10.3.240.0/27", null, RouteType.BLACKHOLE), // own pool: fine
        route("10.3.240.5/32", null, RouteType.UNICAST), // a pod of this node: fine
        route("10.3.240.32/27", "192.0.2.9", RouteType.UNICAST), // node-b via the wrong host
        route("10.3.241.0/27", "192.0.2.7", RouteType.UNICAST), // nobody's pool
        route("172.31.0.0/24", null, RouteType.UNICAST));
    CheckRequest req = CheckRequest.builder(EnumSet.of(CheckKind.ROUTES), NOW).tolerant(true).host(new HostRef.Node("node-a"))
        .routes(table(routes)).state(threeNodes()).build();
    assertThat(checker.run(req).report().findings()).extracting(Finding::code, Finding::subject).containsExactlyInAnyOrder(
        tuple(Code.ROUTE_WRONG_NEXT_HOP, "node-a kernel 10.3.240.32/27"),
        tuple(Code.ROUTE_MISSING, "node-a kernel 10.3.240.64/27"),
        tuple(Code.ROUTE_STRAY, "node-a kernel 10.3.241.0/27"));
  }

  @Test
  void withoutDatastoreTheRouteCheckSaysWhyItDidNotRun() {
    CheckRequest req = CheckRequest.builder(EnumSet.of(CheckKind.ROUTES), NOW).tolerant(true).host(new HostRef.Node("node-a"))
        .routes(table(List.of())).noState("no datastore configured").build();
    Report r = checker.run(req).report();
    assertThat(r.checks()).filteredOn(c -> !c.ran()).extracting(Report.CheckRun::reason).containsExactly("no datastore configured");
    assertThat(r.nothingRan()).isTrue();
  }

  private static RouteTableSource table(List<KernelRoute> routes) {
    return new RouteTableSource() {
      @Override
      public List<KernelRoute> routes() {
        return routes;
      }

      @Override
      public String where() {
        return "a test table";
      }
    };
  }
}
