package io.netctl.validator.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import inet.ipaddr.IPAddressString;
import io.netctl.bgp.calico.Bfd;
import io.netctl.bgp.calico.BgpTopology;
import io.netctl.bgp.calico.RouteReflector;
import io.netctl.bgp.calico.RrBirdConfig;
import io.netctl.ipam.Allocator;
import io.netctl.ipam.IpamConfig;
import io.netctl.ipam.store.MemoryStore;
import io.netctl.lab.Bird;
import io.netctl.lab.BirdConfig;
import io.netctl.lab.Lab;
import io.netctl.lab.Poll;
import io.netctl.validator.CheckKind;
import io.netctl.validator.CheckRequest;
import io.netctl.validator.Checker;
import io.netctl.validator.ClusterState;
import io.netctl.validator.Code;
import io.netctl.validator.Finding;
import io.netctl.validator.HostRef;
import io.netctl.validator.Intent;
import io.netctl.validator.observe.BfdSession;
import io.netctl.validator.observe.BirdSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * BFD with real BIRD on both ends: the reflector runs what {@code render-rr} renders with {@code
 * bfd: {interval: 100ms, multiplier: 3}} (multihop BFD, UDP 4784, {@code bfd on} on client
 * sessions); node b runs BFD too, node c does not. Then b's BFD packets are dropped as they leave
 * b ({@code ip rule ... ipproto udp dport 4784 blackhole}: BGP's TCP still flows): the
 * reflector's BFD session goes Down and its BGP session with b is shut down with "BFD session
 * down", so b's /27 is withdrawn long before the 240 s hold time; the checker reports {@code
 * bfd-down}. The times measured are printed ({@code BFD-MEASURE}) for docs/benchmarks.md.
 *
 * <pre>
 *   rr 172.31.0.1  BIRD from RrBirdConfig.render, BFD 100 ms x 3
 *   b  172.31.0.2  BIRD node, BFD on (multihop), hold time 240 s, 10.3.240.0/27
 *   c  172.31.0.3  BIRD node without BFD, 10.3.240.32/27
 *   d  172.31.0.4  BIRD node without BFD, hold time 6 s (hold-time-short), 10.3.240.64/27
 * </pre>
 */
class BfdIT {
  static final Duration WAIT = Duration.ofSeconds(90);
  static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  static final Bfd BFD = new Bfd(true, Duration.ofMillis(100), 3);
  static final BgpTopology TOPO = new BgpTopology(64512, List.of(new RouteReflector("rr-1", ip("172.31.0.1"), ip("1.0.0.1"), Map.of())), List.of(), null);
  static final Intent INTENT = new Intent(IpamConfig.DEFAULT, TOPO, List.of(), List.of(), 90, false, BFD, null);
  static final String B_POOL = "10.3.240.0/27";
  static final String C_POOL = "10.3.240.32/27";
  static final String D_POOL = "10.3.240.64/27";

  static inet.ipaddr.ipv4.IPv4Address ip(String s) {
    return new IPAddressString(s).getAddress().toIPv4();
  }

  static Optional<BfdSession> bfd(Bird bird, String peer) {
    return BirdSource.socket(bird.socket(), Duration.ofSeconds(5)).bfdSessions().stream().filter(s -> s.address().equals(peer)).findFirst();
  }

  static List<Finding> check(ClusterState state, Bird bird, String whose) {
    CheckRequest r = CheckRequest.builder(EnumSet.of(CheckKind.SESSIONS), NOW).state(state)
        .bird(BirdSource.socket(bird.socket(), Duration.ofSeconds(5)), new HostRef.Named(whose, "--bird-of")).build();
    return new Checker(INTENT).run(r).report().findings().stream()
        .filter(f -> f.code() == Code.BFD_DOWN || f.code() == Code.BFD_MISSING || f.code() == Code.HOLD_TIME_SHORT).toList();
  }

