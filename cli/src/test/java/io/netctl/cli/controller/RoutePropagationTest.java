package io.netctl.cli.controller;

import static org.assertj.core.api.Assertions.assertThat;

import inet.ipaddr.IPAddressString;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.netctl.bgp.calico.RouteReflector;
import io.netctl.cli.PromText;
import io.netctl.cli.kube.KubeNodes;
import io.netctl.cli.kube.MockApi;
import io.netctl.cli.metrics.NetctlMetrics;
import io.netctl.ipam.Allocation;
import io.netctl.validator.observe.MonitorSource;
import io.netctl.validator.routes.ReflectedRoute;
import io.netctl.validator.routes.RrObservation;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The controller's routes-ready gate: the propagation histogram from the allocation's commit, and the
 * Node condition {@code NetctlRoutesReady} written through the status subresource of fabric8's mock
 * API server (CRUD mode). The reflectors' tables are given as the live monitor sessions would show them.
 */
class RoutePropagationTest {
  static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
  static final List<RouteReflector> RRS = List.of(rr("rr-1", "172.31.0.1"), rr("rr-2", "172.31.0.2"));

  @TempDir Path dir;
  final MutableClock clock = new MutableClock(T0);
  final NetctlMetrics metrics = new NetctlMetrics();
  final List<RrObservation> tables = new ArrayList<>();
  final List<Allocation> allocations = new ArrayList<>();
  final AtomicBoolean leading = new AtomicBoolean(true);

  static RouteReflector rr(String name, String ip) {
    return new RouteReflector(name, new IPAddressString(ip).getAddress().toIPv4(), new IPAddressString("1.0.0.1").getAddress().toIPv4(), Map.of());
  }

  static Allocation allocation(String node, String cidr, String host, Instant at) {
    return new Allocation(node, new IPAddressString(cidr).getAddress(), new IPAddressString(host).getAddress().toIPv4(), at, at);
  }

  static RrObservation table(String rr, String... cidrVia) {
    List<ReflectedRoute> routes = new ArrayList<>();
    for (String s : cidrVia) {
      String[] p = s.split(" via ");
      routes.add(new ReflectedRoute(new IPAddressString(p[0]).getAddress(), p[1], 0, p[1], List.of("1.0.0.1")));
    }
    return new RrObservation(rr, rr.equals("rr-1") ? "172.31.0.1" : "172.31.0.2", routes, null, 0);
  }

  RoutePropagation propagation(KubeNodes nodes) {
    MonitorSource monitor = () -> new MonitorSource.View(List.copyOf(tables), List.of());
    return new RoutePropagation(() -> List.copyOf(allocations), monitor, null, RRS, nodes, metrics, clock, leading::get);
  }

  static NodeCondition condition(MockApi api, String node) {
    Node n = api.client().nodes().withName(node).get();
    if (n.getStatus() == null || n.getStatus().getConditions() == null) {
      return null;
    }
    return n.getStatus().getConditions().stream().filter(c -> c.getType().equals("NetctlRoutesReady")).findFirst().orElse(null);
  }

