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
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * netctl's speaker as an ordinary iBGP neighbour (AS 64512) of three route reflectors at once —
 * BIRD 2 (cluster 1.0.0.1), FRR bgpd (1.0.0.5) and GoBGP (1.0.0.6) — whose two BIRD clients
 * announce one /27 each. One lab for the class:
 *
 * <pre>
 *   rr1 172.31.0.1 BIRD RR     b 172.31.0.2 BIRD client, 10.3.240.0/27
 *   rr2 172.31.0.5 FRR RR      c 172.31.0.3 BIRD client, 10.3.240.32/27
 *   rr3 172.31.0.6 GoBGP RR    nc 172.31.0.9 netctl (Probe, a child JVM in the namespace)
 * </pre>
 *
 * The speaker runs in a child JVM started inside namespace {@code nc} ({@link Probe}), since the
 * test JVM cannot enter a namespace and the root namespace has no route into the lab; the test
 * reads its JSON lines. The RRs have netctl configured as a passive RR client, as a real
 * deployment would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BgpInteropIT {
  static final Duration WAIT = Duration.ofSeconds(30);
  static final String A = "10.3.240.0/27";
  static final String B = "10.3.240.32/27";
  static final String V6 = "fd00:3::/64";

  Lab lab;
  Lab.Host nc;
  Bird birdRr;
  Bird clientC;
  ProbeLog probe;

  @BeforeAll
  void startLab() {
    lab = Lab.create("bgp-interop");
    Lab.Host rr1 = lab.host("rr1", "172.31.0.1/24");
    Lab.Host b = lab.host("b", "172.31.0.2/24");
    Lab.Host c = lab.host("c", "172.31.0.3/24");
    Lab.Host rr2 = lab.host("rr2", "172.31.0.5/24");
    Lab.Host rr3 = lab.host("rr3", "172.31.0.6/24");
    nc = lab.host("nc", "172.31.0.9/24");
    rr1.ok("ip", "addr", "add", "fd00:31::1/64", "dev", "eth0", "nodad");
    b.ok("ip", "addr", "add", "fd00:31::2/64", "dev", "eth0", "nodad");
    birdRr = Bird.start(rr1, BirdConfig.reflector("172.31.0.1", "1.0.0.1").ipv6()
        .peer("172.31.0.2").peer("172.31.0.3").peer("172.31.0.9", "passive on;"));
    Frr.start(rr2, FrrConfig.reflector("172.31.0.5", "1.0.0.5")
        .peer("172.31.0.2").peer("172.31.0.3").peer("172.31.0.9", "passive"));
    Gobgp.start(rr3, GobgpConfig.reflector("172.31.0.6", "1.0.0.6")
        .peer("172.31.0.2").peer("172.31.0.3").passivePeer("172.31.0.9"));
    // client b also announces an IPv6 prefix, over its IPv4 session to the BIRD RR (MP_REACH_NLRI)
    Bird.start(b, BirdConfig.node("172.31.0.2").announce(A, V6)
        .peer("172.31.0.1", "ipv6 { import none; export where source = RTS_STATIC; next hop self; };")
        .peer("172.31.0.5").peer("172.31.0.6"));
    clientC = Bird.start(c, BirdConfig.node("172.31.0.3").announce(B).peer("172.31.0.1").peer("172.31.0.5").peer("172.31.0.6"));
    probe = startProbe("probe.log");
  }

  ProbeLog startProbe(String log) {
    String spec = ",64512,64512,172.31.0.9,172.31.0.9,9";
    return ProbeLog.start(nc, log, "bgp", "172.31.0.1" + spec, "172.31.0.5" + spec, "172.31.0.6" + spec);
  }

  @AfterAll
  void stopLab() {
    if (lab != null) {
      lab.close();
    }
  }

  /** Waits until the IPv4 routes from {@code rr} are exactly {@code prefixes}. */
  void awaitRoutes(String rr, List<String> prefixes, String why) {
    Poll.until(WAIT, () -> why + " at " + rr + "\n" + probe.text(), () -> probe.routes(rr).keySet().stream()
        .filter(p -> !p.contains(":")).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new))
        .equals(new java.util.TreeSet<>(prefixes)));
  }

  @Order(1)
  @ParameterizedTest(name = "{0} reflects both /27s with next hop, ORIGINATOR_ID and CLUSTER_LIST")
  @CsvSource({"BIRD, 172.31.0.1, 1.0.0.1", "FRR, 172.31.0.5, 1.0.0.5", "GoBGP, 172.31.0.6, 1.0.0.6"})
  void receivesReflectedRoutes(String daemon, String rr, String clusterId) {
    awaitRoutes(rr, List.of(A, B), "both /27s");
    Map<String, JsonNode> routes = probe.routes(rr);
    JsonNode a = routes.get(A);
    assertThat(a.path("nextHop").asText()).isEqualTo("172.31.0.2");
    assertThat(a.path("originatorId").asText()).isEqualTo("172.31.0.2");
    assertThat(a.path("clusterList").get(0).asText()).isEqualTo(clusterId);
    assertThat(a.path("localPref").asLong()).isEqualTo(100);
    assertThat(a.path("asPath").asText()).isEmpty();
    JsonNode b = routes.get(B);
    assertThat(b.path("nextHop").asText()).isEqualTo("172.31.0.3");
    assertThat(b.path("originatorId").asText()).isEqualTo("172.31.0.3");
    assertThat(b.path("clusterList").get(0).asText()).isEqualTo(clusterId);
    if (!daemon.equals("GoBGP")) { // GoBGP sends End-of-RIB only with graceful restart configured
      Poll.until(WAIT, "End-of-RIB from " + daemon, () -> probe.rib(rr).path("eor").toString().contains("ipv4-unicast"));
    }
  }

  @Order(1)
  @Test
  void ipv6RoutesFromTheBirdReflector() {
    Poll.until(WAIT, () -> "the IPv6 route\n" + probe.text(), () -> probe.routes("172.31.0.1").containsKey(V6));
    JsonNode v6 = probe.routes("172.31.0.1").get(V6);
    assertThat(v6.path("nextHop").asText()).isEqualTo("fd00:31::2");
    assertThat(v6.path("originatorId").asText()).isEqualTo("172.31.0.2");
    assertThat(v6.path("clusterList").get(0).asText()).isEqualTo("1.0.0.1");
    Poll.until(WAIT, "IPv6 End-of-RIB", () -> probe.rib("172.31.0.1").path("eor").toString().contains("ipv6-unicast"));
    assertThat(probe.routes("172.31.0.5")).doesNotContainKey(V6); // FRR and GoBGP here carry IPv4 only
  }

  @Order(2)
  @Test
  void stoppingAClientWithdrawsItsRouteEverywhere() {
    clientC.stop();
    for (String rr : List.of("172.31.0.1", "172.31.0.5", "172.31.0.6")) {
      awaitRoutes(rr, List.of(A), "10.3.240.32/27 withdrawn after client c stopped");
    }
    clientC.restart();
    for (String rr : List.of("172.31.0.1", "172.31.0.5", "172.31.0.6")) {
      awaitRoutes(rr, List.of(A, B), "10.3.240.32/27 back after client c restarted");
    }
  }

  @Order(3)
  @Test
  void routeReflectorRestartedMidSessionComesBackWithTheTruth() {
    birdRr.kill(); // a crash: no NOTIFICATION
    Poll.until(WAIT, "netctl notices the BIRD RR is gone", () -> !"Established".equals(probe.rib("172.31.0.1").path("state").asText()));
    assertThat(probe.routes("172.31.0.1")).isEmpty();
    clientC.stop(); // the truth changes while the RR is down
    birdRr.restart();
    awaitRoutes("172.31.0.1", List.of(A), "BIRD RR back with only client b's route");
    assertThat(probe.rib("172.31.0.1").path("flaps").asLong()).isGreaterThanOrEqualTo(1);
    clientC.restart();
    awaitRoutes("172.31.0.1", List.of(A, B), "client c's route back");
  }

  @Order(4)
  @Test
  void netctlRestartedMidSessionConvergesAgain() {
    probe.daemon().kill();
    probe = startProbe("probe-2.log");
    for (String rr : List.of("172.31.0.1", "172.31.0.5", "172.31.0.6")) {
      awaitRoutes(rr, List.of(A, B), "the restarted netctl has the full table");
    }
  }
}
