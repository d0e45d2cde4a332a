package io.netctl.lvs;

import static io.netctl.lvs.Routes.route;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What netctl relies on from a routing table, run against the fake ({@code FakeRouteTableTest})
 * and the kernel in a namespace ({@code IprouteTableIT}). The table's link is 172.31.0.0/24;
 * 10.99.0.1 is not on it.
 */
public abstract class RouteTableContract {

  /** A fresh table with 172.31.0.0/24 connected and ip_forward off. */
  protected abstract RouteTable table();

  /** Installs a route that is not netctl's, as an operator would ({@code ip route add ... proto P}). */
  protected abstract void putForeign(RouteTable t, KernelRoute r);

  static KernelRoute owned(String dst, String via) {
    return Routes.owned(dst, via);
  }

  /** The /27 routes, without the device (the kernel fills in the one it resolved from the gateway). */
  static List<KernelRoute> pools(RouteTable t) {
    return t.list().stream()
        .filter(r -> r.dst().length() == 27)
        .map(r -> new KernelRoute(r.dst(), r.table(), r.protocol(), r.type(), r.gateways(), null, r.metric()))
        .toList();
  }

  @Test
  void addedRoutesAreListedAsNetctlsWithTheirAttributes() {
    RouteTable t = table();
    assertThat(pools(t)).isEmpty();
    KernelRoute inTable = route("10.3.240.32/27", "172.31.0.3", RouteProtocol.NETCTL, 100, 7);
    RouteTable.ApplyResult r = t.apply(List.of(new RouteChange.Add(owned("10.3.240.0/27", "172.31.0.2")), new RouteChange.Add(inTable)));
    assertThat(r.ok()).isTrue();
    assertThat(r.applied()).isEqualTo(2);
    List<KernelRoute> listed = pools(t);
    assertThat(listed).hasSize(2).allMatch(KernelRoute::owned);
    KernelRoute main = listed.stream().filter(x -> x.table() == KernelRoute.MAIN).findFirst().orElseThrow();
    assertThat(main.dst()).isEqualTo(Ipv4Prefix.parse("10.3.240.0/27"));
    assertThat(main.sendsTo(Ipv4.address("172.31.0.2"))).isTrue();
    assertThat(main.metric()).isZero();
    KernelRoute other = listed.stream().filter(x -> x.table() == 100).findFirst().orElseThrow();
    assertThat(other.metric()).isEqualTo(7);
    assertThat(other.sendsTo(Ipv4.address("172.31.0.3"))).isTrue();
  }

  @Test
  void replaceChangesTheNextHopInPlace() {
    RouteTable t = table();
    t.apply(List.of(new RouteChange.Add(owned("10.3.240.0/27", "172.31.0.9"))));
    assertThat(t.apply(List.of(new RouteChange.Replace(owned("10.3.240.0/27", "172.31.0.2")))).ok()).isTrue();
    assertThat(pools(t)).singleElement().satisfies(x -> assertThat(x.sendsTo(Ipv4.address("172.31.0.2"))).isTrue());
  }

  @Test
  void addNeverOverwritesAndOneRefusedChangeDoesNotStopTheOthers() {
    RouteTable t = table();
    KernelRoute foreign = route("10.3.240.0/27", "172.31.0.9", RouteProtocol.BOOT, KernelRoute.MAIN, 0);
    putForeign(t, foreign);
    RouteChange clash = new RouteChange.Add(owned("10.3.240.0/27", "172.31.0.2"));
    RouteChange offLink = new RouteChange.Add(owned("10.3.240.64/27", "10.99.0.1"));
    RouteChange fine = new RouteChange.Add(owned("10.3.240.32/27", "172.31.0.3"));
    RouteTable.ApplyResult r = t.apply(List.of(clash, offLink, fine));
    assertThat(r.applied()).isEqualTo(1);
    assertThat(r.failures()).extracting(RouteTable.Failure::change).containsExactly(clash, offLink);
    assertThat(r.failures().get(0).message()).contains("File exists");
    assertThat(r.failures().get(1).message()).contains("invalid gateway");
    assertThat(pools(t)).containsExactlyInAnyOrder(foreign, owned("10.3.240.32/27", "172.31.0.3"));
  }

  @Test
  void deleteRemovesOnlyTheRouteWithThatProtocolAndGateway() {
    RouteTable t = table();
    KernelRoute foreign = route("10.3.240.0/27", "172.31.0.9", RouteProtocol.BOOT, KernelRoute.MAIN, 0);
    putForeign(t, foreign);
    RouteChange del = new RouteChange.Delete(owned("10.3.240.0/27", "172.31.0.9"));
    RouteTable.ApplyResult r = t.apply(List.of(del));
    assertThat(r.failures()).singleElement().satisfies(f -> assertThat(f.message()).contains("No such process"));
    assertThat(pools(t)).containsExactly(foreign);

    t.apply(List.of(new RouteChange.Add(owned("10.3.240.32/27", "172.31.0.3"))));
    KernelRoute listed = t.list().stream().filter(KernelRoute::owned).findFirst().orElseThrow();
    assertThat(t.apply(List.of(new RouteChange.Delete(listed))).ok()).isTrue();
    assertThat(pools(t)).containsExactly(foreign);
  }

  @Test
  void ipForwardingIsReadAndSet() {
    RouteTable t = table();
    assertThat(t.ipForwarding()).isFalse();
    t.enableIpForwarding();
    assertThat(t.ipForwarding()).isTrue();
  }

  @Test
  void anEmptyBatchChangesNothing() {
    RouteTable t = table();
    List<KernelRoute> before = t.list();
    assertThat(t.apply(List.of()).applied()).isZero();
    assertThat(t.list()).isEqualTo(before);
  }
}