  @Test
  void droppedBfdPacketsBringTheSessionDownInAboutASecondAndAreBfdDown() {
    MemoryStore store = new MemoryStore();
    Allocator allocator = new Allocator(store, IpamConfig.DEFAULT, Clock.fixed(NOW, ZoneOffset.UTC));
    assertThat(allocator.allocate("node-b", ip("172.31.0.2"), false).allocation().cidrText()).isEqualTo(B_POOL);
    assertThat(allocator.allocate("node-c", ip("172.31.0.3"), false).allocation().cidrText()).isEqualTo(C_POOL);
    assertThat(allocator.allocate("node-d", ip("172.31.0.4"), false).allocation().cidrText()).isEqualTo(D_POOL);
    ClusterState state = ClusterState.read(store);
    String multihopBfd = "protocol bfd { multihop { min rx interval 100 ms; min tx interval 100 ms; multiplier 3; }; }";
    try (Lab lab = Lab.create("bfd")) {
      Lab.Host rrHost = lab.host("rr", "172.31.0.1/24");
      Lab.Host b = lab.host("b", "172.31.0.2/24");
      Lab.Host c = lab.host("c", "172.31.0.3/24");
      Lab.Host d = lab.host("d", "172.31.0.4/24");
      String rendered = RrBirdConfig.render(TOPO, TOPO.routeReflectors().get(0), RrBirdConfig.clients(TOPO, state.allocations()), Map.of(),
          List.of("BfdIT"), List.of(), BFD);
      assertThat(rendered).contains("bfd on;");
      Bird rr = Bird.start(rrHost, rendered);
      Bird nodeB = Bird.start(b, BirdConfig.node("172.31.0.2").announce(B_POOL).with(multihopBfd)
          .peer("172.31.0.1", "multihop;", "bfd on;", "hold time 240;"));
      Bird nodeC = Bird.start(c, BirdConfig.node("172.31.0.3").announce(C_POOL).peer("172.31.0.1"));
      Bird nodeD = Bird.start(d, BirdConfig.node("172.31.0.4").announce(D_POOL).peer("172.31.0.1", "hold time 6;", "keepalive time 2;"));
      rr.awaitRoutes(B_POOL, C_POOL, D_POOL);
      Poll.until(WAIT, () -> "BFD Up between rr and b\n" + rr.birdc("show", "bfd", "sessions"),
          () -> bfd(rr, "172.31.0.2").map(BfdSession::up).orElse(false) && bfd(nodeB, "172.31.0.1").map(BfdSession::up).orElse(false));

      // BFD where it runs, its absence where it does not: c and d run none (the reflector's sessions with them never come Up);
      // d's hold time of 6 s without BFD is a warning on both ends, c's 9 s is not
      assertThat(check(state, rr, "rr-1")).extracting(Finding::code, Finding::subject).containsExactlyInAnyOrder(tuple(Code.BFD_DOWN, "rr-1 -> 172.31.0.3"),
          tuple(Code.BFD_DOWN, "rr-1 -> 172.31.0.4"), tuple(Code.HOLD_TIME_SHORT, "rr-1 -> 172.31.0.4"));
      assertThat(check(state, nodeB, "node-b")).isEmpty();
      assertThat(check(state, nodeC, "node-c")).extracting(Finding::code, Finding::subject).containsExactly(tuple(Code.BFD_MISSING, "node-c -> 172.31.0.1"));
      assertThat(check(state, nodeD, "node-d")).extracting(Finding::code, Finding::subject).containsExactlyInAnyOrder(
          tuple(Code.BFD_MISSING, "node-d -> 172.31.0.1"), tuple(Code.HOLD_TIME_SHORT, "node-d -> 172.31.0.1"));
      String holdTime = rr.birdc("show", "protocols", "all", "Global_172_31_0_2").lines().filter(l -> l.contains("Hold timer")).findFirst().orElse("?");

      // drop b's BFD packets (multihop, UDP 4784) as they leave b, as if b had died; BGP's TCP still flows. The reflector
      // notices first (b learns of it only from the reflector's next packet, which says Down) and shuts the session itself
      long t0 = System.nanoTime();
      b.ok("ip", "rule", "add", "priority", "10", "ipproto", "udp", "dport", "4784", "blackhole");
      Poll.until(WAIT, () -> "the reflector's BFD session with b down\n" + rr.birdc("show", "bfd", "sessions"),
          () -> !bfd(rr, "172.31.0.2").map(BfdSession::up).orElse(false));
      long detected = System.nanoTime() - t0;
      Poll.until(WAIT, () -> "b's /27 withdrawn at the reflector\n" + rr.birdc("show", "route"), () -> !rr.hasRoute(B_POOL));
      long withdrawn = System.nanoTime() - t0;
      String error = rr.birdc("show", "protocols", "all", "Global_172_31_0_2");
      assertThat(error).as(error).contains("BFD session down");
      assertThat(rr.hasRoute(C_POOL)).as("c's /27 stays").isTrue();
      System.out.printf("BFD-MEASURE interval 100 ms x 3 (detection time 300 ms): BFD Down seen after %d ms, b's /27 withdrawn after %d ms;"
          + " BGP %s%n", detected / 1_000_000, withdrawn / 1_000_000, holdTime.strip());

      assertThat(check(state, rr, "rr-1")).extracting(Finding::code, Finding::subject).contains(tuple(Code.BFD_DOWN, "rr-1 -> 172.31.0.2"));
    }
  }
}
