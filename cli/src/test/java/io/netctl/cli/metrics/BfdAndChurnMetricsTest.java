package io.netctl.cli.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import inet.ipaddr.IPAddressString;
import io.netctl.validator.observe.BfdSession;
import io.netctl.validator.routes.RouteChurn;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code netctl_bfd_session_state{peer}} follows BIRD's BFD sessions; {@code netctl_route_changes_total{pool,source}} reads the churn counters at each scrape. */
class BfdAndChurnMetricsTest {
  static BfdSession bfd(String peer, String state) {
    return new BfdSession("bfd1", peer, "---", state, "10:00:00.000", "0.300", "0.900");
  }

  @Test
  void bfdStateGaugesAppearAndGoWithTheirSessions() {
    NetctlMetrics m = new NetctlMetrics();
    m.bfdSessions(List.of(bfd("172.31.0.2", "Up"), bfd("172.31.0.3", "Down")));
    assertThat(m.scrape()).contains("netctl_bfd_session_state{peer=\"172.31.0.2\"} 3.0").contains("netctl_bfd_session_state{peer=\"172.31.0.3\"} 1.0");
    m.bfdSessions(List.of(bfd("172.31.0.2", "Init")));
    assertThat(m.scrape()).contains("netctl_bfd_session_state{peer=\"172.31.0.2\"} 2.0").doesNotContain("172.31.0.3");
  }

  @Test
  void routeChangesAreCountersPerPoolAndSource() {
    NetctlMetrics m = new NetctlMetrics();
    RouteChurn churn = new RouteChurn(Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC),
        List.of(new IPAddressString("10.3.240.0/21").getAddress()), Duration.ofMinutes(10));
    churn.withdrawn("10.3.240.0/27", "rr-1");
    churn.announced("10.3.240.0/27", "rr-1", "172.31.0.2");
    m.routeChanges(churn);
    assertThat(m.scrape()).contains("netctl_route_changes_total{pool=\"10.3.240.0/27\",source=\"rr-1\"} 2.0");
    churn.withdrawn("10.3.240.0/27", "rr-1");
    churn.withdrawn("10.3.240.32/27", "rr-2");
    m.routeChanges(churn);
    assertThat(m.scrape()).contains("netctl_route_changes_total{pool=\"10.3.240.0/27\",source=\"rr-1\"} 3.0")
        .contains("netctl_route_changes_total{pool=\"10.3.240.32/27\",source=\"rr-2\"} 1.0");
  }
}
