package io.netctl.validator.routes;

import static org.assertj.core.api.Assertions.assertThat;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.netctl.ipam.Allocation;
import io.netctl.lvs.Director;
import io.netctl.lvs.Ipv4Prefix;
import io.netctl.lvs.KernelRoute;
import io.netctl.lvs.RouteProtocol;
import io.netctl.lvs.RouteType;
import io.netctl.validator.Code;
import io.netctl.validator.Finding;
import io.netctl.validator.Report;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouteChecksTest {
  static final List<IPAddress> RANGES = List.of(ip("10.3.240.0/21"));
  static final List<Allocation> ALLOC = List.of(alloc("node-a", "10.3.240.0/27", "172.31.0.11"), alloc("node-b", "10.3.240.32/27", "172.31.0.12"));

  static IPAddress ip(String s) {
    return new IPAddressString(s).getAddress();
  }

  static Allocation alloc(String node, String cidr, String host) {
    return new Allocation(node, ip(cidr).toPrefixBlock(), host == null ? null : ip(host).toIPv4(), Instant.EPOCH, Instant.EPOCH);
  }

  static ReflectedRoute route(String cidr, String nh, String originator) {
    return new ReflectedRoute(ip(cidr), nh, 0, originator, List.of("1.0.0.1"));
  }

  static RrObservation rr(String name, ReflectedRoute... routes) {
    return new RrObservation(name, "172.31.0.1", List.of(routes), null, 0);
  }

  @Test
  void aCompleteTableHasNoFindings() {
    Report r = RrRouteChecks.check(List.of(rr("rr-1", route("10.3.240.0/27", "172.31.0.11", "172.31.0.11"), route("10.3.240.32/27", "172.31.0.12", "172.31.0.12"),
        route("0.0.0.0/0", "172.31.0.254", null))), ALLOC, RANGES);
    assertThat(r.findings()).isEmpty();
    assertThat(r.checks()).allMatch(Report.CheckRun::ran);
  }

  @Test
  void missingWrongStrayAndAttributes() {
    Report r = RrRouteChecks.check(List.of(rr("rr-1",
        route("10.3.240.0/27", "172.31.0.99", "172.31.0.99"),
        route("10.3.240.48/28", "172.31.0.12", "172.31.0.12"),
        route("10.3.241.0/27", "172.31.0.13", "172.31.0.13"))), ALLOC, RANGES);
    assertThat(r.findings()).extracting(Finding::code, Finding::subject).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple(Code.ROUTE_WRONG_NEXT_HOP, "rr-1 10.3.240.0/27"),
        org.assertj.core.groups.Tuple.tuple(Code.ROUTE_STRAY, "rr-1 10.3.240.48/28"),
        org.assertj.core.groups.Tuple.tuple(Code.ROUTE_STRAY, "rr-1 10.3.241.0/27"),
        org.assertj.core.groups.Tuple.tuple(Code.ROUTE_MISSING, "10.3.240.32/27"));
    Report attrs = RrRouteChecks.check(List.of(rr("rr-1", new ReflectedRoute(ip("10.3.240.0/27"), "172.31.0.11", 1, "172.31.0.11", List.of()),
        route("10.3.240.32/27", "172.31.0.12", "172.31.0.77"))), ALLOC, RANGES);
    assertThat(attrs.findings()).extracting(Finding::code).containsExactly(Code.ROUTE_ATTRIBUTES, Code.ROUTE_ATTRIBUTES);
  }

  @Test
  void aPoolAtOnlyOneOfTwoReflectorsIsARedundancyWarning() {
    Report r = RrRouteChecks.check(List.of(
        rr("rr-1", route("10.3.240.0/27", "172.31.0.11", "172.31.0.11"), route("10.3.240.32/27", "172.31.0.12", "172.31.0.12")),
        rr("rr-2", route("10.3.240.0/27", "172.31.0.11", "172.31.0.11"))), ALLOC, RANGES);
    assertThat(r.findings()).singleElement().satisfies(f -> {
      assertThat(f.code()).isEqualTo(Code.ROUTE_SINGLE_RR);
      assertThat(f.subject()).isEqualTo("10.3.240.32/27");
      assertThat(f.observed()).isEqualTo("only at rr-1");
    });
  }

  @Test
  void aFailedMonitorSessionIsAFindingAndItsRoutesAreNotRun() {
    Report r = RrRouteChecks.check(List.of(new RrObservation("rr-1", "172.31.0.1", List.of(), "connection refused", 0)), ALLOC, RANGES);
    assertThat(r.findings()).extracting(Finding::code).containsExactly(Code.MONITOR_FAILED);
    assertThat(r.checks()).anyMatch(c -> !c.ran() && c.reason().contains("connection refused"));
  }

  static KernelRoute kr(String dst, String via, int proto) {
    return new KernelRoute(Ipv4Prefix.of(ip(dst)), KernelRoute.MAIN, proto, RouteType.UNICAST, List.of(ip(via).toIPv4()), "eth0", 0);
  }

  @Test
  void directorRoutesFollowTheLvsRulesAndStalePathsShow() {
    Director d = new Director("lvs-1", ip("172.31.0.20").toIPv4(), null, null, null, null);
    List<KernelRoute> table = List.of(kr("10.3.240.0/27", "172.31.0.11", RouteProtocol.NETCTL), kr("10.3.240.32/27", "172.31.0.12", RouteProtocol.NETCTL));
    assertThat(KernelRouteChecks.director(d, ALLOC, table, RANGES).findings()).isEmpty();
    assertThat(KernelRouteChecks.director(d, ALLOC, table.subList(0, 1), RANGES).findings()).extracting(Finding::code)
        .containsExactly(Code.DIRECTOR_ROUTE_MISSING);
    assertThat(KernelRouteChecks.director(d, ALLOC, table, RANGES, Set.of("10.3.240.0/27")).findings()).singleElement()
        .satisfies(f -> assertThat(f.code()).isEqualTo(Code.DIRECTOR_PATH_STALE));
    List<Allocation> noIp = List.of(ALLOC.get(0), alloc("node-c", "10.3.240.64/27", null));
    assertThat(KernelRouteChecks.director(d, noIp, table.subList(0, 1), RANGES).findings()).extracting(Finding::code)
        .contains(Code.DIRECTOR_NO_HOST_IP);
  }

  @Test
  void directorRoutesWrongStaleForeignAndUnownedEachHaveTheirCode() {
    Director d = new Director("lvs-1", ip("172.31.0.20").toIPv4(), null, null, null, null);
    List<KernelRoute> table = List.of(
        kr("10.3.240.0/27", "172.31.0.99", RouteProtocol.NETCTL), // netctl's route for node-a's pool via the wrong host
        kr("10.3.240.64/27", "172.31.0.13", RouteProtocol.NETCTL), // netctl's route for a pool nobody holds any more
        kr("10.3.241.0/27", "172.31.0.14", RouteProtocol.BOOT), // someone else's route for container addresses nobody was given
        kr("10.3.240.32/27", "172.31.0.12", RouteProtocol.BOOT)); // made by hand, agrees with node-b's allocation
    assertThat(KernelRouteChecks.director(d, ALLOC, table, RANGES).findings()).extracting(Finding::code, Finding::subject).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple(Code.DIRECTOR_ROUTE_WRONG_NEXT_HOP, "lvs-1 10.3.240.0/27"),
        org.assertj.core.groups.Tuple.tuple(Code.DIRECTOR_ROUTE_STALE, "lvs-1 10.3.240.64/27"),
        org.assertj.core.groups.Tuple.tuple(Code.DIRECTOR_ROUTE_FOREIGN, "lvs-1 10.3.241.0/27"),
        org.assertj.core.groups.Tuple.tuple(Code.DIRECTOR_ROUTE_UNOWNED, "lvs-1 10.3.240.32/27"));
  }

  @Test
  void aStrayRouteOnANode() {
    List<KernelRoute> table = List.of(kr("10.3.240.32/27", "172.31.0.12", 12), kr("10.3.241.0/27", "172.31.0.77", 12), kr("10.3.240.5/32", "172.31.0.11", 12));
    assertThat(KernelRouteChecks.node("node-a", ALLOC, table, RANGES).findings()).extracting(Finding::code, Finding::subject)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Code.ROUTE_STRAY, "node-a kernel 10.3.241.0/27"));
  }

  @Test
  void aNodeLearnsEveryOtherPool() {
    List<KernelRoute> table = List.of(kr("10.3.240.32/27", "172.31.0.12", 12));
    assertThat(KernelRouteChecks.node("node-a", ALLOC, table, RANGES).findings()).isEmpty();
    assertThat(KernelRouteChecks.node("node-a", ALLOC, List.of(kr("10.3.240.32/27", "172.31.0.13", 12)), RANGES).findings())
        .extracting(Finding::code).containsExactly(Code.ROUTE_WRONG_NEXT_HOP);
    assertThat(KernelRouteChecks.node("node-a", ALLOC, List.of(), RANGES).findings()).extracting(Finding::code).containsExactly(Code.ROUTE_MISSING);
  }
}
