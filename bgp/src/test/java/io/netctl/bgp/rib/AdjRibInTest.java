package io.netctl.bgp.rib;

import static org.assertj.core.api.Assertions.assertThat;

import io.netctl.bgp.wire.AddressFamily;
import io.netctl.bgp.wire.Addresses;
import io.netctl.bgp.wire.Octets;
import io.netctl.bgp.wire.PathAttribute;
import io.netctl.bgp.wire.PathAttribute.*;
import io.netctl.bgp.wire.Prefix;
import io.netctl.bgp.wire.Update;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdjRibInTest {
  static final Prefix A = Prefix.parse("10.3.240.0/27");
  static final Prefix B = Prefix.parse("10.3.240.32/27");
  static final Prefix V6 = Prefix.parse("fd00:3::/64");

  static List<PathAttribute> attrs(String nextHop, long localPref) {
    return List.of(new Origin(OriginType.IGP), AsPath.EMPTY, new NextHop(Addresses.parseDotted(nextHop)), new LocalPref(localPref),
        new OriginatorId(Addresses.parseDotted(nextHop)), new ClusterList(List.of(Addresses.parseDotted("1.0.0.1"))));
  }

  static Update announce(String nextHop, Prefix... prefixes) {
    return new Update(List.of(), attrs(nextHop, 100), List.of(prefixes));
  }

  static final class Events implements RouteListener {
    final List<String> log = new ArrayList<>();

    @Override
    public void announced(Route route, boolean replaced) {
      String path = route.hasPathId() ? " path " + route.pathId() : "";
      log.add((replaced ? "replace " : "add ") + route.prefix() + path + " via " + Addresses.text(route.attributes().nextHop()));
    }

    @Override
    public void withdrawn(Prefix prefix, long pathId) {
      log.add("withdraw " + prefix + (pathId == Route.NO_PATH_ID ? "" : " path " + pathId));
    }
  }

  @Test
  void announceReplaceWithdrawInOrder() {
    AdjRibIn rib = new AdjRibIn();
    Events e = new Events();
    rib.apply(announce("172.31.0.2", A, B), true, e);
    rib.apply(announce("172.31.0.3", B), true, e);
    // withdrawn first, then NLRI: withdrawing and re-announcing A in one UPDATE leaves A present
    rib.apply(new Update(List.of(A, Prefix.parse("192.0.2.0/24")), attrs("172.31.0.4", 100), List.of(A)), true, e);
    assertThat(e.log).containsExactly(
        "add 10.3.240.0/27 via 172.31.0.2", "add 10.3.240.32/27 via 172.31.0.2", "replace 10.3.240.32/27 via 172.31.0.3",
        "withdraw 10.3.240.0/27", "add 10.3.240.0/27 via 172.31.0.4");
    RibSnapshot s = rib.snapshot();
    assertThat(s.size()).isEqualTo(2);
    Route b = s.get(B);
    assertThat(b.attributes().originatorId()).isEqualTo("172.31.0.3");
    assertThat(b.attributes().clusterList()).containsExactly("1.0.0.1");
    assertThat(b.attributes().localPref()).isEqualTo(100);
    assertThat(s.routes()).extracting(Route::prefix).containsExactly(A, B);
  }

  @Test
  void ipv6RoutesAndEndOfRibPerFamily() {
    AdjRibIn rib = new AdjRibIn();
    MpReach reach = new MpReach(AddressFamily.IPV6_UNICAST, Octets.hex("fd000009000000000000000000000002"), List.of(V6));
    rib.apply(new Update(List.of(), List.of(new Origin(OriginType.IGP), AsPath.EMPTY, reach), List.of()), true, RouteListener.NONE);
    assertThat(rib.apply(Update.endOfRib(AddressFamily.IPV4_UNICAST), true, RouteListener.NONE)).isEqualTo(AddressFamily.IPV4_UNICAST);
    assertThat(rib.endOfRib()).containsExactly(AddressFamily.IPV4_UNICAST);
    rib.apply(Update.endOfRib(AddressFamily.IPV6_UNICAST), true, RouteListener.NONE);
    RibSnapshot s = rib.snapshot();
    assertThat(s.endOfRib()).containsExactlyInAnyOrder(AddressFamily.IPV4_UNICAST, AddressFamily.IPV6_UNICAST);
    assertThat(Addresses.text(s.get(V6).attributes().nextHop())).isEqualTo("fd00:9::2");
    assertThat(s.size(AddressFamily.IPV6_UNICAST)).isEqualTo(1);
    rib.apply(new Update(List.of(), List.of(new MpUnreach(AddressFamily.IPV6_UNICAST, List.of(V6))), List.of()), true, RouteListener.NONE);
    assertThat(rib.size()).isZero();
  }

  @Test
  void routesSharingAttributesShareOneObject() {
    AdjRibIn rib = new AdjRibIn();
    List<Prefix> many = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      many.add(new Prefix.Ipv4(0x0a000000 | (i << 8), 24));
    }
    for (int i = 0; i < 1000; i += 100) {
      rib.apply(announce("172.31.0.2", many.subList(i, i + 100).toArray(Prefix[]::new)), true, RouteListener.NONE);
    }
    rib.apply(announce("172.31.0.3", many.get(5)), true, RouteListener.NONE);
    assertThat(rib.size()).isEqualTo(1000);
    assertThat(rib.attributeSets()).isEqualTo(2);
    assertThat(rib.get(many.get(0)).attributes()).isSameAs(rib.get(many.get(999)).attributes());
    rib.apply(new Update(List.of(many.get(5)), List.of(), List.of()), true, RouteListener.NONE);
    assertThat(rib.attributeSets()).isEqualTo(1); // the set nobody uses is gone
    rib.clear();
    assertThat(rib.attributeSets()).isZero();
    assertThat(rib.size()).isZero();
  }

  @Test
  void enhancedRouteRefreshPurgesWhatWasNotReannounced() {
    AdjRibIn rib = new AdjRibIn();
    rib.apply(announce("172.31.0.2", A, B), true, RouteListener.NONE);
    rib.beginRefresh(AddressFamily.IPV4_UNICAST);
    rib.apply(announce("172.31.0.2", A), true, RouteListener.NONE);
    Events e = new Events();
    assertThat(rib.endRefresh(AddressFamily.IPV4_UNICAST, e)).isEqualTo(1);
    assertThat(e.log).containsExactly("withdraw 10.3.240.32/27");
    assertThat(rib.snapshot().routes()).extracting(Route::prefix).containsExactly(A);
  }

  @Test
  void twoOctetSessionsMergeAs4Path() {
    AdjRibIn rib = new AdjRibIn();
    List<PathAttribute> attrs = List.of(new Origin(OriginType.IGP), AsPath.sequence(64512L, 23456L, 23456L),
        new NextHop(1), new As4Path(List.of(new Segment(SegmentType.AS_SEQUENCE, List.of(4200000000L, 4200000001L)))));
    rib.apply(new Update(List.of(), attrs, List.of(A)), false, RouteListener.NONE);
    assertThat(rib.get(A).attributes().asPath().toString()).isEqualTo("64512 4200000000 4200000001");
    rib.apply(new Update(List.of(), attrs, List.of(B)), true, RouteListener.NONE);
    assertThat(rib.get(B).attributes().asPath().toString()).isEqualTo("64512 23456 23456");
  }

  /** ADD-PATH (RFC 7911 §3): one UPDATE per path, each keyed by (prefix, path id). */
  static Update announcePath(String nextHop, int pathId, Prefix p) {
    return new Update(List.of(), attrs(nextHop, 100), List.of(p), null, List.of(), List.of(pathId));
  }

  @Test
  void addPathKeepsEveryPathAndWithdrawsOnlyTheOneNamed() {
    AdjRibIn rib = new AdjRibIn();
    Events e = new Events();
    rib.apply(announcePath("172.31.0.2", 1, A), true, e);
    rib.apply(announcePath("172.31.0.3", 2, A), true, e);
    rib.apply(announcePath("172.31.0.4", 2, A), true, e); // replaces path 2 only
    rib.apply(announcePath("172.31.0.5", -1, B), true, e); // path id 4294967295 (unsigned)
    assertThat(rib.size()).isEqualTo(3);
    RibSnapshot s = rib.snapshot();
    assertThat(s.addPath()).containsExactly(AddressFamily.IPV4_UNICAST);
    assertThat(s.paths(A)).extracting(Route::pathId).containsExactly(1L, 2L);
    assertThat(s.paths(A)).extracting(r -> Addresses.text(r.attributes().nextHop())).containsExactly("172.31.0.2", "172.31.0.4");
    assertThat(s.paths(B)).extracting(Route::pathId).containsExactly(4294967295L);
    assertThat(s.routes()).extracting(Route::pathId).containsExactly(1L, 2L, 4294967295L);
    rib.apply(new Update(List.of(A), List.of(), List.of(), null, List.of(1), List.of()), true, e);
    assertThat(rib.snapshot().paths(A)).extracting(Route::pathId).containsExactly(2L);
    assertThat(e.log).containsExactly(
        "add 10.3.240.0/27 path 1 via 172.31.0.2", "add 10.3.240.0/27 path 2 via 172.31.0.3",
        "replace 10.3.240.0/27 path 2 via 172.31.0.4", "add 10.3.240.32/27 path 4294967295 via 172.31.0.5",
        "withdraw 10.3.240.0/27 path 1");
    assertThat(rib.attributeSets()).isEqualTo(2);
  }

  @Test
  void addPathForIpv6KeepsBothPaths() {
    AdjRibIn rib = new AdjRibIn();
    Octets nh = Octets.hex("fd000009000000000000000000000002");
    for (int id = 1; id <= 2; id++) {
      MpReach reach = new MpReach(AddressFamily.IPV6_UNICAST, nh, List.of(V6), List.of(id));
      rib.apply(new Update(List.of(), List.of(new Origin(OriginType.IGP), AsPath.EMPTY, reach), List.of()), true, RouteListener.NONE);
    }
    assertThat(rib.snapshot().paths(V6)).extracting(Route::pathId).containsExactly(1L, 2L);
    MpUnreach gone = new MpUnreach(AddressFamily.IPV6_UNICAST, List.of(V6), List.of(2));
    rib.apply(new Update(List.of(), List.of(gone), List.of()), true, RouteListener.NONE);
    assertThat(rib.snapshot().paths(V6)).extracting(Route::pathId).containsExactly(1L);
  }
}
