package io.netctl.validator.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import inet.ipaddr.IPAddressString;
import io.netctl.bgp.calico.BgpPlanner;
import io.netctl.bgp.calico.BgpTopology;
import io.netctl.bgp.calico.CalicoBgpState;
import io.netctl.bgp.calico.RouteReflector;
import io.netctl.ipam.IpamConfig;
import io.netctl.ipam.store.MemoryStore;
import io.netctl.validator.Code;
import io.netctl.validator.Finding;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code netctl validate}'s refusals, on an in-memory copy of an applied state. */
class ValidationTest {
  static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
  static final BgpTopology TOPO = new BgpTopology(64512, List.of(
      new RouteReflector("rr-1", new IPAddressString("10.3.252.8").getAddress().toIPv4(), new IPAddressString("1.0.0.1").getAddress().toIPv4(), Map.of())),
      List.of(), null);

  @Test
  void stepsNetctlWouldRefuseAreChangeRefusedNamingTheLine() {
    MemoryStore working = new MemoryStore();
    BgpPlanner.plan(TOPO, IpamConfig.DEFAULT.ranges(), CalicoBgpState.read(working), NOW).apply(working);
    Validation.Outcome o = Validation.run(working, new Validation.Topology(IpamConfig.DEFAULT, TOPO, List.of()), List.of(
        new Change.Release("node-nobody", 3),
        new Change.RemoveRouteReflector("rr-9", 4),
        new Change.AddRouteReflector("rr-1", new IPAddressString("10.3.252.9").getAddress().toIPv4(),
            new IPAddressString("1.0.0.1").getAddress().toIPv4(), 5)),
        Clock.fixed(NOW, ZoneOffset.UTC));
    assertThat(o.report().findings()).filteredOn(f -> f.code() == Code.CHANGE_REFUSED).extracting(Finding::subject, Finding::expected)
        .containsExactlyInAnyOrder(
            tuple("node-nobody", "release node-nobody (change at line 3)"),
            tuple("rr/rr-9", "an existing route reflector (change at line 4)"),
            tuple("rr/rr-1", "a new route reflector (change at line 5)"));
    assertThat(o.report().hasErrors()).isTrue();
    assertThat(o.plan()).noneMatch(l -> l.startsWith("release node-nobody"));
  }
}
