package io.netctl.ipam;

import static org.assertj.core.api.Assertions.assertThat;

import io.netctl.ipam.store.EtcdSettings;
import io.netctl.ipam.store.EtcdStore;
import io.netctl.ipam.store.KvStore;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Concurrent allocation against real etcd: one member, and three with the leader killed mid-run. */
class AllocatorIT {
  static final int ALLOCATORS = 16;
  static final int NODES = 200;
  /** Per request: more than 16 clients starving each other on two cores can use up, so only a failover can fail a request. */
  static final Duration BUDGET = Duration.ofSeconds(30);

  /**
   * What happened to each node, as its allocator saw it; {@code order} numbers every
   * acknowledgement and the mid-run event on one counter, so a test can tell what came first.
   */
  record Outcomes(Map<String, String> acknowledged, Map<String, Long> ackedAt, AtomicInteger exhausted, List<Throwable> unexpected,
      AtomicLong order, AtomicLong midRunAt) {
    long ackedBefore(long at) {
      return ackedAt.values().stream().filter(o -> o < at).count();
    }

    long ackedAfter(long at) {
      return ackedAt.values().stream().filter(o -> o > at).count();
    }
  }

  static Outcomes run(EtcdCluster etcd, Runnable midRun, int midRunAfter) throws Exception {
    return run(etcd, midRun, midRunAfter, false);
  }

  /**
   * Sixteen allocators, each its own etcd client with {@link #BUDGET} per request, allocate for
   * {@link #NODES} nodes. Every allocation is called once: a store error is a failure, not
   * something the test retries. With {@code mirrored}, odd-numbered allocators plan from a watched
   * mirror (as the controller does).
   */
  static Outcomes run(EtcdCluster etcd, Runnable midRun, int midRunAfter, boolean mirrored) throws Exception {
    Outcomes o = new Outcomes(new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), new AtomicInteger(), new CopyOnWriteArrayList<>(),
        new AtomicLong(), new AtomicLong(-1));
    ExecutorService pool = Executors.newFixedThreadPool(ALLOCATORS);
    List<Future<?>> futures = new ArrayList<>();
    try {
      for (int w = 0; w < ALLOCATORS; w++) {
        int worker = w;
        futures.add(pool.submit(() -> {
          try (KvStore store = new EtcdStore(EtcdSettings.plain(etcd.endpoints()).withTimeout(BUDGET));
              IpamReplica replica = new IpamReplica(store)) {
            Allocator a = mirrored && worker % 2 == 1
                ? Allocator.mirrored(store, IpamConfig.DEFAULT, Clock.systemUTC(), replica)
                : new Allocator(store, IpamConfig.DEFAULT, Clock.systemUTC());
            for (int n = worker; n < NODES; n += ALLOCATORS) {
              String node = "node-" + n;
              try {
                Allocator.AllocationResult r = a.allocate(node, null, false);
                o.acknowledged().put(node, r.allocation().cidrText());
                o.ackedAt().put(node, o.order().incrementAndGet());
              } catch (RefusedException e) {
                if (e.reason() == RefusedException.Reason.EXHAUSTED) {
                  o.exhausted().incrementAndGet();
                } else {
                  o.unexpected().add(e);
                }
              } catch (RuntimeException e) {
                o.unexpected().add(e);
              }
            }
          }
        }));
      }
      if (midRun != null) {
        Poll.until(Duration.ofSeconds(120), midRunAfter + " allocations", () -> o.acknowledged().size() >= midRunAfter || allDone(futures));
        midRun.run();
        o.midRunAt().set(o.order().incrementAndGet());
      }
      for (Future<?> f : futures) {
        f.get(300, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    return o;
  }

  private static boolean allDone(List<Future<?>> futures) {
    return futures.stream().allMatch(Future::isDone);
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

  /**
   * The leader SIGKILLed after the first 40 acknowledgements: every allocation still succeeds on
   * its first call (the store retries on the other members and settles transactions of unknown
   * outcome), none is made twice, and every acknowledged one is stored with the acknowledged pool.
   */
  @Test
  void leaderKilledMidRunLosesNothingAndDuplicatesNothing() throws Exception {
    try (EtcdCluster etcd = EtcdCluster.start(3)) {
      AtomicReference<EtcdCluster.Member> killed = new AtomicReference<>();
      Outcomes o = run(etcd, () -> {
        EtcdCluster.Member leader = etcd.leader();
        etcd.kill(leader);
        killed.set(leader);
      }, 40);
      assertThat(killed.get().running()).isFalse();
      assertThat(etcd.leader()).as("the survivors elected another").isNotSameAs(killed.get());
      assertThat(o.unexpected()).isEmpty();
      // the kill happened mid-run: allocations were acknowledged before it and after it
      assertThat(o.ackedBefore(o.midRunAt().get())).isGreaterThanOrEqualTo(40);
      assertThat(o.ackedAfter(o.midRunAt().get())).isGreaterThan(0);
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
