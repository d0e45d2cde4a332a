package io.netctl.validator.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import inet.ipaddr.IPAddressString;
import io.netctl.ipam.Allocation;
import io.netctl.validator.Code;
import io.netctl.validator.Finding;
import io.netctl.validator.Report;
import io.netctl.validator.Severity;
import io.netctl.validator.observe.BirdProtocolStatus;
import io.netctl.validator.observe.BirdRestart;
import io.netctl.validator.observe.BmpFeed;
import io.netctl.validator.observe.RestartCapabilities;
import io.netctl.validator.observe.RestartMemory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Graceful restart on node–reflector sessions, from a reflector's BIRD (rr-1, 172.31.0.1): node-b
 * (172.31.0.2) advertises graceful restart for IPv4, node-c (172.31.0.3) is only aware (BIRD's
 * default), node-d (172.31.0.4) advertises it to a reflector session with graceful restart off.
 */
class GracefulRestartChecksTest {
  static final Role RR = new Role(Role.Kind.ROUTE_REFLECTOR, "rr-1", "172.31.0.1");
  static final RestartCapabilities ON = new RestartCapabilities(true, 120, true, false, false, 0);
  static final RestartCapabilities AWARE = new RestartCapabilities(true, 120, false, false, false, 0);
  static final Map<String, String> NODES = Map.of("172.31.0.2", "node-b", "172.31.0.3", "node-c", "172.31.0.4", "node-d");
  static final Map<String, List<Allocation>> OWNED = Map.of("node-b", List.of(alloc("node-b", "10.3.240.0/27", "172.31.0.2")),
      "node-c", List.of(alloc("node-c", "10.3.240.32/27", "172.31.0.3")), "node-d", List.of(alloc("node-d", "10.3.240.64/27", "172.31.0.4")));
  static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  static Allocation alloc(String node, String cidr, String host) {
    return new Allocation(node, new IPAddressString(cidr).getAddress().toPrefixBlock(), new IPAddressString(host).getAddress().toIPv4(),
        Instant.EPOCH, Instant.EPOCH);
  }

  static BirdProtocolStatus up(String peer, RestartCapabilities local, RestartCapabilities neighbor) {
    return new BirdProtocolStatus("Global_" + peer.replace('.', '_'), "BGP", "---", "up", "10:00:00", "Established", "Established", peer,
        OptionalLong.of(64512), OptionalLong.of(1), null, new BirdRestart(local, neighbor, false));
  }

  static BirdProtocolStatus down(String peer, boolean stale) {
    return new BirdProtocolStatus("Global_" + peer.replace('.', '_'), "BGP", "---", "start", "10:00:30", "Active", "Active", peer,
        OptionalLong.of(64512), OptionalLong.empty(), "Socket: Connection closed", new BirdRestart(null, null, stale));
  }

  static Report run(List<BirdProtocolStatus> bird, RestartMemory memory, Instant now, boolean required) {
    return GracefulRestartChecks.fromBird(RR, true, NODES, bird, bird, memory, now, OWNED, required);
  }

