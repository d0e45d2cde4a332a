package io.netctl.cli.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The metric names read out of PromQL, and the shape of the dashboard and the rules: every panel
 * queries, every alert links to a panel that exists, the agent's expressions are told from the
 * controller's. That the names are the controller's is CheckerE2EIT's (a real controller scrape),
 * that the agent's are the agent's AgentBfdIT's (a real agent scrape).
 */
class PromQlNamesTest {
  @Test
  void namesAreTheIdentifiersThatAreNoFunctionKeywordLabelOrDuration() {
    assertThat(PromQlNames.of("sum by (range) (netctl_pool_used_pools) / sum by (range) (netctl_pool_capacity_pools) > 0.9"))
        .containsExactly("netctl_pool_capacity_pools", "netctl_pool_used_pools");
    assertThat(PromQlNames.of("max by (code) (netctl_findings{severity=\"error\", code=~\"route.*\"}) > 0")).containsExactly("netctl_findings");
    assertThat(PromQlNames.of("increase(netctl_bgp_session_flaps_total[15m]) > 2 or vector(0)")).containsExactly("netctl_bgp_session_flaps_total");
    assertThat(PromQlNames.of("time() - max(up offset 5m) > 1e3 and on (instance) other_metric")).containsExactly("other_metric", "up");
    assertThat(PromQlNames.of("rate(x[$__rate_interval]) unless bool y")).containsExactly("x", "y");
  }

  @Test
  void everyPanelQueriesAndEveryAlertLinksToAPanelOfTheDashboard() throws Exception {
    JsonNode d = new ObjectMapper().readTree(PromQlNames.deploy().resolve("grafana/netctl.json").toFile());
    assertThat(d.get("uid").asText()).isEqualTo("netctl");
    Set<Integer> ids = new HashSet<>();
    for (JsonNode p : d.get("panels")) {
      ids.add(p.get("id").asInt());
      assertThat(p.get("targets")).as(p.get("title").asText()).isNotEmpty();
      p.get("targets").forEach(t -> assertThat(PromQlNames.of(t.get("expr").asText())).as(t.get("expr").asText()).isNotEmpty()
          .allMatch(n -> n.startsWith("netctl_")));
    }
    String rules = Files.readString(PromQlNames.deploy().resolve("prometheusrule.yaml"));
    Matcher alert = Pattern.compile("- alert: (\\w+)\\n((?:\\s{10,}.*\\n)+)").matcher(rules);
    int alerts = 0;
    while (alert.find()) {
      alerts++;
      Matcher link = Pattern.compile("dashboard: /d/netctl/netctl\\?viewPanel=(\\d+)").matcher(alert.group(2));
      assertThat(link.find()).as(alert.group(1) + " links to the dashboard").isTrue();
      assertThat(ids).as(alert.group(1)).contains(Integer.parseInt(link.group(1)));
    }
    assertThat(alerts).isEqualTo(PromQlNames.rules().size()).isGreaterThan(5);
    assertThat(PromQlNames.rules(PromQlNames.Exporter.AGENT)).containsExactly("netctl_bfd_session_state < 3");
    String docs = Files.readString(PromQlNames.deploy().resolveSibling("docs").resolve("kubernetes.md"));
    Matcher name = Pattern.compile("- alert: (\\w+)").matcher(rules);
    while (name.find()) {
      assertThat(docs).as("docs/kubernetes.md's alert list").contains("| `" + name.group(1) + "` |");
    }
    PromQlNames.rules().forEach(e -> assertThat(PromQlNames.of(e)).as(e).isNotEmpty().allMatch(n -> n.startsWith("netctl_")));
  }

  @Test
  void theAgentsPanelsAndAlertsAreToldFromTheControllers() throws Exception {
    assertThat(PromQlNames.dashboard(PromQlNames.Exporter.AGENT)).containsExactly("max by (instance, peer) (netctl_bfd_session_state)");
    assertThat(PromQlNames.deployed(PromQlNames.Exporter.AGENT)).containsExactly("netctl_bfd_session_state");
    assertThat(PromQlNames.deployed(PromQlNames.Exporter.CONTROLLER)).as("exported by the agent only")
        .doesNotContain("netctl_bfd_session_state").contains("netctl_route_propagation_seconds_bucket", "netctl_route_changes_total");
    int exprs = new ObjectMapper().readTree(PromQlNames.deploy().resolve("grafana/netctl.json").toFile()).findValues("expr").size();
    assertThat(PromQlNames.dashboard(PromQlNames.Exporter.CONTROLLER).size() + PromQlNames.dashboard(PromQlNames.Exporter.AGENT).size())
        .as("every panel's expression is one exporter's").isEqualTo(exprs);
  }
}
