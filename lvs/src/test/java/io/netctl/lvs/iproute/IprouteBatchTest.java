package io.netctl.lvs.iproute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netctl.lvs.Ipv4;
import io.netctl.lvs.Ipv4Prefix;
import io.netctl.lvs.KernelRoute;
import io.netctl.lvs.RouteChange;
import io.netctl.lvs.RouteTable.Failure;
import io.netctl.lvs.RouteTarget;
import io.netctl.lvs.RouteType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class IprouteBatchTest {
  static KernelRoute owned(String dst, String via, RouteTarget t) {
    return KernelRoute.owned(Ipv4Prefix.parse(dst), Ipv4.address(via), t);
  }

  @Test
  void linesNameKeyProtocolAndGatewaySoTheKernelTouchesExactlyThatRoute() {
    RouteTarget main = new RouteTarget(254, null, 0);
    RouteTarget custom = new RouteTarget(100, "eth1", 7);
    KernelRoute foreign = new KernelRoute(Ipv4Prefix.parse("10.3.240.64/27"), 254, 3, RouteType.UNICAST,
        List.of(Ipv4.address("172.31.0.9")), "eth0", 0);
    KernelRoute blackhole = new KernelRoute(Ipv4Prefix.parse("10.3.241.0/27"), 254, 76, RouteType.BLACKHOLE, List.of(), null, 0);
    String text = IprouteBatch.lines(List.of(
        new RouteChange.Add(owned("10.3.240.0/27", "172.31.0.2", main)),
        new RouteChange.Replace(owned("10.3.240.32/27", "172.31.0.3", custom)),
        new RouteChange.Delete(foreign),
        new RouteChange.Delete(blackhole)));
    assertThat(text).isEqualTo("""
        route add 10.3.240.0/27 via 172.31.0.2 proto 76 metric 0 table 254
        route replace 10.3.240.32/27 via 172.31.0.3 dev eth1 proto 76 metric 7 table 100
        route del 10.3.240.64/27 via 172.31.0.9 proto 3 metric 0 table 254
        route del 10.3.241.0/27 proto 76 metric 0 table 254
        """);
  }

  @Test
  void onlyUnicastRoutesWithOneNextHopAreInstalled() {
    KernelRoute blackhole = new KernelRoute(Ipv4Prefix.parse("10.3.241.0/27"), 254, 76, RouteType.BLACKHOLE, List.of(), null, 0);
    assertThatThrownBy(() -> IprouteBatch.lines(List.of(new RouteChange.Add(blackhole)))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void failuresAreMatchedToTheirLines() throws IOException {
    // failing.stderr: ip -force -batch of failing.batch in a namespace (gateway off-link, duplicate add, delete of a missing route)
    String stderr = new String(IprouteJsonTest.fixture("failing.stderr"), StandardCharsets.UTF_8);
    RouteTarget main = new RouteTarget(254, null, 0);
    List<RouteChange> changes = List.of(
        new RouteChange.Add(owned("10.9.1.0/24", "172.31.9.2", main)),
        new RouteChange.Add(owned("10.9.2.0/24", "10.99.0.1", main)),
        new RouteChange.Add(owned("10.9.1.0/24", "172.31.9.2", main)),
        new RouteChange.Delete(owned("10.9.7.0/24", "172.31.9.2", main)));
    String batch = new String(IprouteJsonTest.fixture("failing.batch"), StandardCharsets.UTF_8);
    assertThat(IprouteBatch.lines(changes)).isEqualTo(batch);
    List<Failure> f = IprouteBatch.failures(stderr, changes);
    assertThat(f).extracting(Failure::change).containsExactly(changes.get(1), changes.get(2), changes.get(3));
    assertThat(f).extracting(Failure::message)
        .containsExactly("Error: Nexthop has invalid gateway.", "RTNETLINK answers: File exists", "RTNETLINK answers: No such process");
  }

  @Test
  void permissionFailuresNameEveryLine() throws IOException {
    // eperm.stderr: the same batch run without CAP_NET_ADMIN (setpriv --bounding-set=-net_admin)
    String stderr = new String(IprouteJsonTest.fixture("eperm.stderr"), StandardCharsets.UTF_8);
    RouteTarget main = new RouteTarget(254, null, 0);
    List<RouteChange> changes = List.of(
        new RouteChange.Add(owned("10.9.1.0/24", "172.31.9.2", main)),
        new RouteChange.Add(owned("10.9.2.0/24", "10.99.0.1", main)),
        new RouteChange.Add(owned("10.9.1.0/24", "172.31.9.2", main)),
        new RouteChange.Delete(owned("10.9.7.0/24", "172.31.9.2", main)));
    assertThat(IprouteBatch.failures(stderr, changes)).hasSize(4).allMatch(x -> x.message().contains("Operation not permitted"));
  }
}
