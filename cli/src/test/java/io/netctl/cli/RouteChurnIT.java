package io.netctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netctl.lab.Bird;
import io.netctl.lab.BirdConfig;
import io.netctl.lab.Lab;
import io.netctl.lab.Poll;
import io.netctl.lab.Proc;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Route churn seen at a reflector: node b toggles its static protocol five times ({@code birdc
 * disable/enable blocks}, each toggle after the previous change reached netctl), node c is left
 * alone. {@code netctl bgp watch --stats} (in namespace nc) counts ten changes of b's /27 after the
 * initial table, and its {@code route-flapping} finding names b as the originator; c's /27 gets
 * neither a count nor a finding.
 *
 * <pre>
 *   rr 172.31.0.1 BIRD RR; b 172.31.0.2 10.3.240.0/27; c 172.31.0.3 10.3.240.32/27; nc 172.31.0.9 netctl
 * </pre>
 */
class RouteChurnIT {
  static final Duration WAIT = Duration.ofSeconds(60);
  static final String A = "10.3.240.0/27";
  static final String B = "10.3.240.32/27";
  static final ObjectMapper JSON = new ObjectMapper();

  static List<JsonNode> events(Proc.Daemon watch) {
    List<JsonNode> out = new ArrayList<>();
    for (String line : watch.logText().split("\n")) {
      if (line.startsWith("{")) {
        try {
          out.add(JSON.readTree(line));
        } catch (Exception e) {
          // a line still being written
        }
      }
    }
    return out;
  }

  static long count(Proc.Daemon watch, String event, String prefix) {
    return events(watch).stream().filter(e -> e.path("event").asText().equals(event) && e.path("prefix").asText().equals(prefix)).count();
  }

  @Test
  void aToggledStaticProtocolIsTenChangesAndRouteFlappingNamesItsNode() {
    Proc.requireBinaries("java");
    try (Lab lab = Lab.create("churn")) {
      Lab.Host rrHost = lab.host("rr", "172.31.0.1/24");
      Lab.Host b = lab.host("b", "172.31.0.2/24");
      Lab.Host c = lab.host("c", "172.31.0.3/24");
      Lab.Host nc = lab.host("nc", "172.31.0.9/24");
      Bird rr = Bird.start(rrHost, BirdConfig.reflector("172.31.0.1", "1.0.0.1").peer("172.31.0.2").peer("172.31.0.3").peer("172.31.0.9", "passive on;"));
      Bird nodeB = Bird.start(b, BirdConfig.node("172.31.0.2").announce(A).peer("172.31.0.1"));
      Bird.start(c, BirdConfig.node("172.31.0.3").announce(B).peer("172.31.0.1"));
      rr.awaitRoutes(A, B);
      List<String> cmd = new ArrayList<>(List.of("java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
          "io.netctl.cli.Main", "bgp", "watch", "--peer", "172.31.0.1", "--local-address", "172.31.0.9", "--stats", "--output", "json"));
      Proc.Daemon watch = nc.start("watch-stats.log", cmd.toArray(String[]::new));
      Poll.until(WAIT, () -> "the initial table streamed\n" + watch.logText(),
          () -> events(watch).stream().anyMatch(e -> e.path("event").asText().equals("end-of-rib")) || !watch.alive());
      assertThat(count(watch, "announce", A)).isEqualTo(1);

      for (int i = 1; i <= 5; i++) {
        int n = i;
        nodeB.birdc("disable", "blocks");
        Poll.until(WAIT, () -> "withdrawal " + n + " at netctl\n" + watch.logText(), () -> count(watch, "withdraw", A) == n);
        nodeB.birdc("enable", "blocks");
        Poll.until(WAIT, () -> "announcement " + (n + 1) + " at netctl\n" + watch.logText(), () -> count(watch, "announce", A) == n + 1);
      }
      Proc.ok("kill", "-INT", String.valueOf(watch.pid()));
      Poll.until(WAIT, () -> "watch exits\n" + watch.logText(), () -> !watch.alive());

      List<JsonNode> stats = events(watch).stream().filter(e -> e.path("event").asText().equals("stats")).toList();
      assertThat(stats).as(watch.logText()).hasSize(1);
      JsonNode a = stats.get(0);
      assertThat(a.path("pool").asText()).isEqualTo(A);
      assertThat(a.path("changes").asLong()).isEqualTo(10);
      assertThat(a.path("announcements").asLong()).isEqualTo(5);
      assertThat(a.path("withdrawals").asLong()).isEqualTo(5);
      assertThat(a.path("originator").asText()).isEqualTo("172.31.0.2");
      List<JsonNode> findings = events(watch).stream().filter(e -> e.path("event").asText().equals("finding")).toList();
      assertThat(findings).as(watch.logText()).hasSize(1);
      assertThat(findings.get(0).path("code").asText()).isEqualTo("route-flapping");
      assertThat(findings.get(0).path("subject").asText()).startsWith(A + " at ");
      assertThat(findings.get(0).path("observed").asText()).contains("originator 172.31.0.2");
      assertThat(watch.logText()).doesNotContain("\"pool\":\"" + B + "\"");
    }
  }
}