  @Test
  void aSessionWithoutGracefulRestartOnEitherSideIsAWarningOrWhenRequiredAnError() {
    List<BirdProtocolStatus> bird = List.of(up("172.31.0.2", ON, ON), up("172.31.0.3", ON, AWARE), up("172.31.0.4", RestartCapabilities.NONE, ON));
    Report r = run(bird, new RestartMemory(), T0, false);
    assertThat(r.findings()).extracting(Finding::code, Finding::subject, Finding::severity).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple(Code.GRACEFUL_RESTART_OFF, "rr-1 -> 172.31.0.3", Severity.WARNING),
        org.assertj.core.groups.Tuple.tuple(Code.GRACEFUL_RESTART_OFF, "rr-1 -> 172.31.0.4", Severity.WARNING));
    assertThat(r.findings()).filteredOn(f -> f.subject().endsWith(".3")).singleElement().satisfies(f ->
        assertThat(f.observed()).startsWith("node: graceful restart aware only").contains("reflector: graceful restart 120 s for IPv4", "BIRD Global_172_31_0_3"));
    assertThat(run(bird, new RestartMemory(), T0, true).findings()).extracting(Finding::severity).containsOnly(Severity.ERROR);
  }

  @Test
  void aDroppedSessionWhoseRoutesTheReflectorKeepsIsNoFindingOneItWithdrewIs() {
    RestartMemory memory = new RestartMemory();
    run(List.of(up("172.31.0.2", ON, ON), up("172.31.0.3", ON, AWARE), up("172.31.0.4", RestartCapabilities.NONE, ON)), memory, T0, false);
    // all three killed: b's routes kept as stale, c's and d's withdrawn
    Report r = run(List.of(down("172.31.0.2", true), down("172.31.0.3", false), down("172.31.0.4", false)), memory, T0.plusSeconds(20), false);
    assertThat(r.findings()).singleElement().satisfies(f -> {
      assertThat(f.code()).isEqualTo(Code.ROUTES_WITHDRAWN_ON_RESTART);
      assertThat(f.subject()).isEqualTo("rr-1 10.3.240.64/27");
      assertThat(f.expected()).isEqualTo("10.3.240.64/27 of node-d kept as stale for 120 s after its session dropped (it advertised graceful restart 120 s for IPv4)");
      assertThat(f.observed()).contains("Global_172_31_0_4 is Active since 10:00:30", "last seen Established 20 s before",
          "the reflector advertised no graceful restart");
    });
    // a clean stop (the node's Cease) is no restart: graceful restart does not apply to a NOTIFICATION
    BirdProtocolStatus ceased = new BirdProtocolStatus("Global_172_31_0_4", "BGP", "---", "start", "10:00:30", "Active", "Active", "172.31.0.4",
        OptionalLong.of(64512), OptionalLong.empty(), "Received: Administrative shutdown", new BirdRestart(null, null, false));
    assertThat(run(List.of(ceased), memory, T0.plusSeconds(20), false).findings()).isEmpty();
    // once the restart time has passed, a withdrawal is what the standard asks for
    assertThat(run(List.of(down("172.31.0.4", false)), memory, T0.plusSeconds(120), false).findings()).isEmpty();
  }

  @Test
  void aSessionNeverSeenUpOrOfANodeWithoutAPoolIsNoFinding() {
    assertThat(run(List.of(down("172.31.0.4", false)), new RestartMemory(), T0, false).findings()).isEmpty();
    RestartMemory memory = new RestartMemory();
    memory.up("172.31.0.1", "172.31.0.4", ON, RestartCapabilities.NONE, T0);
    Report r = GracefulRestartChecks.fromBird(RR, true, NODES, List.of(down("172.31.0.4", false)), List.of(down("172.31.0.4", false)), memory,
        T0.plusSeconds(5), Map.of(), false);
    assertThat(r.findings()).isEmpty();
  }

  @Test
  void aNodesOwnBirdJudgesItsLocalSide() {
    Role node = new Role(Role.Kind.NODE, "node-c", "172.31.0.3");
    Report r = GracefulRestartChecks.fromBird(node, false, Map.of("172.31.0.1", "node-c"), List.of(up("172.31.0.1", AWARE, ON)),
        List.of(up("172.31.0.1", AWARE, ON)), new RestartMemory(), T0, OWNED, false);
    assertThat(r.findings()).extracting(Finding::code, Finding::subject)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Code.GRACEFUL_RESTART_OFF, "node-c -> 172.31.0.1"));
  }

  @Test
  void bmpPeerUpOpensGiveBothSides() {
    Map<String, BmpFeed.PeerRestart> restart = Map.of("172.31.0.2", new BmpFeed.PeerRestart(ON, ON),
        "172.31.0.3", new BmpFeed.PeerRestart(ON, RestartCapabilities.NONE), "172.31.0.9", new BmpFeed.PeerRestart(ON, RestartCapabilities.NONE));
    Report r = GracefulRestartChecks.fromBmp(new Role(Role.Kind.ROUTE_REFLECTOR, "rr-frr", "172.31.0.5"), restart, Set.of("172.31.0.2", "172.31.0.3"), false);
    assertThat(r.findings()).singleElement().satisfies(f -> {
      assertThat(f.subject()).isEqualTo("rr-frr -> 172.31.0.3"); // 172.31.0.9 is no node: a monitor, not judged
      assertThat(f.observed()).isEqualTo("node: no graceful restart; reflector: graceful restart 120 s for IPv4 (BMP Peer Up)");
    });
  }
}
