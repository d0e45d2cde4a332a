package io.netctl.validator.observe;

import static org.assertj.core.api.Assertions.assertThat;

import inet.ipaddr.IPAddressString;
import io.netctl.bgp.calico.BgpTopology;
import io.netctl.bgp.calico.RouteReflector;
import io.netctl.bgp.wire.AddressFamily;
import io.netctl.ipam.IpamConfig;
import io.netctl.validator.CheckKind;
import io.netctl.validator.CheckRequest;
import io.netctl.validator.Checker;
import io.netctl.validator.Intent;
import io.netctl.validator.routes.RrObservation;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The monitor sessions offer ADD-PATH receive, and the reflector's graceful restart (from its OPEN) is reported with the session. */
class MonitorRestartTest {
  static final BgpTopology TOPO = new BgpTopology(64512, List.of(new RouteReflector("rr-1", new IPAddressString("172.31.0.1").getAddress().toIPv4(),
      new IPAddressString("1.0.0.1").getAddress().toIPv4(), Map.of())), List.of(), null);

  @Test
  void monitorSessionsOfferToReceiveEveryPathForIpv4() throws Exception {
    MonitorSessions.Options o = new MonitorSessions.Options("172.31.0.9", null, null, Duration.ofSeconds(5), Duration.ofSeconds(1));
    assertThat(MonitorSessions.config(TOPO, TOPO.routeReflectors().get(0), o).addPathReceive()).containsExactly(AddressFamily.IPV4_UNICAST);
  }

  @Test
  void theReflectorsGracefulRestartShowsWithItsMonitorSession() {
    RestartCapabilities gr = new RestartCapabilities(true, 120, true, false, true, 3600);
    MonitorSource monitor = () -> new MonitorSource.View(List.of(new RrObservation("rr-1", "172.31.0.1", List.of(), null, 0, gr)), List.of());
    Checker.Result r = new Checker(new Intent(IpamConfig.DEFAULT, TOPO, List.of(), List.of())).run(
        CheckRequest.builder(EnumSet.of(CheckKind.SESSIONS), Instant.EPOCH).noState("none").monitor(monitor).build());
    assertThat(r.observed().sessions()).singleElement().satisfies(s -> {
      assertThat(s.source()).isEqualTo("monitor");
      assertThat(s.detail()).isEqualTo("Established; reflector: graceful restart 120 s for IPv4, long-lived 3600 s for IPv4");
    });
  }
}
