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
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * netctl's BMP collector fed by two routers at once: FRR ({@code bgpd -M bmp}, pre- and
 * post-policy with soft-reconfiguration inbound) and GoBGP ({@code bmp-servers}), both iBGP clients
 * of a BIRD route reflector that reflects a third client's /27.
 *
 * <pre>
 *   rr1 172.31.0.1 BIRD RR         d 172.31.0.4 FRR, 10.3.240.64/27, BMP to .9
 *   b   172.31.0.2 BIRD, 10.3.240.0/27    e 172.31.0.5 GoBGP, 10.3.240.32/27, BMP to .9
 *   nc  172.31.0.9 netctl BMP collector (Probe in a child JVM, port 11019)
 * </pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BmpInteropIT {
  static final Duration WAIT = Duration.ofSeconds(40);
  Lab lab;
  Bird rr;
  ProbeLog probe;

  @BeforeAll
  void startLab() {
    lab = Lab.create("bmp-interop");
    Lab.Host rr1 = lab.host("rr1", "172.31.0.1/24");
    Lab.Host b = lab.host("b", "172.31.0.2/24");
    Lab.Host d = lab.host("d", "172.31.0.4/24");
    Lab.Host e = lab.host("e", "172.31.0.5/24");
    Lab.Host nc = lab.host("nc", "172.31.0.9/24");
    probe = ProbeLog.start(nc, "bmp.log", "bmp", "0.0.0.0", "11019");
    Poll.until(WAIT, () -> "collector listening\n" + probe.text(), () -> !probe.of("listening").isEmpty());
    rr = Bird.start(rr1, BirdConfig.reflector("172.31.0.1", "1.0.0.1").peer("172.31.0.2").peer("172.31.0.4").peer("172.31.0.5"));
    Bird.start(b, BirdConfig.node("172.31.0.2").announce("10.3.240.0/27").peer("172.31.0.1"));
    Frr.start(d, FrrConfig.router("172.31.0.4").peer("172.31.0.1").announce("10.3.240.64/27").bmp("172.31.0.9", 11019));
    Gobgp.start(e, GobgpConfig.router("172.31.0.5").peer("172.31.0.1").bmp("172.31.0.9", 11019)).announce("10.3.240.32/27");
  }

  @AfterAll
  void stopLab() {
    if (lab != null) {
      lab.close();
    }
  }

  @Order(1)
  @Test
  void bothRoutersReportTheirSessionToTheReflector() {
    Poll.until(WAIT, () -> "peer up from FRR and GoBGP\n" + probe.text(), () -> probe.of("bmp-peer-up").stream()
        .map(n -> n.path("router").asText().split(":")[0] + ">" + n.path("peer").asText()).toList()
        .containsAll(java.util.List.of("172.31.0.4>172.31.0.1", "172.31.0.5>172.31.0.1")));
    assertThat(probe.of("bmp-router-up")).anyMatch(n -> n.path("sysDescr").asText().startsWith("FRRouting"));
    assertThat(probe.of("bmp-router-up")).anyMatch(n -> n.path("sysName").asText().equals("GoBGP"));
  }

  @Order(2)
  @Test
  void frrReportsReflectedRoutesPreAndPostPolicy() {
    for (String view : java.util.List.of("pre-policy", "post-policy")) {
      Poll.until(WAIT, () -> "FRR " + view + " routes\n" + probe.text(),
          () -> probe.bmpRoutes("172.31.0.4", "172.31.0.1", view).keySet().containsAll(java.util.List.of("10.3.240.0/27", "10.3.240.32/27")));
      JsonNode a = probe.bmpRoutes("172.31.0.4", "172.31.0.1", view).get("10.3.240.0/27");
      assertThat(a.path("nextHop").asText()).isEqualTo("172.31.0.2");
      assertThat(a.path("originatorId").asText()).isEqualTo("172.31.0.2");
      // FRR 8.4 writes the UPDATE for BMP as it would send it on, its own id 172.31.0.4 prepended
      // to CLUSTER_LIST (also in fixtures/frr-bmp.txt); the reflector's 1.0.0.1 follows
      assertThat(a.path("clusterList").toString()).contains("\"1.0.0.1\"");
    }
  }

  @Order(3)
  @Test
  void gobgpReportsReflectedRoutes() {
    Poll.until(WAIT, () -> "GoBGP routes\n" + probe.text(), () -> {
      Map<String, JsonNode> pre = probe.bmpRoutes("172.31.0.5", "172.31.0.1", "pre-policy");
      return pre.keySet().containsAll(java.util.List.of("10.3.240.0/27", "10.3.240.64/27"));
    });
    JsonNode d = probe.bmpRoutes("172.31.0.5", "172.31.0.1", "pre-policy").get("10.3.240.64/27");
    assertThat(d.path("nextHop").asText()).isEqualTo("172.31.0.4");
    assertThat(d.path("originatorId").asText()).isEqualTo("172.31.0.4");
  }

  @Order(4)
  @Test
  void peerDownWhenTheNeighbourStops() {
    rr.birdc("disable", BirdConfig.protocol("172.31.0.4")); // FRR
    rr.birdc("disable", BirdConfig.protocol("172.31.0.5")); // GoBGP
    Poll.until(WAIT, () -> "peer down from both routers\n" + probe.text(), () -> probe.of("bmp-peer-down").stream()
        .map(n -> n.path("router").asText().split(":")[0]).distinct().count() == 2);
    assertThat(probe.of("bmp-peer-down")).allSatisfy(n -> assertThat(n.path("peer").asText()).isEqualTo("172.31.0.1"));
    assertThat(probe.of("bmp-peer-down")).anyMatch(n -> n.path("reason").asText().contains("Administrative Shutdown"));
    Poll.until(WAIT, "routes of the down peer dropped", () ->
        probe.bmpRoutes("172.31.0.4", "172.31.0.1", "post-policy").isEmpty() && probe.bmpRoutes("172.31.0.5", "172.31.0.1", "pre-policy").isEmpty());
  }
}
