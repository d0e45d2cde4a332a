package io.netctl.validator.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import inet.ipaddr.IPAddressString;
import io.netctl.validator.Code;
import io.netctl.validator.Finding;
import io.netctl.validator.Report;
import io.netctl.validator.observe.BirdProtocolStatus;
import io.netctl.validator.observe.TcpConnection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SessionChecksTest {
  static final Role RR = new Role(Role.Kind.ROUTE_REFLECTOR, "rr-1", "172.31.0.1");
  static final Map<String, String> EXPECTED = new LinkedHashMap<>(Map.of("172.31.0.11", "node node-a", "172.31.0.12", "node node-b"));

  static BirdProtocolStatus bgp(String name, String neighbor, String bgpState, String since, String error) {
    return new BirdProtocolStatus(name, "BGP", "---", bgpState.equals("Established") ? "up" : "start", since,
        bgpState + (error == null ? "" : " " + error), bgpState, neighbor, OptionalLong.of(64512), OptionalLong.of(1), error);
  }

  static List<BirdProtocolStatus> healthy(String since) {
    return List.of(bgp("Global_172_31_0_11", "172.31.0.11", "Established", since, null), bgp("Global_172_31_0_12", "172.31.0.12", "Established", since, null),
        bgp("Monitor_172_31_0_20", "172.31.0.20", "Established", "10:00:05", null),
        new BirdProtocolStatus("device1", "Device", "---", "up", "10:00", "", null, null, OptionalLong.empty(), OptionalLong.empty(), null));
  }

  List<Finding> bird(List<BirdProtocolStatus> first, List<BirdProtocolStatus> later) {
    Report r = SessionChecks.check(RR, EXPECTED, Set.of(), first, later, null, List.of(new IPAddressString("172.31.0.20/32").getAddress()));
    return r.findings();
  }

  @Test
  void everyRequiredSessionEstablishedIsClean() {
    assertThat(bird(healthy("10:00"), healthy("10:00"))).isEmpty();
  }

  @Test
  void downMissingUnexpectedAndFlapping() {
    List<BirdProtocolStatus> first = List.of(
        bgp("Global_172_31_0_11", "172.31.0.11", "Active", "10:01", "Socket: Connection refused"),
        bgp("Global_172_31_0_99", "172.31.0.99", "Established", "10:00", null));
    List<Finding> f = bird(first, first);
    assertThat(f).extracting(Finding::code).containsExactlyInAnyOrder(Code.SESSION_NOT_ESTABLISHED, Code.SESSION_MISSING, Code.SESSION_UNEXPECTED);
    assertThat(f).filteredOn(x -> x.code() == Code.SESSION_NOT_ESTABLISHED).singleElement()
        .satisfies(x -> assertThat(x.observed()).contains("Active").contains("Connection refused"));
    List<BirdProtocolStatus> later = List.of(bgp("Global_172_31_0_11", "172.31.0.11", "Established", "10:02", null), first.get(1));
    assertThat(bird(first, later)).extracting(Finding::code).contains(Code.SESSION_FLAPPING);
  }

  @Test
  void theTcpTableServesWithoutBird() {
    List<TcpConnection> tcp = List.of(
        new TcpConnection("172.31.0.1", 179, "172.31.0.11", 40000, TcpConnection.TcpState.ESTABLISHED),
        new TcpConnection("172.31.0.1", 179, "172.31.0.20", 40001, TcpConnection.TcpState.ESTABLISHED),
        new TcpConnection("172.31.0.1", 45000, "172.31.0.77", 179, TcpConnection.TcpState.ESTABLISHED),
        new TcpConnection("172.31.0.1", 179, "172.31.0.12", 40002, TcpConnection.TcpState.SYN_RECV));
    Report r = SessionChecks.check(RR, EXPECTED, Set.of(), null, null, tcp, List.of(new IPAddressString("172.31.0.20").getAddress()));
    assertThat(r.findings()).extracting(Finding::code, Finding::subject).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple(Code.SESSION_MISSING, "rr-1 -> 172.31.0.12"),
        org.assertj.core.groups.Tuple.tuple(Code.SESSION_UNEXPECTED, "rr-1 -> 172.31.0.77"));
  }

  @Test
  void expectedPeersByRole() {
    var topo = new io.netctl.bgp.calico.BgpTopology(64512, List.of(
        new io.netctl.bgp.calico.RouteReflector("rr-1", new IPAddressString("172.31.0.1").getAddress().toIPv4(), new IPAddressString("1.0.0.1").getAddress().toIPv4(), Map.of()),
        new io.netctl.bgp.calico.RouteReflector("rr-2", new IPAddressString("172.31.0.2").getAddress().toIPv4(), new IPAddressString("1.0.0.1").getAddress().toIPv4(), Map.of())),
        List.of(new io.netctl.bgp.calico.CoreSwitch("core-1", new IPAddressString("172.31.0.254").getAddress().toIPv4(), 64512, null)), null);
    var allocations = List.of(new io.netctl.ipam.Allocation("node-a", new IPAddressString("10.3.240.0/27").getAddress(),
        new IPAddressString("172.31.0.11").getAddress().toIPv4(), java.time.Instant.EPOCH, java.time.Instant.EPOCH));
    assertThat(new Role(Role.Kind.NODE, "node-a", "172.31.0.11").expectedPeers(topo, allocations).keySet()).containsExactly("172.31.0.1", "172.31.0.2");
    assertThat(RR.expectedPeers(topo, allocations).keySet()).containsExactly("172.31.0.11", "172.31.0.254");
    assertThat(RR.allowedPeers(topo)).contains("172.31.0.2");
  }
}
