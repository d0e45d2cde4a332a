package io.netctl.validator.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import inet.ipaddr.IPAddressString;
import io.netctl.bgp.calico.Bfd;
import io.netctl.bgp.calico.BgpTopology;
import io.netctl.bgp.calico.CoreSwitch;
import io.netctl.bgp.calico.RouteReflector;
import io.netctl.ipam.Allocation;
import io.netctl.validator.Code;
import io.netctl.validator.Finding;
import io.netctl.validator.Report;
import io.netctl.validator.observe.BfdSession;
import io.netctl.validator.observe.BirdProtocolStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** BFD beside the node–reflector sessions: down, missing, or as configured; other sessions and BFD off give nothing. */
class BfdChecksTest {
  static final Bfd ON = new Bfd(true, Duration.ofMillis(300), 3);
  static final BgpTopology TOPO = new BgpTopology(64512,
      List.of(new RouteReflector("rr-1", ip("172.31.0.1"), ip("1.0.0.1"), Map.of())),
      List.of(new CoreSwitch("core-1", ip("172.31.0.254"), 65000, null)), null);
  static final List<Allocation> ALLOC = List.of(
      new Allocation("node-b", new IPAddressString("10.3.240.0/27").getAddress(), ip("172.31.0.2"), Instant.EPOCH, Instant.EPOCH),
      new Allocation("node-c", new IPAddressString("10.3.240.32/27").getAddress(), ip("172.31.0.3"), Instant.EPOCH, Instant.EPOCH),
      new Allocation("node-d", new IPAddressString("10.3.240.64/27").getAddress(), ip("172.31.0.4"), Instant.EPOCH, Instant.EPOCH));
  static final Role RR = new Role(Role.Kind.ROUTE_REFLECTOR, "rr-1", "172.31.0.1");

  static inet.ipaddr.ipv4.IPv4Address ip(String s) {
    return new IPAddressString(s).getAddress().toIPv4();
  }

  static BirdProtocolStatus bgp(String peer, String state) {
    return new BirdProtocolStatus("Global_" + peer.replace('.', '_'), "BGP", "---", "up", "10:00:00.000", state, state, peer, OptionalLong.of(64512),
        OptionalLong.of(1), state.equals("Established") ? null : "BFD session down");
  }

  static BfdSession bfd(String peer, String state) {
    return new BfdSession("bfd1", peer, "---", state, "10:00:01.000", "0.300", "0.900");
  }

  @Test
  void aReflectorsNodeSessionsNeedAnUpBfdSession() {
    List<BirdProtocolStatus> bird = List.of(bgp("172.31.0.2", "Established"), bgp("172.31.0.3", "Active"), bgp("172.31.0.4", "Established"),
        bgp("172.31.0.254", "Established"));
    List<BfdSession> sessions = List.of(bfd("172.31.0.2", "Up"), bfd("172.31.0.3", "Down"));
    Report r = BfdChecks.check(RR, ON, BfdChecks.nodePeers(RR, TOPO, ALLOC), bird, sessions, Map.of());
    assertThat(r.findings()).extracting(Finding::code, Finding::subject).containsExactly(
        tuple(Code.BFD_DOWN, "rr-1 -> 172.31.0.3"), tuple(Code.BFD_MISSING, "rr-1 -> 172.31.0.4"));
    assertThat(r.findings().get(0).observed()).isEqualTo("BFD Down since 10:00:01.000; BGP Active (BFD session down)");
    assertThat(r.findings().get(0).expected()).isEqualTo("BFD Up (interval 300 ms, multiplier 3) with node node-c");
    // the core switch's session is no node session: no BFD expected there
    assertThat(r.checks().get(0).subjects()).containsExactly("rr-1 -> 172.31.0.2", "rr-1 -> 172.31.0.3", "rr-1 -> 172.31.0.4");
  }

  @Test
  void aNodesSessionsToItsReflectorsToo() {
    Role node = new Role(Role.Kind.NODE, "node-b", "172.31.0.2");
    Report r = BfdChecks.check(node, ON, BfdChecks.nodePeers(node, TOPO, ALLOC), List.of(bgp("172.31.0.1", "Established")), List.of(), Map.of());
    assertThat(r.findings()).extracting(Finding::code, Finding::subject).containsExactly(tuple(Code.BFD_MISSING, "node-b -> 172.31.0.1"));
    assertThat(BfdChecks.check(node, ON, BfdChecks.nodePeers(node, TOPO, ALLOC), List.of(bgp("172.31.0.1", "Established")),
        List.of(bfd("172.31.0.1", "Up")), Map.of()).findings()).isEmpty();
  }

  @Test
  void withBfdOffNothingIsExpected() {
    Report r = BfdChecks.check(RR, Bfd.OFF, BfdChecks.nodePeers(RR, TOPO, ALLOC), List.of(bgp("172.31.0.2", "Established")), List.of(),
        Map.of("172.31.0.2", 90));
    assertThat(r.findings()).isEmpty();
  }

  /** A hold time under 9 s stands in for BFD: a warning unless an Up BFD session is beside it (BFD on or off); 9 s is fine. */
  @Test
  void aShortHoldTimeWithoutBfdIsAWarning() {
    List<BirdProtocolStatus> bird = List.of(bgp("172.31.0.2", "Established"), bgp("172.31.0.3", "Established"), bgp("172.31.0.4", "Established"),
        bgp("172.31.0.254", "Established"));
    Map<String, Integer> hold = Map.of("172.31.0.2", 6, "172.31.0.3", 9, "172.31.0.4", 3, "172.31.0.254", 3);
    Report off = BfdChecks.check(RR, Bfd.OFF, BfdChecks.nodePeers(RR, TOPO, ALLOC), bird, List.of(), hold);
    assertThat(off.findings()).extracting(Finding::code, Finding::subject).containsExactly(
        tuple(Code.HOLD_TIME_SHORT, "rr-1 -> 172.31.0.2"), tuple(Code.HOLD_TIME_SHORT, "rr-1 -> 172.31.0.4"));
    assertThat(off.findings().get(0).observed()).isEqualTo("hold time 6 s, no BFD session");
    Report on = BfdChecks.check(RR, ON, BfdChecks.nodePeers(RR, TOPO, ALLOC), bird,
        List.of(bfd("172.31.0.2", "Up"), bfd("172.31.0.3", "Up"), bfd("172.31.0.4", "Up")), hold);
    assertThat(on.findings()).isEmpty();
  }

  @Test
  void bfdStatesAreNumberedAsRfc5880() {
    assertThat(List.of("AdminDown", "Down", "Init", "Up")).extracting(s -> bfd("172.31.0.2", s).stateNumber()).containsExactly(0, 1, 2, 3);
  }
}
