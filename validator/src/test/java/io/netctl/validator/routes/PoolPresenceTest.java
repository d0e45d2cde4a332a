package io.netctl.validator.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv4.IPv4Address;
import io.netctl.lvs.Ipv4Prefix;
import io.netctl.lvs.KernelRoute;
import io.netctl.lvs.RouteProtocol;
import io.netctl.lvs.RouteType;
import java.util.List;
import org.junit.jupiter.api.Test;

class PoolPresenceTest {
  private static final IPAddress POOL = ip("10.3.240.32/27");
  private static final IPv4Address HOST = ip("172.31.0.12").toIPv4();

  private static IPAddress ip(String s) {
    return new IPAddressString(s).getAddress();
  }

  private static ReflectedRoute reflected(String prefix, String via) {
    return new ReflectedRoute(ip(prefix), via, 0, via, List.of("1.0.0.1"));
  }

  private static KernelRoute kernel(String dst, RouteType type, String... via) {
    return new KernelRoute(Ipv4Prefix.of(ip(dst)), KernelRoute.MAIN, RouteProtocol.NETCTL, type,
        java.util.Arrays.stream(via).map(v -> ip(v).toIPv4()).toList(), "eth0", 0);
  }

  @Test
  void aReflectorHasThePoolOnlyWithTheHostIpAsNextHop() {
    assertEquals(new PoolPresence.Seen(true, "172.31.0.12"),
        PoolPresence.atReflector(List.of(reflected("10.3.240.0/27", "172.31.0.11"), reflected("10.3.240.32/27", "172.31.0.12")), POOL, HOST));
    assertEquals(new PoolPresence.Seen(false, "172.31.0.99"), PoolPresence.atReflector(List.of(reflected("10.3.240.32/27", "172.31.0.99")), POOL, HOST));
    assertEquals(PoolPresence.Seen.ABSENT, PoolPresence.atReflector(List.of(), POOL, HOST));
  }

  @Test
  void aMoreSpecificOrCoveringRouteIsNotThePool() {
    assertEquals(PoolPresence.Seen.ABSENT,
        PoolPresence.atReflector(List.of(reflected("10.3.240.32/28", "172.31.0.12"), reflected("10.3.240.0/24", "172.31.0.12")), POOL, HOST));
    assertEquals(PoolPresence.Seen.ABSENT, PoolPresence.atDirector(List.of(kernel("10.3.240.32/28", RouteType.UNICAST, "172.31.0.12")), POOL, HOST));
  }

  @Test
  void ofTwoPathsTheRightOneCounts() {
    assertEquals(new PoolPresence.Seen(true, "172.31.0.12"),
        PoolPresence.atReflector(List.of(reflected("10.3.240.32/27", "172.31.0.99"), reflected("10.3.240.32/27", "172.31.0.12")), POOL, HOST));
  }

  @Test
  void aDirectorHasThePoolWhenItsUnicastRouteSendsToTheHostAlone() {
    assertEquals(new PoolPresence.Seen(true, "172.31.0.12"), PoolPresence.atDirector(List.of(kernel("10.3.240.32/27", RouteType.UNICAST, "172.31.0.12")), POOL, HOST));
    assertEquals(new PoolPresence.Seen(false, "172.31.0.99"), PoolPresence.atDirector(List.of(kernel("10.3.240.32/27", RouteType.UNICAST, "172.31.0.99")), POOL, HOST));
    assertEquals(new PoolPresence.Seen(false, "172.31.0.12"),
        PoolPresence.atDirector(List.of(kernel("10.3.240.32/27", RouteType.UNICAST, "172.31.0.12", "172.31.0.13")), POOL, HOST), "multipath is not the pool via its host");
    assertEquals(PoolPresence.Seen.ABSENT, PoolPresence.atDirector(List.of(kernel("10.3.240.32/27", RouteType.BLACKHOLE)), POOL, HOST));
  }
}
