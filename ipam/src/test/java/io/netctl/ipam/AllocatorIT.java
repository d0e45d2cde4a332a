package io.netctl.ipam;

import static org.assertj.core.api.Assertions.assertThat;

import io.netctl.ipam.store.EtcdSettings;
import io.netctl.ipam.store.EtcdStore;
import io.netctl.ipam.store.KvStore;
import io.netctl.ipam.store.StoreException;
import io.netctl.lab.EtcdCluster;
import io.netctl.lab.Poll;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Concurrent allocation against real etcd: one member, and three with the leader killed mid-run. */
class AllocatorIT {
  static final int ALLOCATORS = 16;
  static final int NODES = 200;

  /** What happened to each node, as its allocator saw it. */
  record Outcomes(Map<String, String> acknowledged, AtomicInteger exhausted, List<Throwable> unexpected, AtomicInteger storeErrors) {}

  static Outcomes run(EtcdCluster etcd, Runnable midRun, int midRunAfter) throws Exception {
    return run(etcd, midRun, midRunAfter, false);
  }

  /** With {@code mirrored}, odd-numbered allocators plan from a watched mirror (as the controller does). */
  static Outcomes run(EtcdCluster etcd, Runnable midRun, int midRunAfter, boolean mirrored) throws Exception {
    Outcomes o = new Outcomes(new ConcurrentHashMap<>(), new AtomicInteger(), new java.util.concurrent.CopyOnWriteArrayList<>(), new AtomicInteger());
    ExecutorService pool = Executors.newFixedThreadPool(ALLOCATORS);
    List<Future<?>> futures = new ArrayList<>();
    AtomicInteger done = new AtomicInteger();
    try {
      for (int w = 0; w < ALLOCATORS; w++) {
        int worker = w;
        futures.add(pool.submit(() -> {
          try (KvStore store = new EtcdStore(EtcdSettings.plain(etcd.endpoints()).withTimeout(Duration.ofSeconds(3)));
              IpamReplica replica = new IpamReplica(store)) {
            Allocator a = mirrored && worker % 2 == 1
                ? Allocator.mirrored(store, IpamConfig.DEFAULT, Clock.systemUTC(), replica)
                : new Allocator(store, IpamConfig.DEFAULT, Clock.systemUTC());
            for (int n = worker; n < NODES; n += ALLOCATORS) {
              String node = "node-" + n;
              long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
              while (true) {
                try {
                  Allocator.AllocationResult r = a.allocate(node, null, false);
                  o.acknowledged().put(node, r.allocation().cidrText());
                  break;
                } catch (RefusedException e) {
                  if (e.reason() == RefusedException.Reason.EXHAUSTED) {
                    o.exhausted().incrementAndGet();
                  } else {
                    o.unexpected().add(e);
                  }
                  break;
                } catch (StoreException e) {
                  // outcome unknown (leader lost): retry, allocation is idempotent
                  o.storeErrors().incrementAndGet();
                  if (System.nanoTime() > deadline) {
                    o.unexpected().add(e);
                    break;
                  }
                } catch (RuntimeException e) {
                  o.unexpected().add(e);
                  break;
                } finally {
                  done.incrementAndGet();
                }
              }
            }
          }
        }));
      }
      if (midRun != null) {
        Poll.until(Duration.ofSeconds(60), midRunAfter + " allocations", () -> o.acknowledged().size() >= midRunAfter);
        midRun.run();
      }
      for (Future<?> f : futures) {
        f.get(180, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    return o;
  }

  static Map<String, String> stored(EtcdCluster etcd) {
    try (KvStore store = new EtcdStore(EtcdSettings.plain(etcd.endpoints()).withTimeout(Duration.ofSeconds(10)))) {
      Map<String, String> out = new HashMap<>();
      IpamState.read(store, null).allocations().forEach((n, a) -> out.put(n, a.value().cidrText()));
      AllocationInvariants.check(store, out);
      return out;
    }
  }

  @Test
  void sixteenAllocatorsForTwoHundredNodesFillExactlyTheRanges() throws Exception {
    try (EtcdCluster etcd = EtcdCluster.start(1)) {
      Outcomes o = run(etcd, null, 0);
      assertThat(o.unexpected()).isEmpty();
      assertThat(o.storeErrors().get()).isZero();
      assertThat(o.acknowledged()).hasSize(128);
      assertThat(new HashSet<>(o.acknowledged().values())).hasSize(128);
      assertThat(o.exhausted().get()).isEqualTo(72);
      assertThat(stored(etcd)).isEqualTo(o.acknowledged());
    }
  }

  @Test
  void mirroredAndOneShotAllocatorsTogetherNeverDuplicate() throws Exception {
    try (EtcdCluster etcd = EtcdCluster.start(1)) {
      Outcomes o = run(etcd, null, 0, true);
      assertThat(o.unexpected()).isEmpty();
      assertThat(o.acknowledged()).hasSize(128);
      assertThat(new HashSet<>(o.acknowledged().values())).hasSize(128);
      assertThat(o.exhausted().get()).isEqualTo(72);
      assertThat(stored(etcd)).isEqualTo(o.acknowledged());
    }
  }

  @Test
  void leaderKilledMidRunLosesNothingAndDuplicatesNothing() throws Exception {
    try (EtcdCluster etcd = EtcdCluster.start(3)) {
      EtcdCluster.Member leader = etcd.leader();
      Outcomes o = run(etcd, () -> etcd.kill(leader), 40);
      assertThat(leader.running()).isFalse();
      assertThat(o.unexpected()).isEmpty();
      Map<String, String> stored = stored(etcd);
      // every acknowledged allocation is there, with the pool that was acknowledged
      assertThat(stored).containsAllEntriesOf(o.acknowledged());
      assertThat(new HashSet<>(stored.values())).hasSize(stored.size());
      assertThat(stored).hasSize(128);
      assertThat(o.acknowledged()).hasSize(128);
      assertThat(o.exhausted().get()).isEqualTo(72);
    }
  }
}
