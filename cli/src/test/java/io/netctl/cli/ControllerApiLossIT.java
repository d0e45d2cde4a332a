package io.netctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netctl.cli.controller.MutableClock;
import io.netctl.cli.kube.MockApi;
import io.netctl.ipam.Allocation;
import io.netctl.ipam.IpamConfig;
import io.netctl.ipam.NetctlKeys;
import io.netctl.ipam.store.KvStore;
import io.netctl.ipam.store.StoreException;
import io.netctl.ipam.store.WatchEvent;
import io.netctl.ipam.store.WatchListener;
import io.netctl.lab.EtcdCluster;
import io.netctl.lab.Poll;
import io.netctl.lab.TcpProxy;
import io.netctl.validator.ClusterState;
import io.netctl.validator.config.IpamChecks;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The controller losing the API server: the leader reaches the mock API through a proxy that
 * stops forwarding (a partition: its requests hang, nothing answers), the standby reaches it
 * directly, both write to one real etcd. The leader must stop writing before the standby starts
 * (it cannot renew its lease, and its requests hang longer than the lease), the standby must take
 * over and do the work, and no /27 may ever be held by two nodes. Time: the lease runs on real
 * time (fabric8's elector), so the test asserts the order of events and invariants, never a
 * duration; the controllers' own clocks (release grace, retry back-off) are driven by the test.
 */
class ControllerApiLossIT {
  static final Duration WAIT = Duration.ofSeconds(60);
  static final String LEASE = "3s";
  @RegisterExtension static final ControllerFixture fixture = new ControllerFixture();

  /** Every change of the allocation records, applied in revision order, checking after each that no pool has two nodes. */
  static final class AllocationHistory implements WatchListener {
    final Map<String, String> poolOf = new HashMap<>();
    final List<String> violations = new CopyOnWriteArrayList<>();
    final AtomicLong seen = new AtomicLong();

    synchronized Map<String, String> poolOf() {
      return Map.copyOf(poolOf);
    }

    @Override
    public synchronized void onEvents(List<WatchEvent> events) {
      for (WatchEvent e : events) {
        String node = e.key().substring(NetctlKeys.ALLOCATIONS.length());
        if (e.type() == WatchEvent.Type.PUT) {
          poolOf.put(node, Allocation.parse(e.key(), e.value()).cidrText());
        } else {
          poolOf.remove(node);
        }
        seen.set(e.modRevision());
      }
      if (new HashSet<>(poolOf.values()).size() != poolOf.size()) {
        violations.add("at revision " + seen.get() + ": " + poolOf);
      }
    }

    @Override
    public void onError(StoreException e) {
      violations.add("watch failed: " + e.getMessage());
    }
  }

  static PromText metrics(int port) {
    return PromText.scrape(port);
  }

  /** Every allocation attempt the controller on {@code port} made, whatever its result. */
  static double attempts(int port) {
    return metrics(port).samples().entrySet().stream().filter(e -> e.getKey().startsWith("netctl_allocations_total"))
        .mapToDouble(Map.Entry::getValue).sum();
  }

  static double count(int port, String name, String result) {
    return metrics(port).valueOr0(name, "result", result);
  }

  static double leader(int port) {
    return metrics(port).valueOr0("netctl_leader");
  }

  static double ticks(int port) {
    return metrics(port).valueOr0("netctl_reconcile_ticks_total");
  }

  @Test
  void aLeaderCutOffFromTheApiServerStopsWritingBeforeTheStandbyTakesOver() throws IOException {
    // two pools: the third node waits for one, so the cut-off leader has a write it would retry
    Path config = fixture.dir().resolve("two-pools.yaml");
    Files.writeString(config, "ranges: [10.3.240.0/26]\nblockSize: 27\n");
    IpamConfig ipam = IpamConfig.of(List.of("10.3.240.0/26"), 27);
    KvStore store = fixture.store();
    AllocationHistory history = new AllocationHistory();
    int apiPort = new URL(fixture.api().client().getMasterUrl().toString()).getPort();
    MutableClock clockA = new MutableClock(Instant.parse("2026-11-27T10:00:00Z"));
    MutableClock clockB = new MutableClock(Instant.parse("2026-11-27T10:00:00Z"));
    int pa = EtcdCluster.freePort();
    int pb = EtcdCluster.freePort();
    try (TcpProxy proxy = TcpProxy.start(apiPort);
        KvStore.Watch watch = store.watch(NetctlKeys.ALLOCATIONS, store.range("/").revision() + 1, history)) {
      Path viaProxy = fixture.dir().resolve("kubeconfig-via-proxy-" + proxy.port());
      Files.writeString(viaProxy, MockApi.kubeconfig("http://127.0.0.1:" + proxy.port()));
      String[] flags = {"--config", config.toString(), "--release-grace", "1s"};
      ServiceRun a = fixture.controller(viaProxy, "ctl-a", pa, clockA, LEASE, flags);
      Poll.until(WAIT, "ctl-a leads", () -> leader(pa) == 1);
      ServiceRun b = fixture.controller("ctl-b", pb, clockB, LEASE, flags);

      for (int i = 1; i <= 3; i++) {
        fixture.api().createNode("node-" + i, "192.0.2." + i, Map.of());
      }
      Poll.until(WAIT, "ctl-a allocated two nodes and found no pool for the third", () ->
          count(pa, "netctl_allocations_total", "created") == 2 && count(pa, "netctl_allocations_total", "refused") >= 1);
      assertThat(attempts(pb)).as("the standby wrote nothing").isZero();
      String poolOfNode1 = fixture.reader().show("node-1").orElseThrow().cidrText();

      // the partition: ctl-a's requests to the API server hang from now on
      proxy.cut();
      List<String> samples = new ArrayList<>();
      Poll.until(WAIT, () -> "ctl-b leads; samples (ctl-b, then ctl-a): " + samples, () -> {
        double lb = leader(pb);
        double la = leader(pa); // read after ctl-b's: if both show 1, both were writing at once
        samples.add((int) lb + "" + (int) la);
        return lb == 1;
      });
      assertThat(samples).as("never both writing (ctl-b's gauge, then ctl-a's)").doesNotContain("11");
      assertThat(samples.get(samples.size() - 1)).as("ctl-a had stopped when ctl-b started").isEqualTo("10");
      double attemptsOfA = attempts(pa);

      // ctl-a's retry of node-3 falls due on its clock: a leader still writing would try it now
      clockA.advance(Duration.ofHours(1));
      double ticks = ticks(pa);
      Poll.until(WAIT, "two passes of ctl-a's reconcile loop after its retry fell due", () -> ticks(pa) >= ticks + 2);
      assertThat(attempts(pa)).as("ctl-a attempted no allocation since ctl-b leads").isEqualTo(attemptsOfA);

      // the standby does the work: node-1 deleted, its pool released, node-3 gets it
      Poll.until(WAIT, "ctl-b tried node-3", () -> count(pb, "netctl_allocations_total", "refused") >= 1);
      fixture.api().deleteNode("node-1");
      Poll.until(WAIT, "ctl-b released node-1's pool", () -> {
        clockB.advance(Duration.ofSeconds(10));
        return fixture.reader().show("node-1").isEmpty();
      });
      Poll.until(WAIT, "ctl-b allocated node-3", () -> {
        clockB.advance(Duration.ofSeconds(10));
        return fixture.reader().show("node-3").isPresent();
      });
      assertThat(fixture.reader().show("node-3").orElseThrow().cidrText()).isEqualTo(poolOfNode1);
      assertThat(attempts(pa)).as("ctl-a still wrote nothing").isEqualTo(attemptsOfA);
      assertThat(leader(pa)).isZero();

      Map<String, String> stored = new HashMap<>();
      fixture.reader().list().forEach(x -> stored.put(x.node(), x.cidrText()));
      Poll.until(WAIT, () -> "the watched history to reach " + stored + ": " + history.poolOf(),
          () -> history.poolOf().equals(stored) || !history.violations.isEmpty());
      assertThat(history.violations).as("no /27 ever held by two nodes").isEmpty();
      // no calico-node runs in this lab: every allocation waits for its Calico Node, and nothing else is reported
      assertThat(IpamChecks.check(ipam, ClusterState.read(store)).findings()).as("Calico's objects agree")
          .allSatisfy(f -> assertThat(f.code()).isEqualTo(io.netctl.validator.Code.ALLOCATION_PENDING));

      // the partition heals: ctl-a competes again as a standby, and leads once ctl-b is gone
      proxy.restore();
      assertThat(b.stop()).isZero();
      Poll.until(WAIT, "ctl-a leads again", () -> leader(pa) == 1);
      assertThat(fixture.reader().list()).extracting(Allocation::node).containsExactlyInAnyOrder("node-2", "node-3");
      assertThat(a.running()).isTrue();
    }
  }
}
