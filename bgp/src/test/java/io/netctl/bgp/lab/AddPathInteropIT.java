package io.netctl.bgp.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.netctl.lab.Bird;
import io.netctl.lab.BirdConfig;
import io.netctl.lab.Frr;
import io.netctl.lab.FrrConfig;
import io.netctl.lab.Gobgp;
import io.netctl.lab.GobgpConfig;
import io.netctl.lab.Lab;
import io.netctl.lab.Poll;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What a reflector hides, and ADD-PATH (RFC 7911) shows: two BIRD nodes announce the same /27 (a
 * stale block affinity, a re-used host) with their own next hops. One lab for the class:
 *
 * <pre>
 *   rr1 172.31.0.1  BIRD RR (cluster 1.0.0.1), "add paths tx" toward nc only
 *   rr2 172.31.0.5  FRR RR (cluster 1.0.0.5), BMP (pre-policy Adj-RIB-In per peer) to nc:11019
 *   rr3 172.31.0.6  GoBGP RR (cluster 1.0.0.6), ADD-PATH send-max 8 toward nc
 *   b   172.31.0.2  BIRD node, 10.3.240.0/27
 *   c   172.31.0.3  BIRD node, 10.3.240.0/27 too
 *   nc  172.31.0.9  netctl (Probe), ADD-PATH receive offered (the default), sessions to rr1 and rr3;
 *                   a second Probe there is the BMP collector
 *   nd  172.31.0.10 netctl (Probe) with ADD-PATH receive off, a plain session to rr1
 * </pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AddPathInteropIT {
  static final Duration WAIT = Duration.ofSeconds(30);
  static final String A = "10.3.240.0/27";

  Lab lab;
  Bird nodeC;
  ProbeLog withAddPath;
  ProbeLog plain;
  ProbeLog bmp;

  @BeforeAll
  void startLab() {
    lab = Lab.create("addpath");
    Lab.Host rr1 = lab.host("rr1", "172.31.0.1/24");
    Lab.Host rr2 = lab.host("rr2", "172.31.0.5/24");
    Lab.Host rr3 = lab.host("rr3", "172.31.0.6/24");
    Lab.Host b = lab.host("b", "172.31.0.2/24");
    Lab.Host c = lab.host("c", "172.31.0.3/24");
    Lab.Host nc = lab.host("nc", "172.31.0.9/24");
    Lab.Host nd = lab.host("nd", "172.31.0.10/24");
    Bird.start(rr1, BirdConfig.reflector("172.31.0.1", "1.0.0.1")
        .peer("172.31.0.2").peer("172.31.0.3")
        .peer("172.31.0.9", "passive on;", "ipv4 { import all; export all; add paths tx; };")
        .peer("172.31.0.10", "passive on;"));
    bmp = ProbeLog.start(nc, "probe-bmp.log", "bmp", "0.0.0.0", "11019");
    Poll.until(WAIT, () -> "collector listening\n" + bmp.text(), () -> !bmp.of("listening").isEmpty());
    Frr.start(rr2, FrrConfig.reflector("172.31.0.5", "1.0.0.5").peer("172.31.0.2").peer("172.31.0.3").bmp("172.31.0.9", 11019));
    Gobgp.start(rr3, GobgpConfig.reflector("172.31.0.6", "1.0.0.6")
        .peer("172.31.0.2").peer("172.31.0.3").passivePeerWithAddPaths("172.31.0.9", 8));
    Bird.start(b, BirdConfig.node("172.31.0.2").announce(A).peer("172.31.0.1").peer("172.31.0.5").peer("172.31.0.6"));
    nodeC = Bird.start(c, BirdConfig.node("172.31.0.3").announce(A).peer("172.31.0.1").peer("172.31.0.5").peer("172.31.0.6"));
    String spec = ",64512,64512,";
    withAddPath = ProbeLog.start(nc, "probe-nc.log", "bgp",
        "172.31.0.1" + spec + "172.31.0.9,172.31.0.9,9", "172.31.0.6" + spec + "172.31.0.9,172.31.0.9,9");
    plain = ProbeLog.start(nd, "probe-nd.log", "bgp", "172.31.0.1" + spec + "172.31.0.10,172.31.0.10,9,,no-add-path");
  }

  @AfterAll
  void stopLab() {
    if (lab != null) {
      lab.close();
    }
  }

  static Set<String> field(List<JsonNode> paths, String name) {
    return paths.stream().map(p -> p.path(name).asText()).collect(Collectors.toCollection(TreeSet::new));
  }

  void awaitNextHops(ProbeLog probe, String rr, Set<String> nextHops, String why) {
    Poll.until(WAIT, () -> why + " at " + rr + "\n" + probe.text(), () -> field(probe.paths(rr, A), "nextHop").equals(nextHops)
        && probe.paths(rr, A).size() == nextHops.size());
  }

  @Order(1)
  @Test
  void birdReflectorWithAddPathsTxShowsBothOriginators() {
    awaitNextHops(withAddPath, "172.31.0.1", Set.of("172.31.0.2", "172.31.0.3"), "both paths of the /27");
    List<JsonNode> paths = withAddPath.paths("172.31.0.1", A);
    assertThat(field(paths, "originatorId")).containsExactly("172.31.0.2", "172.31.0.3");
    assertThat(paths).allSatisfy(p -> assertThat(p.has("pathId")).isTrue());
    assertThat(field(paths, "pathId")).hasSize(2); // two distinct path identifiers
    assertThat(paths).allSatisfy(p -> assertThat(p.path("clusterList").get(0).asText()).isEqualTo("1.0.0.1"));
  }

  /** The same reflector to a session without ADD-PATH: its best path only, so a duplicate /27 is invisible here. */
  @Order(1)
  @Test
  void withoutAddPathTheReflectorShowsOnePath() {
    Poll.until(WAIT, () -> "the /27 on the plain session\n" + plain.text(), () -> plain.paths("172.31.0.1", A).size() == 1);
    // give the reflector time to have both paths: the ADD-PATH session sees both
    awaitNextHops(withAddPath, "172.31.0.1", Set.of("172.31.0.2", "172.31.0.3"), "both paths of the /27");
    List<JsonNode> paths = plain.paths("172.31.0.1", A);
    assertThat(paths).hasSize(1);
    assertThat(paths.get(0).has("pathId")).isFalse();
    assertThat(paths.get(0).path("nextHop").asText()).isIn("172.31.0.2", "172.31.0.3");
  }

  @Order(1)
  @Test
  void gobgpReflectorWithAddPathSendShowsBothOriginators() {
    awaitNextHops(withAddPath, "172.31.0.6", Set.of("172.31.0.2", "172.31.0.3"), "both paths of the /27 from GoBGP");
    assertThat(field(withAddPath.paths("172.31.0.6", A), "originatorId")).containsExactly("172.31.0.2", "172.31.0.3");
  }

  /** Without ADD-PATH, BMP shows it too: FRR's pre-policy Adj-RIB-In of each node holds the same /27 (RFC 7854). */
  @Order(1)
  @Test
  void frrReflectorViaBmpShowsTheSamePrefixFromBothNodes() {
    for (String node : List.of("172.31.0.2", "172.31.0.3")) {
      Poll.until(WAIT, () -> "FRR's pre-policy Adj-RIB-In of " + node + "\n" + bmp.text(),
          () -> bmp.bmpPaths("172.31.0.5", node, "pre-policy", A).size() == 1);
      JsonNode route = bmp.bmpPaths("172.31.0.5", node, "pre-policy", A).get(0);
      assertThat(route.path("nextHop").asText()).isEqualTo(node);
      assertThat(route.has("pathId")).isFalse(); // FRR's sessions with the nodes did not negotiate ADD-PATH
    }
  }

  /** A withdrawal names its path: only node c's path goes, node b's stays (RFC 7911 §3). */
  @Order(2)
  @Test
  void stoppingOneNodeWithdrawsOnlyItsPath() {
    nodeC.stop();
    awaitNextHops(withAddPath, "172.31.0.1", Set.of("172.31.0.2"), "only node b's path after node c stopped");
    awaitNextHops(withAddPath, "172.31.0.6", Set.of("172.31.0.2"), "only node b's path after node c stopped");
    nodeC.restart();
    awaitNextHops(withAddPath, "172.31.0.1", Set.of("172.31.0.2", "172.31.0.3"), "node c's path back");
  }
}
