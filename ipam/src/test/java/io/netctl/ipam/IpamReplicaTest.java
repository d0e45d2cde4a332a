package io.netctl.ipam;

import static org.assertj.core.api.Assertions.assertThat;

import io.netctl.ipam.store.MemoryStore;
import io.netctl.ipam.store.Txn;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IpamReplicaTest {
  final MemoryStore store = new MemoryStore();

  @Test
  void aMirroredAllocatorGivesTheSameAnswersAsAOneShotOne() {
    try (IpamReplica replica = new IpamReplica(store)) {
      Allocator mirrored = Allocator.mirrored(store, IpamConfig.DEFAULT, Clock.systemUTC(), replica);
      assertThat(mirrored.allocate("a", null, false).allocation().cidrText()).isEqualTo("10.3.240.0/27");
      assertThat(mirrored.allocate("b", null, false).allocation().cidrText()).isEqualTo("10.3.240.32/27");
      Allocator.AllocationResult again = mirrored.allocate("a", null, false);
      assertThat(again.outcome()).isEqualTo(Allocator.Outcome.EXISTING);
      assertThat(again.attempts()).isEqualTo(1);
    }
  }

  @Test
  void writesByOthersReachTheMirrorAndAStaleMirrorRecovers() {
    try (IpamReplica replica = new IpamReplica(store)) {
      Allocator mirrored = Allocator.mirrored(store, IpamConfig.DEFAULT, Clock.systemUTC(), replica);
      Allocator other = new Allocator(store, IpamConfig.DEFAULT, Clock.systemUTC(), new Random(3));
      CalicoNodeFixture.register(store, "a");
      CalicoNodeFixture.register(store, "b");
      mirrored.allocate("a", null, false);
      other.allocate("b", null, false); // seen through the watch
      assertThat(replica.indexed(new inet.ipaddr.IPAddressString("10.3.240.32/27").getAddress())).isTrue();
      assertThat(mirrored.allocate("c", null, false).allocation().cidrText()).isEqualTo("10.3.240.64/27");
      other.release("b", false);
      assertThat(mirrored.allocate("d", null, false).allocation().cidrText()).isEqualTo("10.3.240.32/27");
      AllocationInvariants.check(store, Map.of("a", "10.3.240.0/27", "c", "10.3.240.64/27", "d", "10.3.240.32/27"));
    }
  }

  @Test
  void aBrokenWatchMakesTheMirrorReadEverythingAgain() {
    MemoryStore flaky = new MemoryStore();
    try (IpamReplica replica = new IpamReplica(flaky)) {
      Allocator mirrored = Allocator.mirrored(flaky, IpamConfig.DEFAULT, Clock.systemUTC(), replica);
      CalicoNodeFixture.register(flaky, "c");
      mirrored.allocate("a", null, false);
      replica.close(); // watches gone: the mirror no longer sees changes
      new Allocator(flaky, IpamConfig.DEFAULT, Clock.systemUTC()).allocate("b", null, false);
      // planning from the stale mirror picks b's pool, the guarded transaction fails, the refresh learns it
      Allocator.AllocationResult c = mirrored.allocate("c", null, false);
      assertThat(c.allocation().cidrText()).isEqualTo("10.3.240.64/27");
      Map<String, String> model = new HashMap<>(Map.of("a", "10.3.240.0/27", "b", "10.3.240.32/27", "c", "10.3.240.64/27"));
      AllocationInvariants.check(flaky, model);
    }
  }

  @Test
  void stateMatchesTheStore() {
    try (IpamReplica replica = new IpamReplica(store)) {
      Allocator mirrored = Allocator.mirrored(store, IpamConfig.DEFAULT, Clock.systemUTC(), replica);
      mirrored.allocate("a", null, false);
      mirrored.allocate("b", null, false);
      store.commit(Txn.builder().delete(store.get(NetctlKeys.allocation("b")).orElseThrow()).build());
      IpamState fromMirror = replica.state();
      IpamState fromStore = IpamState.read(store, null);
      assertThat(fromMirror.allocations().keySet()).isEqualTo(fromStore.allocations().keySet()).containsExactly("a");
      assertThat(fromMirror.blocks().keySet()).isEqualTo(fromStore.blocks().keySet());
    }
  }

  @Test
  void threadsSharingOneAllocatorNeverRaceEachOther() throws Exception {
    try (IpamReplica replica = new IpamReplica(store)) {
      Allocator shared = Allocator.mirrored(store, IpamConfig.DEFAULT, Clock.systemUTC(), replica);
      java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
      java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
      java.util.List<java.util.concurrent.Future<?>> fs = new java.util.ArrayList<>();
      for (int t = 0; t < 8; t++) {
        fs.add(pool.submit(() -> {
          for (int n; (n = next.getAndIncrement()) < 128; ) {
            attempts.addAndGet(shared.allocate("node-" + n, null, false).attempts());
          }
        }));
      }
      for (var f : fs) {
        f.get(60, java.util.concurrent.TimeUnit.SECONDS);
      }
      pool.shutdown();
      Map<String, String> model = new HashMap<>();
      IpamState.read(store, null).allocations().forEach((n, a) -> model.put(n, a.value().cidrText()));
      assertThat(model).hasSize(128);
      assertThat(new java.util.HashSet<>(model.values())).hasSize(128);
      AllocationInvariants.check(store, model);
      assertThat(attempts.get()).as("one transaction per allocation: the in-flight pools keep the threads apart").isEqualTo(128);
    }
  }

  @Test
  void theMirrorTellsWhichCalicoNodesAreRegisteredOrChanged() throws Exception {
    try (IpamReplica replica = new IpamReplica(store)) {
      java.util.concurrent.BlockingQueue<String> seen = new java.util.concurrent.LinkedBlockingQueue<>();
      replica.onCalicoNode(seen::add);
      replica.ensureCurrent();
      CalicoNodeFixture.register(store, "node-a");
      assertThat(seen.poll(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("node-a");
      Allocator.mirrored(store, IpamConfig.DEFAULT, Clock.systemUTC(), replica).allocate("node-a", null, false); // labels the Node
      assertThat(seen.poll(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("node-a");
    }
  }
}
