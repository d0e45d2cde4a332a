package io.netctl.validator.routes;

import static io.netctl.validator.routes.RouteChecksTest.ALLOC;
import static io.netctl.validator.routes.RouteChecksTest.RANGES;
import static io.netctl.validator.routes.RouteChecksTest.ip;
import static org.assertj.core.api.Assertions.assertThat;

import io.netctl.validator.Code;
import io.netctl.validator.Finding;
import io.netctl.validator.Report;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code route-multiple-origins}: every path of a pool, as a monitor session with ADD-PATH receives
 * them (path ids) or a BMP feed's Adj-RIB-Ins hold them (no ORIGINATOR_ID, one next hop per client).
 * node-a owns 10.3.240.0/27 (host 172.31.0.11), node-b 10.3.240.32/27 (172.31.0.12).
 */
class MultipleOriginsTest {
  static ReflectedRoute path(String cidr, String nh, String originator, long pathId) {
    return new ReflectedRoute(ip(cidr), nh, 0, originator, List.of("1.0.0.1"), pathId);
  }

  static Report check(ReflectedRoute... paths) {
    List<ReflectedRoute> all = new java.util.ArrayList<>(List.of(paths));
    all.add(path("10.3.240.32/27", "172.31.0.12", "172.31.0.12", 9));
    return RrRouteChecks.check(List.of(new RrObservation("rr-1", "172.31.0.1", all, null, 0)), ALLOC, RANGES);
  }

  @Test
  void twoOriginatorsOfOnePoolNameEveryNodeAndTheOwner() {
    Report r = check(path("10.3.240.0/27", "172.31.0.12", "172.31.0.12", 1), path("10.3.240.0/27", "172.31.0.11", "172.31.0.11", 2));
    assertThat(r.findings()).singleElement().satisfies(f -> {
      assertThat(f.code()).isEqualTo(Code.ROUTE_MULTIPLE_ORIGINS);
      assertThat(f.subject()).isEqualTo("rr-1 10.3.240.0/27");
      assertThat(f.expected()).isEqualTo("announced by node-a (172.31.0.11) alone, which owns the allocation");
      // the owner first, then every other originator with its node
      assertThat(f.observed()).isEqualTo("announced by originator 172.31.0.11 (node-a, owns the allocation), originator 172.31.0.12 (node-b) (2 paths)");
    });
  }

  @Test
  void anOriginatorThatIsNoNodeAndNoOwnerAmongThem() {
    Report r = check(path("10.3.240.0/27", "172.31.0.12", "172.31.0.12", 1), path("10.3.240.0/27", "172.31.0.50", "172.31.0.50", 2));
    assertThat(r.findings()).singleElement().satisfies(f -> {
      assertThat(f.code()).isEqualTo(Code.ROUTE_MULTIPLE_ORIGINS);
      assertThat(f.observed()).contains("originator 172.31.0.12 (node-b)", "originator 172.31.0.50 (no node has this host IP)",
          "none of them is the owner's host IP 172.31.0.11");
    });
  }

  @Test
  void twoPathsFromOneOriginatorAreOneOrigin() {
    // the same node's route through two reflectors of a mesh: one ORIGINATOR_ID, two paths
    Report r = check(path("10.3.240.0/27", "172.31.0.11", "172.31.0.11", 1), path("10.3.240.0/27", "172.31.0.11", "172.31.0.11", 2));
    assertThat(r.findings()).isEmpty();
  }

  @Test
  void withoutOriginatorIdsTheNextHopsTellTheOriginsApart() {
    // a BMP pre-policy Adj-RIB-In: each client's route as it sent it, no ORIGINATOR_ID, no path id
    Report r = check(new ReflectedRoute(ip("10.3.240.0/27"), "172.31.0.11", 0, null, List.of()),
        new ReflectedRoute(ip("10.3.240.0/27"), "172.31.0.12", 0, null, List.of()));
    assertThat(r.findings()).extracting(Finding::code).containsExactly(Code.ROUTE_MULTIPLE_ORIGINS);
  }

  @Test
  void oneWrongPathAloneIsAWrongNextHopAndAStrayPrefixIsOneFinding() {
    Report r = check(path("10.3.240.0/27", "172.31.0.12", "172.31.0.12", 1),
        path("10.3.241.0/27", "172.31.0.13", "172.31.0.13", 1), path("10.3.241.0/27", "172.31.0.14", "172.31.0.14", 2));
    assertThat(r.findings()).extracting(Finding::code, Finding::subject).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple(Code.ROUTE_WRONG_NEXT_HOP, "rr-1 10.3.240.0/27"),
        org.assertj.core.groups.Tuple.tuple(Code.ROUTE_STRAY, "rr-1 10.3.241.0/27"));
    assertThat(r.findings()).filteredOn(f -> f.code() == Code.ROUTE_STRAY).singleElement()
        .satisfies(f -> assertThat(f.observed()).isEqualTo("via 172.31.0.13, originator 172.31.0.13; via 172.31.0.14, originator 172.31.0.14"));
  }
}
