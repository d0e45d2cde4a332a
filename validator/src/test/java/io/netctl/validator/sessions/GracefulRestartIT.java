package io.netctl.validator.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import inet.ipaddr.IPAddressString;
import io.netctl.bgp.calico.BgpTopology;
import io.netctl.bgp.calico.RouteReflector;
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
import io.netctl.validator.observe.BirdProtocolStatus;
import io.netctl.validator.observe.BirdSource;
import io.netctl.validator.observe.RestartMemory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Graceful restart that holds, against real BIRD 2: a reflector (graceful restart on, the helper) and
 * three nodes, each SIGKILLed (a crash, no NOTIFICATION) after the sessions are up. The checker reads
 * the reflector's BIRD through its control socket, with one {@link RestartMemory} across its runs
 * (as a long-running process keeps it). The nodes' restart time is 600 s, so a loaded machine's slow
 * polls stay well inside it (the finding is only for a withdrawal before the restart time passed).
 *
 * <pre>
 *   rr  172.31.0.1  BIRD RR, graceful restart on; its session with d: graceful restart off
 *   b   172.31.0.2  BIRD node, graceful restart on (600 s)  10.3.240.0/27   -> kept as stale: no finding
 *   c   172.31.0.3  BIRD node, BIRD's default (aware only)   10.3.240.32/27  -> graceful-restart-off (before the crash)
 *   d   172.31.0.4  BIRD node, graceful restart on (600 s)  10.3.240.64/27  -> graceful-restart-off (the reflector's side, before),
 *                                                                              routes-withdrawn-on-restart (after)
 * </pre>
 */
class GracefulRestartIT {
  static final Duration WAIT = Duration.ofSeconds(90);
  static final Set<Code> RESTART = Set.of(Code.GRACEFUL_RESTART_OFF, Code.ROUTES_WITHDRAWN_ON_RESTART);

  static Set<String> restartFindings(Checker.Result r) {
    return r.report().findings().stream().filter(f -> RESTART.contains(f.code())).map(f -> f.code().id() + " " + f.subject())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void theReflectorKeepsTheRestartingNodesRoutesOnlyWhereGracefulRestartIsOnBothSides() {
    try (Lab lab = Lab.create("grestart")) {
      Lab.Host rrHost = lab.host("rr", "172.31.0.1/24");
      Lab.Host[] hosts = {lab.host("b", "172.31.0.2/24"), lab.host("c", "172.31.0.3/24"), lab.host("d", "172.31.0.4/24")};
      Bird rr = Bird.start(rrHost, BirdConfig.reflector("172.31.0.1", "1.0.0.1").option("graceful restart on;")
          .peer("172.31.0.2").peer("172.31.0.3").peer("172.31.0.4", "graceful restart off;"));
      Bird b = Bird.start(hosts[0], BirdConfig.node("172.31.0.2").announce("10.3.240.0/27")
          .option("graceful restart on;").option("graceful restart time 600;").peer("172.31.0.1"));
      Bird c = Bird.start(hosts[1], BirdConfig.node("172.31.0.3").announce("10.3.240.32/27").peer("172.31.0.1"));
      Bird d = Bird.start(hosts[2], BirdConfig.node("172.31.0.4").announce("10.3.240.64/27")
          .option("graceful restart on;").option("graceful restart time 600;").peer("172.31.0.1"));
      rr.awaitEstablished("172.31.0.2", "172.31.0.3", "172.31.0.4");
      rr.awaitRoutes("10.3.240.0/27", "10.3.240.32/27", "10.3.240.64/27");

      MemoryStore store = new MemoryStore();
      Allocator alloc = new Allocator(store, IpamConfig.DEFAULT, Clock.systemUTC());
      for (String[] n : new String[][] {{"node-b", "172.31.0.2"}, {"node-c", "172.31.0.3"}, {"node-d", "172.31.0.4"}}) {
        alloc.allocate(n[0], new IPAddressString(n[1]).getAddress().toIPv4(), false);
      }
      ClusterState state = ClusterState.read(store);
      assertThat(state.allocations()).extracting(a -> a.cidrText()).containsExactly("10.3.240.0/27", "10.3.240.32/27", "10.3.240.64/27");
      BgpTopology topo = new BgpTopology(64512, List.of(new RouteReflector("rr-1", new IPAddressString("172.31.0.1").getAddress().toIPv4(),
          new IPAddressString("1.0.0.1").getAddress().toIPv4(), Map.of())), List.of(), null);
      Checker checker = new Checker(new Intent(IpamConfig.DEFAULT, topo, List.of(), List.of()));
      RestartMemory memory = new RestartMemory();
      BirdSource bird = BirdSource.socket(rr.socket(), Duration.ofSeconds(5));
      java.util.function.Supplier<Checker.Result> check = () -> checker.run(CheckRequest.builder(EnumSet.of(CheckKind.SESSIONS, CheckKind.ROUTES),
          Instant.now()).state(state).bird(bird, new HostRef.Named("rr-1", "--bird-of")).restartMemory(memory).build());

      // up: what each side advertised, from BIRD's "Local/Neighbor capabilities"
      Checker.Result before = check.get();
      BirdProtocolStatus toB = before.bird().stream().filter(p -> "172.31.0.2".equals(p.neighborAddress())).findFirst().orElseThrow();
      assertThat(toB.restart().neighbor().keepsIpv4()).isTrue();
      assertThat(toB.restart().neighbor().restartTime()).isEqualTo(600);
      assertThat(toB.restart().local().gracefulRestart()).isTrue();
      assertThat(restartFindings(before)).containsExactly("graceful-restart-off rr-1 -> 172.31.0.3", "graceful-restart-off rr-1 -> 172.31.0.4");
      Finding offC = before.report().findings().stream().filter(f -> f.subject().equals("rr-1 -> 172.31.0.3")).findFirst().orElseThrow();
      assertThat(offC.observed()).startsWith("node: graceful restart aware only");
      Finding offD = before.report().findings().stream().filter(f -> f.subject().equals("rr-1 -> 172.31.0.4")).findFirst().orElseThrow();
      assertThat(offD.observed()).contains("node: graceful restart 600 s for IPv4", "reflector: no graceful restart");
      assertThat(offD.severity()).isEqualTo(io.netctl.validator.Severity.WARNING);
      // netctl.yaml's gracefulRestart: required makes them errors
      Checker strict = new Checker(new Intent(IpamConfig.DEFAULT, topo, List.of(), List.of(), 90, true));
      Checker.Result required = strict.run(CheckRequest.builder(EnumSet.of(CheckKind.SESSIONS), Instant.now()).state(state)
          .bird(bird, new HostRef.Named("rr-1", "--bird-of")).build());
      assertThat(required.report().findings()).filteredOn(f -> f.code() == Code.GRACEFUL_RESTART_OFF)
          .extracting(Finding::severity).containsOnly(io.netctl.validator.Severity.ERROR).hasSize(2);

      // a crash of every node: SIGKILL by pid, no NOTIFICATION
      b.kill();
      c.kill();
      d.kill();
      Poll.until(WAIT, () -> "the reflector's sessions down\n" + rr.birdc("show", "protocols"),
          () -> !rr.established("172.31.0.2") && !rr.established("172.31.0.3") && !rr.established("172.31.0.4"));
      // the reflector keeps b's pool as stale and has withdrawn c's and d's
      Poll.until(WAIT, () -> "b's pool stale, c's and d's withdrawn\n" + rr.birdc("show", "route"),
          () -> rr.hasRoute("10.3.240.0/27") && !rr.hasRoute("10.3.240.32/27") && !rr.hasRoute("10.3.240.64/27"));
      Checker.Result after = check.get();
      BirdProtocolStatus restarting = after.bird().stream().filter(p -> "172.31.0.2".equals(p.neighborAddress())).findFirst().orElseThrow();
      assertThat(restarting.restart().active()).as("BIRD: Neighbor graceful restart active").isTrue();
      assertThat(restartFindings(after)).containsExactly("routes-withdrawn-on-restart rr-1 10.3.240.64/27");
      assertThat(after.report().findings()).filteredOn(f -> f.code() == Code.ROUTES_WITHDRAWN_ON_RESTART).singleElement()
          .satisfies(f -> assertThat(f.expected()).contains("node-d", "600 s"));
    }
  }
}
