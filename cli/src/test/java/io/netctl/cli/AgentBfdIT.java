package io.netctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netctl.cli.metrics.PromQlNames;
import io.netctl.lab.Bird;
import io.netctl.lab.BirdConfig;
import io.netctl.lab.EtcdCluster;
import io.netctl.lab.Lab;
import io.netctl.lab.Poll;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code netctl agent} on a node whose BIRD runs BFD with its reflector (both BIRD 2.0.12 in
 * namespaces; the agent reads the node's BIRD socket): {@code netctl_bfd_session_state{peer}} is 3
 * (Up) in a real scrape, then 1 (Down) with a {@code bfd-down} finding once the node's BFD packets
 * are dropped as they leave it. The scrape holds every agent metric the Grafana dashboard and the
 * PrometheusRule read ({@link PromQlNames}).
 */
class AgentBfdIT {
  static final Duration WAIT = Duration.ofSeconds(60);
  static final String BFD = "protocol bfd { multihop { min rx interval 100 ms; min tx interval 100 ms; multiplier 3; }; }";

  @Test
  void theAgentExportsTheBfdStateAndReportsBfdDown() throws Exception {
    try (Lab lab = Lab.create("agentbfd")) {
      Path dir = lab.dir();
      Lab.Host rrHost = lab.host("rr", "172.31.0.1/24");
      Lab.Host b = lab.host("b", "172.31.0.2/24");
      Bird rr = Bird.start(rrHost, BirdConfig.reflector("172.31.0.1", "1.0.0.1").with(BFD).peer("172.31.0.2", "multihop;", "bfd on;", "hold time 240;"));
      Bird nodeB = Bird.start(b, BirdConfig.node("172.31.0.2").announce("10.3.240.0/27").with(BFD).peer("172.31.0.1", "multihop;", "bfd on;", "hold time 240;"));
      rr.awaitRoutes("10.3.240.0/27");
      Path cfg = Files.writeString(dir.resolve("netctl.yaml"),
          "routeReflectors:\n  - {name: rr-1, ip: 172.31.0.1, clusterId: 1.0.0.1}\nbfd: {interval: 100ms, multiplier: 3}\n");
      int port = EtcdCluster.freePort();
      try (ServiceRun agent = ServiceRun.start(Map.of("HOME", dir.toString()), Clock.systemUTC(), "agent", "--listen", "127.0.0.1:" + port,
          "--node", "node-b", "--bird-socket", nodeB.socket().toString(), "--config", cfg.toString(), "--interval", "1s")) {
        agent.awaitHttp(port);
        Poll.until(WAIT, () -> "BFD Up in /metrics\n" + PromText.scrape(port).samples(),
            () -> Double.valueOf(3).equals(PromText.scrape(port).value("netctl_bfd_session_state", "peer", "172.31.0.1")));
        assertThat(PromText.scrape(port).value("netctl_findings", "code", "bfd-down", "severity", "error")).isZero();
        java.util.Set<String> scraped = new java.util.TreeSet<>();
        PromText.scrape(port).samples().keySet().forEach(k -> scraped.add(k.contains("{") ? k.substring(0, k.indexOf('{')) : k));
        assertThat(PromQlNames.deployed(PromQlNames.Exporter.AGENT))
            .as("every agent metric the Grafana dashboard and the PrometheusRule read is in this real agent scrape").isNotEmpty().isSubsetOf(scraped);

        b.ok("ip", "rule", "add", "priority", "10", "ipproto", "udp", "dport", "4784", "blackhole");
        Poll.until(WAIT, () -> "BFD Down and bfd-down in /metrics\n" + PromText.scrape(port).samples(), () -> {
          PromText m = PromText.scrape(port);
          return !Double.valueOf(3).equals(m.value("netctl_bfd_session_state", "peer", "172.31.0.1"))
              && m.valueOr0("netctl_findings", "code", "bfd-down", "severity", "error") == 1;
        });
        assertThat(agent.stop()).isZero();
      }
    }
  }
}
