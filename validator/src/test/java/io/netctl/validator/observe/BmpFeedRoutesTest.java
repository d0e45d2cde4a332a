package io.netctl.validator.observe;

import static org.assertj.core.api.Assertions.assertThat;

import inet.ipaddr.IPAddressString;
import io.netctl.bgp.bmp.MonitoredPeer;
import io.netctl.validator.routes.ReflectedRoute;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The routes a reflector holds, from the views its BMP feed reports: node .2 and node .3 both
 * announce 10.3.240.0/27; the reflector's Loc-RIB has its best path only (.2's).
 */
class BmpFeedRoutesTest {
  static ReflectedRoute route(String cidr, String nextHop) {
    return new ReflectedRoute(new IPAddressString(cidr).getAddress(), nextHop, 0, null, List.of());
  }

  static MonitoredPeer peer(String address, MonitoredPeer.View view) {
    return new MonitoredPeer(address, 64512, 0, view);
  }

  static List<String> text(List<ReflectedRoute> routes) {
    return routes.stream().map(r -> r.prefix().toCanonicalString() + " via " + r.nextHop()).toList();
  }

  @Test
  void adjRibInsGiveEveryOrigin() {
    Map<MonitoredPeer, List<ReflectedRoute>> views = new LinkedHashMap<>();
    views.put(peer("172.31.0.2", MonitoredPeer.View.PRE_POLICY), List.of(route("10.3.240.0/27", "172.31.0.2")));
    views.put(peer("172.31.0.3", MonitoredPeer.View.PRE_POLICY), List.of(route("10.3.240.0/27", "172.31.0.3"), route("10.3.240.32/27", "172.31.0.3")));
    assertThat(text(BmpFeed.reflected(views))).containsExactly("10.3.240.0/27 via 172.31.0.2", "10.3.240.0/27 via 172.31.0.3", "10.3.240.32/27 via 172.31.0.3");
  }

  @Test
  void aLocRibKeepsItsPrefixesAndGainsTheOtherOriginsOfThem() {
    Map<MonitoredPeer, List<ReflectedRoute>> views = new LinkedHashMap<>();
    views.put(peer("172.31.0.5", MonitoredPeer.View.LOC_RIB), List.of(route("10.3.240.0/27", "172.31.0.2")));
    views.put(peer("172.31.0.2", MonitoredPeer.View.POST_POLICY), List.of(route("10.3.240.0/27", "172.31.0.2")));
    // .3's /27 lost the best-path selection; its /26 was filtered out of the Loc-RIB: not what the reflector holds
    views.put(peer("172.31.0.3", MonitoredPeer.View.POST_POLICY), List.of(route("10.3.240.0/27", "172.31.0.3"), route("10.3.241.0/26", "172.31.0.3")));
    assertThat(text(BmpFeed.reflected(views))).containsExactly("10.3.240.0/27 via 172.31.0.2", "10.3.240.0/27 via 172.31.0.3");
  }
}