  @Test
  void histogramFromTheCommitAndTheConditionFollowTheReflectors() {
    try (MockApi api = new MockApi(dir)) {
      api.createNode("node-a", "172.31.0.11", Map.of());
      api.client().nodes().withName("node-a").editStatus(n -> new io.fabric8.kubernetes.api.model.NodeBuilder(n).editOrNewStatus()
          .addNewCondition().withType("Ready").withStatus("True").withReason("KubeletReady").endCondition().endStatus().build());
      KubeNodes nodes = new KubeNodes(api.client(), null, "mock");
      RoutePropagation p = propagation(nodes);
      clock.advance(Duration.ofSeconds(10));
      allocations.add(allocation("node-a", "10.3.240.0/27", "172.31.0.11", clock.instant()));
      tables.add(table("rr-1"));
      tables.add(table("rr-2"));

      clock.advance(Duration.ofSeconds(2));
      p.runOnce();
      NodeCondition c = condition(api, "node-a");
      assertThat(c.getStatus()).isEqualTo("False");
      assertThat(c.getReason()).isEqualTo("RoutesMissing");
      assertThat(c.getMessage()).isEqualTo("10.3.240.0/27 via 172.31.0.11 is not yet at rr-1, rr-2");

      clock.advance(Duration.ofSeconds(1)); // 3 s after the commit, rr-1 has it
      tables.set(0, table("rr-1", "10.3.240.0/27 via 172.31.0.11"));
      p.runOnce();
      assertThat(condition(api, "node-a").getMessage()).isEqualTo("10.3.240.0/27 via 172.31.0.11 is not yet at rr-2");

      clock.advance(Duration.ofSeconds(4)); // 7 s after, rr-2 too (a wrong next hop before does not count)
      tables.set(1, table("rr-2", "10.3.240.0/27 via 172.31.0.99", "10.3.240.0/27 via 172.31.0.11"));
      p.runOnce();
      p.runOnce(); // a second look counts nothing again
      c = condition(api, "node-a");
      assertThat(c.getStatus()).isEqualTo("True");
      assertThat(c.getReason()).isEqualTo("RoutesPresent");
      assertThat(api.client().nodes().withName("node-a").get().getStatus().getConditions()).as("kubelet's conditions stay")
          .extracting(NodeCondition::getType).containsExactly("Ready", "NetctlRoutesReady");

      PromText m = PromText.parse(metrics.scrape());
      assertThat(m.value("netctl_route_propagation_seconds_count", "source", "rr-1")).isEqualTo(1.0);
      assertThat(m.value("netctl_route_propagation_seconds_sum", "source", "rr-1")).isEqualTo(3.0);
      assertThat(m.value("netctl_route_propagation_seconds_sum", "source", "rr-2")).isEqualTo(7.0);
      assertThat(m.value("netctl_route_propagation_seconds_bucket", "source", "rr-2", "le", "5.0")).isEqualTo(0.0);
      assertThat(m.value("netctl_route_propagation_seconds_bucket", "source", "rr-2", "le", "10.0")).isEqualTo(1.0);
    }
  }

  @Test
  void anAllocationFromBeforeTheStartIsNoObservationButGetsItsCondition() {
    try (MockApi api = new MockApi(dir)) {
      api.createNode("node-b", "172.31.0.12", Map.of());
      allocations.add(allocation("node-b", "10.3.240.32/27", "172.31.0.12", T0.minus(Duration.ofDays(3))));
      tables.add(table("rr-1", "10.3.240.32/27 via 172.31.0.12"));
      propagation(new KubeNodes(api.client(), null, "mock")).runOnce();
      assertThat(condition(api, "node-b").getStatus()).isEqualTo("True");
      PromText m = PromText.parse(metrics.scrape());
      assertThat(m.value("netctl_route_propagation_seconds_count", "source", "rr-1")).as("the series is there from the start, at zero").isZero();
      assertThat(m.value("netctl_route_propagation_seconds_bucket", "source", "rr-2", "le", "600.0")).isZero();
      assertThat(m.value("netctl_route_propagation_seconds_count", "source", "rr-1 (BMP)")).as("no BMP source").isNull();
    }
  }

  @Test
  void aStandbyAndAnUnobservableNetworkWriteNoCondition() {
    try (MockApi api = new MockApi(dir)) {
      api.createNode("node-c", "172.31.0.13", Map.of());
      allocations.add(allocation("node-c", "10.3.240.64/27", "172.31.0.13", T0));
      tables.add(new RrObservation("rr-1", "172.31.0.1", List.of(), "Active, last error: Connection refused", 0));
      RoutePropagation p = propagation(new KubeNodes(api.client(), null, "mock"));
      p.runOnce();
      assertThat(condition(api, "node-c")).as("no reflector observed: unknown, nothing written").isNull();
      tables.set(0, table("rr-1"));
      leading.set(false);
      p.runOnce();
      assertThat(condition(api, "node-c")).as("only the leader writes").isNull();
      leading.set(true);
      p.runOnce();
      assertThat(condition(api, "node-c").getStatus()).isEqualTo("False");
    }
  }
}
