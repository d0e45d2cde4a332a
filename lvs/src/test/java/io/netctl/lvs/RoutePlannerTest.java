package io.netctl.lvs;

import static io.netctl.lvs.Routes.MAIN;
import static io.netctl.lvs.Routes.RANGES;
import static io.netctl.lvs.Routes.alloc;
import static io.netctl.lvs.Routes.boot;
import static io.netctl.lvs.Routes.connected;
import static io.netctl.lvs.Routes.owned;
import static io.netctl.lvs.Routes.route;
import static org.assertj.core.api.Assertions.assertThat;

import io.netctl.ipam.Allocation;
import io.netctl.lvs.RouteDifference.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoutePlannerTest {
  static final List<Allocation> ALLOCS = List.of(
      alloc("node-a", "10.3.240.0/27", "172.31.0.2"),
      alloc("node-b", "10.3.240.32/27", "172.31.0.3"),
      alloc("node-c", "10.3.240.64/27", null));

  static RoutePlan plan(List<KernelRoute> observed) {
    return RoutePlanner.plan(MAIN, ALLOCS, observed, RANGES, false);
  }

  static RouteDifference only(RoutePlan p) {
    assertThat(p.differences()).hasSize(1);
    return p.differences().get(0);
  }

  @Test
  void emptyTableMissesEveryPoolWithAHostIpAndReportsTheOthers() {
    RoutePlan p = plan(List.of(connected()));
    assertThat(p.differences()).extracting(RouteDifference::kind).containsExactly(Kind.MISSING, Kind.MISSING);
    assertThat(p.changes()).containsExactly(
        new RouteChange.Add(owned("10.3.240.0/27", "172.31.0.2")), new RouteChange.Add(owned("10.3.240.32/27", "172.31.0.3")));
    assertThat(p.unroutable()).extracting(Allocation::node).containsExactly("node-c");
    assertThat(p.desired()).extracting(PoolRoute::node).containsExactly("node-a", "node-b");
    assertThat(p.inPlace()).isZero();
    assertThat(p.inSync()).isFalse();
  }

  @Test
  void aPoolWhoseHostIpIsTheDirectorsOwnIsNeverRoutedViaTheDirector() {
    RouteTarget director = new RouteTarget(MAIN.table(), null, 0, new inet.ipaddr.IPAddressString("172.31.0.3").getAddress().toIPv4());
    RoutePlan p = RoutePlanner.plan(director, ALLOCS, List.of(connected()), RANGES, false);
    assertThat(p.desired()).extracting(PoolRoute::node).containsExactly("node-a");
    assertThat(p.unroutable()).extracting(Allocation::node).containsExactly("node-b", "node-c");
    assertThat(p.whyUnroutable(ALLOCS.get(1))).isEqualTo("its host IP 172.31.0.3 is the director's own IP");
    assertThat(p.whyUnroutable(ALLOCS.get(2))).isEqualTo("no host IP");
    assertThat(only(p).detail()).isEqualTo("no route of netctl's; to add via 172.31.0.2");
  }

  @Test
  void routesInPlaceAreInSync() {
    RoutePlan p = plan(List.of(connected(), owned("10.3.240.0/27", "172.31.0.2"), owned("10.3.240.32/27", "172.31.0.3")));
    assertThat(p.inSync()).isTrue();
    assertThat(p.changes()).isEmpty();
    assertThat(p.inPlace()).isEqualTo(2);
  }

  @Test
  void ownedRouteViaAnotherHostIsReplaced() {
    RoutePlan p = plan(List.of(owned("10.3.240.0/27", "172.31.0.9"), owned("10.3.240.32/27", "172.31.0.3")));
    RouteDifference d = only(p);
    assertThat(d.kind()).isEqualTo(Kind.WRONG_NEXT_HOP);
    assertThat(d.observed()).isEqualTo(owned("10.3.240.0/27", "172.31.0.9"));
    assertThat(d.change()).isEqualTo(new RouteChange.Replace(owned("10.3.240.0/27", "172.31.0.2")));
  }

  @Test
  void ownedRoutesOfOtherShapesAreReplaced() {
    KernelRoute blackhole = new KernelRoute(Ipv4Prefix.parse("10.3.240.0/27"), 254, 76, RouteType.BLACKHOLE, List.of(), null, 0);
    KernelRoute multipath = new KernelRoute(Ipv4Prefix.parse("10.3.240.32/27"), 254, 76, RouteType.UNICAST,
        List.of(Ipv4.address("172.31.0.3"), Ipv4.address("172.31.0.4")), null, 0);
    RoutePlan p = plan(List.of(blackhole, multipath));
    assertThat(p.differences()).extracting(RouteDifference::kind).containsExactly(Kind.WRONG_NEXT_HOP, Kind.WRONG_NEXT_HOP);
    assertThat(p.changes()).allMatch(c -> c instanceof RouteChange.Replace);
  }

  @Test
  void configuredDeviceAndMetricArePartOfTheRoute() {
    RouteTarget t = new RouteTarget(254, "eth0", 10);
    List<Allocation> a = List.of(alloc("node-a", "10.3.240.0/27", "172.31.0.2"));
    KernelRoute oldMetric = owned("10.3.240.0/27", "172.31.0.2");
    RoutePlan p = RoutePlanner.plan(t, a, List.of(oldMetric), RANGES, false);
    KernelRoute want = KernelRoute.owned(Ipv4Prefix.parse("10.3.240.0/27"), Ipv4.address("172.31.0.2"), t);
    assertThat(p.differences()).extracting(RouteDifference::kind).containsExactly(Kind.WRONG_NEXT_HOP, Kind.STALE);
    assertThat(p.changes()).containsExactly(new RouteChange.Add(want), new RouteChange.Delete(oldMetric));

    KernelRoute noDev = route("10.3.240.0/27", "172.31.0.2", 76, 254, 10);
    assertThat(RoutePlanner.plan(t, a, List.of(noDev), RANGES, false).changes()).containsExactly(new RouteChange.Replace(want));
  }

  @Test
  void ownedRouteForAReleasedPoolIsStale() {
    RoutePlan p = plan(List.of(owned("10.3.240.0/27", "172.31.0.2"), owned("10.3.240.32/27", "172.31.0.3"), owned("10.3.241.0/27", "172.31.0.4")));
    RouteDifference d = only(p);
    assertThat(d.kind()).isEqualTo(Kind.STALE);
    assertThat(d.change()).isEqualTo(new RouteChange.Delete(owned("10.3.241.0/27", "172.31.0.4")));
  }

  @Test
  void ownedRouteInAnotherTableOrASecondOneIsStale() {
    KernelRoute otherTable = route("10.3.240.0/27", "172.31.0.2", 76, 100, 0);
    KernelRoute duplicate = route("10.3.240.32/27", "172.31.0.3", 76, 254, 50);
    RoutePlan p = plan(List.of(owned("10.3.240.0/27", "172.31.0.2"), owned("10.3.240.32/27", "172.31.0.3"), otherTable, duplicate));
    assertThat(p.differences()).extracting(RouteDifference::kind).containsExactly(Kind.STALE, Kind.STALE);
    assertThat(p.changes()).containsExactly(new RouteChange.Delete(otherTable), new RouteChange.Delete(duplicate));
  }

  @Test
  void foreignRouteWithTheSamePrefixIsReportedAndBlocksTheKey() {
    KernelRoute f = boot("10.3.240.0/27", "172.31.0.9");
    RoutePlan p = plan(List.of(f, owned("10.3.240.32/27", "172.31.0.3")));
    RouteDifference d = only(p);
    assertThat(d.kind()).isEqualTo(Kind.FOREIGN);
    assertThat(d.observed()).isEqualTo(f);
    assertThat(d.change()).isNull();
    assertThat(d.detail()).contains("left alone").contains("cannot be installed");
    assertThat(p.changes()).isEmpty();
  }

  @Test
  void foreignRouteAtAnotherMetricIsReportedAndNetctlsIsAddedBesideIt() {
    KernelRoute f = route("10.3.240.0/27", "172.31.0.9", 12, 254, 32);
    RoutePlan p = plan(List.of(f, owned("10.3.240.32/27", "172.31.0.3")));
    assertThat(p.differences()).extracting(RouteDifference::kind).containsExactly(Kind.MISSING, Kind.FOREIGN);
    assertThat(p.changes()).containsExactly(new RouteChange.Add(owned("10.3.240.0/27", "172.31.0.2")));
  }

  @Test
  void coveringRouteSendingPoolsElsewhereIsForeign() {
    KernelRoute cover = boot("10.3.240.0/24", "172.31.0.9");
    RoutePlan p = plan(List.of(cover, owned("10.3.240.0/27", "172.31.0.2"), owned("10.3.240.32/27", "172.31.0.3")));
    RouteDifference d = only(p);
    assertThat(d.kind()).isEqualTo(Kind.FOREIGN);
    assertThat(d.dst()).isEqualTo(Ipv4Prefix.parse("10.3.240.0/24"));
    assertThat(d.detail()).contains("covers 2 pool(s) and sends 2 elsewhere");
    assertThat(d.change()).isNull();
  }

  @Test
  void routesWiderThanTheRangesAndRoutesOutsideThemAreNotCompared() {
    RoutePlan p = plan(List.of(
        boot("0.0.0.0/0", "172.31.0.1"), boot("10.0.0.0/8", "172.31.0.1"), route("10.64.0.0/27", "172.31.0.7", 12, 254, 0),
        route("10.3.240.0/27", "172.31.0.9", 80, 100, 0), // Felix's, in another table
        owned("10.3.240.0/27", "172.31.0.2"), owned("10.3.240.32/27", "172.31.0.3")));
    assertThat(p.inSync()).isTrue();
  }

  @Test
  void routeInsideAPoolOrForUnallocatedAddressesIsForeignUnlessItAgrees() {
    KernelRoute podElsewhere = boot("10.3.240.5/32", "172.31.0.9");
    KernelRoute podRight = boot("10.3.240.6/32", "172.31.0.2");
    KernelRoute unallocated = boot("10.3.244.0/27", "172.31.0.9");
    RoutePlan p = plan(List.of(podElsewhere, podRight, unallocated, owned("10.3.240.0/27", "172.31.0.2"), owned("10.3.240.32/27", "172.31.0.3")));
    assertThat(p.differences()).extracting(RouteDifference::observed).containsExactly(podElsewhere, unallocated);
    assertThat(p.differences()).allMatch(d -> d.kind() == Kind.FOREIGN && d.change() == null);
  }

  @Test
  void handMadeRouteThatAgreesIsUnownedAndAdoptTakesItOver() {
    KernelRoute hand = boot("10.3.240.0/27", "172.31.0.2");
    List<KernelRoute> table = List.of(hand, owned("10.3.240.32/27", "172.31.0.3"));
    RouteDifference left = only(plan(table));
    assertThat(left.kind()).isEqualTo(Kind.UNOWNED);
    assertThat(left.change()).isNull();

    RoutePlan adopt = RoutePlanner.plan(MAIN, ALLOCS, table, RANGES, true);
    RouteDifference taken = only(adopt);
    assertThat(taken.kind()).isEqualTo(Kind.UNOWNED);
    assertThat(taken.change()).isEqualTo(new RouteChange.Replace(owned("10.3.240.0/27", "172.31.0.2")));
  }

  @Test
  void poolsOutsideTheConfiguredRangesStillGetRoutes() {
    List<Allocation> a = List.of(alloc("node-x", "10.9.0.0/27", "172.31.0.5"));
    KernelRoute f = boot("10.9.0.0/27", "172.31.0.6");
    RoutePlan p = RoutePlanner.plan(MAIN, a, List.of(f), RANGES, false);
    assertThat(only(p).kind()).isEqualTo(Kind.FOREIGN);
  }

  @Test
  void changesPutAdditionsBeforeDeletions() {
    RoutePlan p = plan(List.of(owned("10.3.240.0/24", "172.31.0.4")));
    assertThat(p.changes()).hasSize(3);
    assertThat(p.changes().get(2)).isInstanceOf(RouteChange.Delete.class);
  }
}
