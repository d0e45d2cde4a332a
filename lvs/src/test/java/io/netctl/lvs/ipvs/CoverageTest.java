package io.netctl.lvs.ipvs;

import static io.netctl.lvs.Routes.MAIN;
import static io.netctl.lvs.Routes.RANGES;
import static io.netctl.lvs.Routes.alloc;
import static org.assertj.core.api.Assertions.assertThat;

import io.netctl.ipam.Allocation;
import io.netctl.lvs.Routes;
import io.netctl.lvs.ipvs.Coverage.Problem;
import io.netctl.lvs.ipvs.Coverage.Server;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoverageTest {
  static final List<Allocation> ALLOCS = List.of(
      alloc("node-a", "10.3.240.0/27", "172.31.0.2"),
      alloc("node-b", "10.3.240.32/27", "172.31.0.3"),
      alloc("node-c", "10.3.240.64/27", null));

  @Test
  void reportsEveryRealServerInTheRangesWithoutNetctlsRouteViaItsHost() throws IOException {
    IpvsadmListing l = IpvsadmListing.parse("fullnat.txt", IpvsadmListingTest.fixture("fullnat.txt"));
    Coverage c = Coverage.check(l, RANGES, ALLOCS, List.of(
        Routes.owned("10.3.240.0/27", "172.31.0.2"),
        Routes.boot("10.3.240.32/27", "172.31.0.3")), MAIN); // right host, but made by hand: not netctl's
    assertThat(c.servers()).extracting(s -> s.address().toCanonicalString())
        .containsExactly("10.3.240.5", "10.3.240.37", "10.3.240.38", "10.3.240.70", "10.3.243.9");
    assertThat(c.servers()).extracting(Server::problem)
        .containsExactly(Problem.NONE, Problem.NO_ROUTE, Problem.NO_ROUTE, Problem.NO_HOST_IP, Problem.NOT_ALLOCATED);
    assertThat(c.servers().get(0).endpoints()).containsExactly("10.3.240.5:8080 (TCP 10.3.214.100:80)", "10.3.240.5:8443 (TCP 10.3.214.100:443)");
    assertThat(c.servers().get(1).kernel()).isEqualTo(Routes.boot("10.3.240.32/27", "172.31.0.3"));
    assertThat(c.uncovered()).isEqualTo(4);
    assertThat(c.outside()).isEqualTo(2); // 192.168.10.5 and 2001:db8::5
  }

  @Test
  void everyoneCovered() throws IOException {
    IpvsadmListing l = IpvsadmListing.parse("x", "TCP  10.3.214.100:80 rr\n  -> 10.3.240.5:80 FullNat 1 0 0\n  -> 10.3.240.33:80 FullNat 1 0 0\n");
    Coverage c = Coverage.check(l, RANGES, ALLOCS, List.of(
        Routes.owned("10.3.240.0/27", "172.31.0.2"), Routes.owned("10.3.240.32/27", "172.31.0.3")), MAIN);
    assertThat(c.uncovered()).isZero();
    assertThat(c.servers()).allMatch(Server::covered);
  }
}
