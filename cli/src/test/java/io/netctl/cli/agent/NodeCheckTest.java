package io.netctl.cli.agent;

import static org.assertj.core.api.Assertions.assertThat;

import inet.ipaddr.IPAddressString;
import io.netctl.cli.metrics.PeerSession;
import io.netctl.ipam.Allocation;
import io.netctl.ipam.IpamConfig;
import io.netctl.validator.Code;
import io.netctl.validator.Finding;
import io.netctl.validator.observe.BirdProtocolStatus;
import io.netctl.lvs.Ipv4Prefix;
import io.netctl.lvs.KernelRoute;
import io.netctl.lvs.RouteType;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** One node's checks from observations made by hand. */
class NodeCheckTest {
  static Allocation alloc(String node, String cidr, String ip) {
    return new Allocation(node, new IPAddressString(cidr).getAddress(), ip == null ? null : new IPAddressString(ip).getAddress().toIPv4(),
        Instant.EPOCH, Instant.EPOCH);
  }

  static BirdProtocolStatus bgp(String peer, String state, String since, long routes) {
    return new BirdProtocolStatus("Global_" + peer.replace('.', '_'), "BGP", "---", state.equals("Established") ? "up" : "start", since,
        state, state, peer, OptionalLong.of(64512), OptionalLong.of(routes), state.equals("Established") ? null : "Socket: Connection refused");
  }

  static KernelRoute route(String dst, String via, RouteType type) {
    return new KernelRoute(Ipv4Prefix.of(new inet.ipaddr.IPAddressString(dst).getAddress()), KernelRoute.MAIN, 12, type,
        via == null ? List.of() : List.of(new inet.ipaddr.IPAddressString(via).getAddress().toIPv4()), "eth0", 0);
  }

  static NodeObservation seen(List<BirdProtocolStatus> bird, List<KernelRoute> routes) {
    return new NodeObservation("node-a", List.of(), bird, null, routes,
        List.of(alloc("node-a", "10.3.240.0/27", "192.0.2.1"), alloc("node-b", "10.3.240.32/27", "192.0.2.2"), alloc("node-c", "10.3.240.64/27", "192.0.2.3")),
        null, List.of(), IpamConfig.DEFAULT);
  }

  @Test
  void birdStatesBecomeNumericSessionStateFlapsAndFindings() {
    NodeCheck check = new NodeCheck();
    var r1 = check.run(seen(List.of(bgp("10.3.252.8", "Established", "10:00:00.000", 40), bgp("10.3.252.9", "Active", "10:00:00.000", 0)), List.of()));
    assertThat(r1.sessions()).containsExactly(new PeerSession("10.3.252.8", 6, 0, 40), new PeerSession("10.3.252.9", 3, 0, 0));
    assertThat(r1.report().findings()).extracting(Finding::code).contains(Code.SESSION_NOT_ESTABLISHED);
    // between two polls rr-1's session went down and came back: its "since" moved
    var r2 = check.run(seen(List.of(bgp("10.3.252.8", "Established", "10:00:20.000", 40), bgp("10.3.252.9", "Established", "10:00:25.000", 40)), List.of()));
    assertThat(r2.sessions()).containsExactly(new PeerSession("10.3.252.8", 6, 1, 40), new PeerSession("10.3.252.9", 6, 0, 40));
    var r3 = check.run(seen(List.of(bgp("10.3.252.8", "Established", "10:00:20.000", 40), bgp("10.3.252.9", "Idle", "10:00:40.000", 0)), List.of()));
    assertThat(r3.sessions().get(1)).isEqualTo(new PeerSession("10.3.252.9", 1, 1, 0));
  }

  @Test
  void routesToOtherNodesPoolsMissingWrongAndStray() {
    List<KernelRoute> routes = List.of(
        route("10.3.240.0/27", null, RouteType.BLACKHOLE), // own pool: fine
        route("10.3.240.5/32", null, RouteType.UNICAST), // a pod of this node: fine
        route("10.3.240.32/27", "192.0.2.9", RouteType.UNICAST), // node-b via the wrong host
        route("10.3.241.0/27", "192.0.2.7", RouteType.UNICAST), // nobody's pool
        route("172.31.0.0/24", null, RouteType.UNICAST));
    var r = new NodeCheck().run(seen(List.of(), routes));
    assertThat(r.report().findings()).extracting(Finding::code, Finding::subject).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple(Code.ROUTE_WRONG_NEXT_HOP, "node-a kernel 10.3.240.32/27"),
        org.assertj.core.groups.Tuple.tuple(Code.ROUTE_MISSING, "node-a kernel 10.3.240.64/27"),
        org.assertj.core.groups.Tuple.tuple(Code.ROUTE_STRAY, "node-a kernel 10.3.241.0/27"));
  }

  @Test
  void withoutDatastoreTheRouteCheckSaysWhyItDidNotRun() {
    var o = new NodeObservation("node-a", List.of(), null, "no BIRD socket", null, null, "no datastore configured", List.of(), IpamConfig.DEFAULT);
    var r = new NodeCheck().run(o);
    assertThat(r.report().checks()).filteredOn(c -> !c.ran()).extracting(c -> c.reason()).containsExactlyInAnyOrder("no BIRD socket", "no datastore configured");
  }
}
