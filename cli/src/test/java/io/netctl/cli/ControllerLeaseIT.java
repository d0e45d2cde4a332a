package io.netctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.netctl.ipam.Allocation;
import io.netctl.ipam.IpamConfig;
import io.netctl.lab.EtcdCluster;
import io.netctl.lab.Poll;
import io.netctl.validator.ClusterState;
import io.netctl.validator.config.IpamChecks;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Leader election on a Lease in the mock API: one writer, take-over, and a lease left by a dead process. */
class ControllerLeaseIT {
  static final Duration WAIT = Duration.ofSeconds(30);
  @RegisterExtension static final ControllerFixture fixture = new ControllerFixture();

  ServiceRun controller(String identity, int port) {
    return fixture.controller(identity, port, Clock.systemUTC(), "3s");
  }

  static double leader(int port) {
    return PromText.scrape(port).valueOr0("netctl_leader");
  }

  static double created(int port) {
    return PromText.scrape(port).valueOr0("netctl_allocations_total", "result", "created");
  }

  @Test
  void exactlyOneLeaderWritesAndAStandbyTakesOverWithAllocationsConsistent() {
    int pa = EtcdCluster.freePort();
    int pb = EtcdCluster.freePort();
    try (ServiceRun a = controller("ctl-a", pa); ServiceRun b = controller("ctl-b", pb)) {
      Poll.until(WAIT, "one leader", () -> leader(pa) + leader(pb) == 1);
      for (int i = 0; i < 20; i++) {
        fixture.api().createNode("node-" + i, "192.0.2." + (i + 1), Map.of());
      }
      Poll.until(WAIT, "20 allocations", () -> fixture.reader().list().size() == 20);
      assertThat(leader(pa) + leader(pb)).isEqualTo(1);
      int leaderPort = leader(pa) == 1 ? pa : pb;
      int standbyPort = leaderPort == pa ? pb : pa;
      Poll.until(WAIT, "the leader counted them", () -> created(leaderPort) == 20);
      assertThat(created(standbyPort)).as("the standby wrote nothing").isZero();
      assertThat(Http.get(standbyPort, "/readyz").status()).as("a standby is ready: it serves metrics").isEqualTo(200);

      ServiceRun first = leaderPort == pa ? a : b;
      assertThat(first.stop()).isZero();
      // the leader released its lease as it stopped (what lets the standby take over at its next retry,
      // not after the lease expires): held by no one, or for the 1 s fabric8's release writes
      var spec = fixture.api().client().leases().inNamespace("netctl").withName("netctl-controller").get().getSpec();
      String holder = spec.getHolderIdentity();
      assertThat(holder == null || holder.isEmpty() || spec.getLeaseDurationSeconds() == 1)
          .as("released on stop: holder " + holder + ", duration " + spec.getLeaseDurationSeconds()).isTrue();
      Poll.until(WAIT, "the standby leads", () -> leader(standbyPort) == 1);

      for (int i = 20; i < 30; i++) {
        fixture.api().createNode("node-" + i, "192.0.2." + (i + 1), Map.of());
      }
      Poll.until(WAIT, "30 allocations", () -> fixture.reader().list().size() == 30);
      List<Allocation> all = fixture.reader().list();
      Set<String> cidrs = new HashSet<>();
      all.forEach(x -> cidrs.add(x.cidrText()));
      assertThat(cidrs).as("no pool twice").hasSize(30);
      for (int i = 0; i < 30; i++) {
        assertThat(fixture.reader().show("node-" + i)).as("node-" + i).isPresent();
      }
      // no calico-node runs here: every allocation is pending (information), and nothing else is found
      assertThat(IpamChecks.check(IpamConfig.DEFAULT, ClusterState.read(fixture.store())).findings()).as("Calico's objects agree")
          .hasSize(30).allSatisfy(f -> assertThat(f.code()).isEqualTo(io.netctl.validator.Code.ALLOCATION_PENDING));
    }
  }

  @Test
  void aLeaseHeldByADeadProcessIsTakenOverWhenItExpires() {
    ZonedDateTime renewed = ZonedDateTime.now().truncatedTo(ChronoUnit.SECONDS);
    Lease dead = new LeaseBuilder().withNewMetadata().withName("netctl-controller").withNamespace("netctl").endMetadata()
        .withNewSpec().withHolderIdentity("ctl-dead-pod").withLeaseDurationSeconds(4).withAcquireTime(renewed).withRenewTime(renewed)
        .withLeaseTransitions(0).endSpec().build();
    fixture.api().client().leases().inNamespace("netctl").resource(dead).create();
    int port = EtcdCluster.freePort();
    try (LogCapture log = new LogCapture(); ServiceRun c = controller("ctl-new", port)) {
      fixture.api().createNode("node-x", "192.0.2.1", Map.of());
      Poll.until(WAIT, "the new replica leads after the dead holder's lease expired", () -> leader(port) == 1);
      Poll.until(WAIT, "node-x allocated", () -> fixture.reader().show("node-x").isPresent());
      assertThat(log.text()).contains("lease netctl/netctl-controller is held by ctl-dead-pod");
      assertThat(fixture.api().client().leases().inNamespace("netctl").withName("netctl-controller").get().getSpec().getHolderIdentity()).isEqualTo("ctl-new");
      assertThat(c.stop()).isZero();
      // fabric8's release writes the lease as held by no one for 1 s (the mock's merge patch keeps the old holder
      // field, so the 1 s duration is what shows): a standby takes over after its next retry
      var spec = fixture.api().client().leases().inNamespace("netctl").withName("netctl-controller").get().getSpec();
      String holder = spec.getHolderIdentity();
      assertThat(holder == null || holder.isEmpty() || spec.getLeaseDurationSeconds() == 1)
          .as("released on stop: holder " + holder + ", duration " + spec.getLeaseDurationSeconds()).isTrue();
    }
  }
}
