package io.netctl.bgp.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
    Poll.until(WAIT, "collector listening\n" + probe.text(), () -> !probe.of("listening").isEmpty());
    LabDaemons.bird(lab, rr1, "rr1", """
        router id 172.31.0.1;
        protocol device { scan time 10; }
        template bgp rrclient {
          local 172.31.0.1 as 64512; direct; rr client; rr cluster id 1.0.0.1;
          %s
          ipv4 { import all; export all; };
        }
        protocol bgp client_b from rrclient { neighbor 172.31.0.2 as 64512; }
        protocol bgp frr from rrclient { neighbor 172.31.0.4 as 64512; }
        protocol bgp gobgp from rrclient { neighbor 172.31.0.5 as 64512; }
        """.formatted(LabDaemons.BIRD_TIMERS));
    LabDaemons.bird(lab, b, "b", LabDaemons.birdClient("172.31.0.2", "10.3.240.0/27", "172.31.0.1"));
    LabDaemons.frr(lab, d, "d", """
        router bgp 64512
         bgp router-id 172.31.0.4
         no bgp ebgp-requires-policy
         no bgp network import-check
         timers bgp 3 9
         neighbor 172.31.0.1 remote-as 64512
         neighbor 172.31.0.1 update-source 172.31.0.4
         neighbor 172.31.0.1 timers connect 1
         address-family ipv4 unicast
          network 10.3.240.64/27
          neighbor 172.31.0.1 soft-reconfiguration inbound
         exit-address-family
         !
         bmp targets collector
          bmp monitor ipv4 unicast pre-policy
          bmp monitor ipv4 unicast post-policy
          bmp connect 172.31.0.9 port 11019 min-retry 500 max-retry 1000
         exit
        !
        """, "bmp");
    LabDaemons.gobgp(lab, e, "e", """
        [global.config]
          as = 64512
          router-id = "172.31.0.5"
          local-address-list = ["172.31.0.5"]
        [[neighbors]]
          [neighbors.config]
            neighbor-address = "172.31.0.1"
            peer-as = 64512
          [neighbors.timers.config]
            connect-retry = 1
            hold-time = 9
            keepalive-interval = 3
        [[bmp-servers]]
          [bmp-servers.config]
            address = "172.31.0.9"
            port = 11019
            route-monitoring-policy = "all"
        """);
    Poll.until(WAIT, "gobgp accepts the route", () -> e.exec("gobgp", "global", "rib", "add", "10.3.240.32/27", "-a", "ipv4").exitCode() == 0);
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
    Poll.until(WAIT, "peer up from FRR and GoBGP\n" + probe.text(), () -> probe.of("bmp-peer-up").stream()
        .map(n -> n.path("router").asText().split(":")[0] + ">" + n.path("peer").asText()).toList()
        .containsAll(java.util.List.of("172.31.0.4>172.31.0.1", "172.31.0.5>172.31.0.1")));
    assertThat(probe.of("bmp-router-up")).anyMatch(n -> n.path("sysDescr").asText().startsWith("FRRouting"));
    assertThat(probe.of("bmp-router-up")).anyMatch(n -> n.path("sysName").asText().equals("GoBGP"));
  }

  @Order(2)
  @Test
  void frrReportsReflectedRoutesPreAndPostPolicy() {
    for (String view : java.util.List.of("pre-policy", "post-policy")) {
      Poll.until(WAIT, "FRR " + view + " routes\n" + probe.text(),
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
    Poll.until(WAIT, "GoBGP routes\n" + probe.text(), () -> {
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
    LabDaemons.birdc(lab, "rr1", "disable", "frr");
    LabDaemons.birdc(lab, "rr1", "disable", "gobgp");
    Poll.until(WAIT, "peer down from both routers\n" + probe.text(), () -> probe.of("bmp-peer-down").stream()
        .map(n -> n.path("router").asText().split(":")[0]).distinct().count() == 2);
    assertThat(probe.of("bmp-peer-down")).allSatisfy(n -> assertThat(n.path("peer").asText()).isEqualTo("172.31.0.1"));
    assertThat(probe.of("bmp-peer-down")).anyMatch(n -> n.path("reason").asText().contains("Administrative Shutdown"));
    Poll.until(WAIT, "routes of the down peer dropped", () ->
        probe.bmpRoutes("172.31.0.4", "172.31.0.1", "post-policy").isEmpty() && probe.bmpRoutes("172.31.0.5", "172.31.0.1", "pre-policy").isEmpty());
  }
}
