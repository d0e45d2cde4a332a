package io.netctl.ipam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv4.IPv4Address;
import io.netctl.ipam.calico.CalicoKeys;
import io.netctl.ipam.calico.CalicoResource;
import io.netctl.ipam.store.KeyValue;
import io.netctl.ipam.store.MemoryStore;
import io.netctl.ipam.store.StoreException;
import io.netctl.ipam.store.Txn;
import io.netctl.ipam.store.TxnResult;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AllocatorTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T10:00:00.123Z"), ZoneOffset.UTC);
  final MemoryStore store = new MemoryStore();
  final Allocator allocator = new Allocator(store, IpamConfig.DEFAULT, CLOCK, new Random(1));

  static IPv4Address ip(String s) {
    return new IPAddressString(s).getAddress().toIPv4();
  }

  /** Every key but the allocation history (AllocationHistoryTest looks at that). */
  Map<String, String> all() {
    return store.range("/").kvs().stream().filter(kv -> !kv.key().startsWith(NetctlKeys.HISTORY)).collect(Collectors.toMap(KeyValue::key, KeyValue::value));
  }

  @Test
  void firstNodesGetTheLowestPoolsInRangeOrder() {
    assertThat(allocator.allocate("node-a", null, false).allocation().cidrText()).isEqualTo("10.3.240.0/27");
    assertThat(allocator.allocate("node-b", null, false).allocation().cidrText()).isEqualTo("10.3.240.32/27");
    // releasing the first frees the lowest again
    allocator.release("node-a", false);
    assertThat(allocator.allocate("node-c", null, false).allocation().cidrText()).isEqualTo("10.3.240.0/27");
  }

  @Test
  void theSecondRangeFollowsTheFirst() {
    for (int i = 0; i < 64; i++) {
      allocator.allocate("n" + i, null, false);
    }
    Allocator.AllocationResult r = allocator.allocate("n64", null, false);
    assertThat(r.allocation().cidrText()).isEqualTo("10.3.216.0/27");
  }

  @Test
  void allocationIsIdempotent() {
    Allocator.AllocationResult first = allocator.allocate("node-a", ip("10.3.0.5"), false);
    long rev = store.range("/").revision();
    Allocator.AllocationResult again = allocator.allocate("node-a", null, false);
    Allocator.AllocationResult withSameIp = allocator.allocate("node-a", ip("10.3.0.5"), false);
    assertThat(again.outcome()).isEqualTo(Allocator.Outcome.EXISTING);
    assertThat(withSameIp.outcome()).isEqualTo(Allocator.Outcome.EXISTING);
    assertThat(again.allocation()).isEqualTo(first.allocation());
    assertThat(store.range("/").revision()).as("nothing written").isEqualTo(rev);
  }

  @Test
  void oneTransactionWritesEveryKey() {
    CalicoNodeFixture.register(store, "node-a");
    long before = store.range("/").revision();
    Allocator.AllocationResult r = allocator.allocate("node-a", ip("10.3.0.5"), false);
    assertThat(r.pending()).isFalse();
    assertThat(store.range("/").revision()).isEqualTo(before + 1);
    assertThat(all().keySet()).containsExactlyInAnyOrder(
        "/netctl/v1/allocations/node-a",
        "/netctl/v1/cidrs/10.3.240.0-27",
        "/netctl/v1/host-ips/10.3.0.5",
        "/calico/resources/v3/projectcalico.org/ippools/netctl-10-3-240-0-27",
        "/calico/resources/v3/projectcalico.org/nodes/node-a",
        "/calico/ipam/v2/assignment/ipv4/block/10.3.240.0-27",
        "/calico/ipam/v2/host/node-a/ipv4/block/10.3.240.0-27");
    assertThat(store.get(CalicoKeys.node("node-a")).orElseThrow().modRevision()).as("the pool label, in the same transaction").isEqualTo(before + 1);
  }

  @Test
  void hostIpCanBeAddedLaterButNotSilentlyChanged() {
    allocator.allocate("node-a", null, false);
    Allocator.AllocationResult set = allocator.allocate("node-a", ip("10.3.0.5"), false);
    assertThat(set.outcome()).isEqualTo(Allocator.Outcome.HOST_IP_SET);
    assertThat(set.allocation().hostIpText()).isEqualTo("10.3.0.5");
    Map<String, String> before = all();
    assertThatThrownBy(() -> allocator.allocate("node-a", ip("10.3.0.6"), false))
        .isInstanceOfSatisfying(RefusedException.class, e -> assertThat(e.reason()).isEqualTo(RefusedException.Reason.HOST_IP_DIFFERS))
        .hasMessageContaining("10.3.0.5").hasMessageContaining("--update-host-ip");
    assertThat(all()).isEqualTo(before);
    Allocator.AllocationResult updated = allocator.allocate("node-a", ip("10.3.0.6"), true);
    assertThat(updated.outcome()).isEqualTo(Allocator.Outcome.HOST_IP_UPDATED);
    assertThat(all()).containsKey("/netctl/v1/host-ips/10.3.0.6").doesNotContainKey("/netctl/v1/host-ips/10.3.0.5");
    assertThat(updated.allocation().cidr()).isEqualTo(set.allocation().cidr());
    assertThat(updated.allocation().createdAt()).isEqualTo(set.allocation().createdAt());
  }

  @Test
  void twoNodesCannotShareAHostIp() {
    allocator.allocate("node-a", ip("10.3.0.5"), false);
    Map<String, String> before = all();
    assertThatThrownBy(() -> allocator.allocate("node-b", ip("10.3.0.5"), false))
        .isInstanceOfSatisfying(RefusedException.class, e -> assertThat(e.reason()).isEqualTo(RefusedException.Reason.HOST_IP_TAKEN))
        .hasMessage("host IP 10.3.0.5 is already recorded for node-a; one host IP per node");
    assertThat(all()).isEqualTo(before);
  }

  @Test
  void aHostIpInsideTheContainerRangesIsBadInput() {
    assertThatThrownBy(() -> allocator.allocate("node-a", ip("10.3.241.7"), false))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("inside the container ranges");
    assertThat(all()).isEmpty();
  }

  @Test
  void invalidNodeNamesAreRefusedBeforeAnything() {
    for (String bad : List.of("", "Node-A", "node_a", "-a", "a-", "a..b", "x".repeat(254), "nöde", "a b")) {
      assertThatThrownBy(() -> allocator.allocate(bad, null, false)).isInstanceOf(BadInputException.class);
    }
    assertThat(all()).isEmpty();
    assertThat(allocator.allocate("node-1.example.com", null, false).outcome()).isEqualTo(Allocator.Outcome.CREATED);
  }

  @Test
  void exhaustionNamesTheRangesAndTheUse() {
    IpamConfig small = IpamConfig.of(List.of("10.3.240.0/26"), 27);
    Allocator a = new Allocator(store, small, CLOCK);
    a.allocate("n1", null, false);
    a.allocate("n2", null, false);
    Map<String, String> before = all();
    assertThatThrownBy(() -> a.allocate("n3", null, false))
        .isInstanceOfSatisfying(RefusedException.class, e -> assertThat(e.reason()).isEqualTo(RefusedException.Reason.EXHAUSTED))
        .hasMessageContaining("10.3.240.0/26")
        .hasMessageContaining("2 of 2 in use");
    assertThat(all()).isEqualTo(before);
  }

  @Test
  void aForeignPoolOrBlockIsSkippedAndReportedNeverOverwritten() {
    // someone's own pool over the first /27, and someone's block in the second
    String foreignPool = CalicoResource.create("IPPool", "ops-pool", Map.of(), Map.of(),
        new io.netctl.ipam.calico.IpPoolSpec(new IPAddressString("10.3.240.0/28").getAddress(), 28, "all()", false, false).toJson(), null, Instant.EPOCH).toJson();
    String foreignBlock = io.netctl.ipam.calico.AllocationBlock.fresh(new IPAddressString("10.3.240.32/27").getAddress(), "other-host", Instant.EPOCH);
    store.commit(Txn.builder()
        .create(CalicoKeys.IPPOOLS + "ops-pool", foreignPool)
        .create(CalicoKeys.BLOCKS_V4 + "10.3.240.32-27", foreignBlock)
        .build());
    Allocator.AllocationResult r = allocator.allocate("node-a", null, false);
    assertThat(r.allocation().cidrText()).isEqualTo("10.3.240.64/27");
    assertThat(r.skipped()).extracting(Allocator.Skipped::cidr).containsExactly("10.3.240.0/27", "10.3.240.32/27");
    assertThat(r.skipped().get(0).reason()).contains("ops-pool");
    assertThat(r.skipped().get(1).reason()).contains("Calico IPAM block exists");
    assertThat(store.get(CalicoKeys.IPPOOLS + "ops-pool").orElseThrow().value()).isEqualTo(foreignPool);
    assertThat(store.get(CalicoKeys.BLOCKS_V4 + "10.3.240.32-27").orElseThrow().value()).isEqualTo(foreignBlock);
    Allocator.RangeUse use = allocator.pools().ranges().get(0);
    assertThat(use).isEqualTo(new Allocator.RangeUse("10.3.240.0/21", 64, 1, 2, 61));
  }

  @Test
  void releaseDeletesExactlyWhatAllocateWrote() {
    for (String n : List.of("node-a", "node-b", "node-c")) {
      CalicoNodeFixture.register(store, n);
    }
    allocator.allocate("node-a", ip("10.3.0.5"), false);
    allocator.allocate("node-b", ip("10.3.0.6"), false);
    Map<String, String> withB = all();
    allocator.allocate("node-c", ip("10.3.0.7"), false);
    Allocator.ReleaseResult r = allocator.release("node-c", false);
    assertThat(r.deletedKeys()).hasSize(6);
    assertThat(r.notes()).contains("label netctl.io/ippool removed from Calico Node node-c");
    assertThat(all()).isEqualTo(withB);
  }

  @Test
  void releaseIsRefusedWhileTheBlockHasAddressesInUse() {
    CalicoNodeFixture.register(store, "node-a");
    String unlabeled = store.get(CalicoKeys.node("node-a")).orElseThrow().value();
    allocator.allocate("node-a", null, false);
    useAddresses("10.3.240.0-27", 3);
    Map<String, String> before = all();
    assertThatThrownBy(() -> allocator.release("node-a", false))
        .isInstanceOfSatisfying(RefusedException.class, e -> assertThat(e.reason()).isEqualTo(RefusedException.Reason.BLOCK_IN_USE))
        .hasMessageContaining("3 addresses in use")
        .hasMessageContaining("--force");
    assertThat(all()).isEqualTo(before);
    Allocator.ReleaseResult forced = allocator.release("node-a", true);
    assertThat(forced.addressesInUse()).isEqualTo(3);
    assertThat(all()).isEqualTo(Map.of(CalicoKeys.node("node-a"), unlabeled));
  }

  @Test
  void releasingAnUnknownNodeIsRefused() {
    assertThatThrownBy(() -> allocator.release("node-z", false))
        .isInstanceOfSatisfying(RefusedException.class, e -> assertThat(e.reason()).isEqualTo(RefusedException.Reason.NO_ALLOCATION))
        .hasMessage("node-z has no allocation; nothing released");
  }

  @Test
  void releaseLeavesAPoolNetctlDidNotMark() {
    allocator.allocate("node-a", null, false);
    String key = CalicoKeys.IPPOOLS + "netctl-10-3-240-0-27";
    KeyValue pool = store.get(key).orElseThrow();
    String unmarked = pool.value().replace("\"labels\":{\"app.kubernetes.io/managed-by\":\"netctl\"},", "");
    store.commit(Txn.builder().update(pool, unmarked).build());
    Allocator.ReleaseResult r = allocator.release("node-a", false);
    assertThat(r.notes()).anyMatch(n -> n.contains("not marked as netctl's"));
    assertThat(store.get(key)).isPresent();
  }

  @Test
  void aLeftoverPendingAffinityOfTheNodeIsConfirmed() {
    CalicoNodeFixture.register(store, "node-a");
    store.commit(Txn.builder().create(CalicoKeys.affinity("node-a", new IPAddressString("10.3.240.0/27").getAddress()), "{\"state\":\"pending\",\"deleted\":false}").build());
    allocator.allocate("node-a", null, false);
    assertThat(store.get("/calico/ipam/v2/host/node-a/ipv4/block/10.3.240.0-27").orElseThrow().value())
        .isEqualTo("{\"state\":\"confirmed\",\"deleted\":false}");
  }

  @Test
  void aThreadWhoseOnlyFreePoolIsBeingCommittedWaitsForThatCommitInsteadOfRacingIt() throws Exception {
    GatedStore gated = new GatedStore(store);
    Allocator shared = new Allocator(gated, IpamConfig.of(List.of("10.3.240.0/27"), 27), CLOCK, new Random(1));
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      Future<Allocator.AllocationResult> a = threads.submit(() -> shared.allocate("node-a", null, false));
      assertThat(gated.committing.await(60, TimeUnit.SECONDS)).as("node-a commits the only pool").isTrue();
      Future<Allocator.AllocationResult> b = threads.submit(() -> shared.allocate("node-b", null, false));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!shared.waitingForInFlight()) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("node-b never waited for node-a's pool");
        }
        Thread.onSpinWait();
      }
      gated.gate.countDown();
      assertThat(a.get(60, TimeUnit.SECONDS).allocation().cidrText()).isEqualTo("10.3.240.0/27");
      assertThatThrownBy(() -> b.get(60, TimeUnit.SECONDS))
          .cause()
          .isInstanceOfSatisfying(RefusedException.class, e -> assertThat(e.reason()).isEqualTo(RefusedException.Reason.EXHAUSTED))
          .hasMessage("no free /27 left in 10.3.240.0/27: 1 of 1 in use by netctl");
      assertThat(gated.commits.get()).as("node-b never raced node-a for the pool").isEqualTo(1);
    } finally {
      gated.gate.countDown();
      threads.shutdownNow();
    }
  }

  @Test
  void allocationsAndReleasesThatLoseEveryAttemptAreRefusedAsContention() {
    allocator.allocate("node-a", null, false);
    Map<String, String> before = all();
    ForwardingStore losing = new ForwardingStore(store) {
      @Override
      public TxnResult commit(Txn txn) {
        // another writer changes the first key this transaction depends on, just before it commits
        store.get(txn.compares().get(0).key()).ifPresent(kv -> store.commit(Txn.builder().update(kv, kv.value()).build()));
        return store.commit(txn);
      }
    };
    Allocator contended = new Allocator(losing, IpamConfig.DEFAULT, CLOCK, new Random(1));
    assertThatThrownBy(() -> contended.release("node-a", false))
        .isInstanceOfSatisfying(RefusedException.class, e -> assertThat(e.reason()).isEqualTo(RefusedException.Reason.CONTENTION))
        .hasMessage("gave up releasing node-a after 64 attempts: the datastore changed under every one; re-run");
    assertThatThrownBy(() -> contended.allocate("node-a", ip("10.3.0.5"), false))
        .isInstanceOfSatisfying(RefusedException.class, e -> assertThat(e.reason()).isEqualTo(RefusedException.Reason.CONTENTION))
        .hasMessageStartingWith("gave up on node-a after 64 attempts");
    assertThat(all()).isEqualTo(before);
  }

  /** A store whose commits wait at a gate (the first one says so), as a slow datastore would hold them. */
  static final class GatedStore extends ForwardingStore {
    final CountDownLatch committing = new CountDownLatch(1);
    final CountDownLatch gate = new CountDownLatch(1);
    final AtomicInteger commits = new AtomicInteger();

    GatedStore(MemoryStore store) {
      super(store);
    }

    @Override
    public TxnResult commit(Txn txn) {
      commits.incrementAndGet();
      committing.countDown();
      try {
        if (!gate.await(60, TimeUnit.SECONDS)) {
          throw new StoreException("the test never opened the gate");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StoreException("interrupted at the gate");
      }
      return store.commit(txn);
    }
  }

  /** Marks {@code n} ordinals of a block as allocated, as Calico's IPAM would. */
  void useAddresses(String block, int n) {
    KeyValue kv = store.get(CalicoKeys.BLOCKS_V4 + block).orElseThrow();
    String v = kv.value();
    for (int i = 0; i < n; i++) {
      v = v.replaceFirst("\"allocations\":\\[((?:0,)*)null", "\"allocations\":[$10");
    }
    store.commit(Txn.builder().update(kv, v).build());
  }

  @Test
  void anAllocationBeforeItsCalicoNodeIsPendingAndAllocatingAgainCompletesIt() {
    Allocator.AllocationResult first = allocator.allocate("node-a", ip("10.3.0.5"), false);
    assertThat(first.pending()).isTrue();
    assertThat(all()).doesNotContainKeys(CalicoKeys.BLOCKS_V4 + "10.3.240.0-27", CalicoKeys.HOSTS + "node-a/ipv4/block/10.3.240.0-27");
    assertThat(allocator.allocate("node-a", null, false).pending()).isTrue();
    CalicoNodeFixture.register(store, "node-a");
    Allocator.AllocationResult completed = allocator.allocate("node-a", null, false);
    assertThat(completed.outcome()).isEqualTo(Allocator.Outcome.COMPLETED);
    assertThat(completed.pending()).isFalse();
    assertThat(completed.allocation()).isEqualTo(first.allocation());
    assertThat(all()).containsKeys(CalicoKeys.BLOCKS_V4 + "10.3.240.0-27", CalicoKeys.HOSTS + "node-a/ipv4/block/10.3.240.0-27");
  }

  @Test
  void aForcedReleaseReleasesTheHandlesOfTheBlocksAddressesAsCalicoWould() {
    CalicoNodeFixture.register(store, "node-a");
    allocator.allocate("node-a", null, false);
    // two pods' addresses as calico-ipam assigns them (ipam.go assignFromExistingBlock, incrementHandle);
    // the second pod's handle also holds an address in another block
    KeyValue block = store.get(CalicoKeys.BLOCKS_V4 + "10.3.240.0-27").orElseThrow();
    String used = block.value()
        .replaceFirst("\"allocations\":\\[null,null", "\"allocations\":[0,1")
        .replace("\"attributes\":null", "\"attributes\":[{\"handle_id\":\"k8s-pod-network.aaa\",\"secondary\":{\"namespace\":\"default\",\"node\":\"node-a\",\"pod\":\"p1\"}},"
            + "{\"handle_id\":\"k8s-pod-network.bbb\",\"secondary\":{\"namespace\":\"default\",\"node\":\"node-a\",\"pod\":\"p2\"}}]");
    store.commit(Txn.builder().update(block, used)
        .create(CalicoKeys.handle("k8s-pod-network.aaa"), "{\"block\":{\"10.3.240.0/27\":1},\"deleted\":false}")
        .create(CalicoKeys.handle("k8s-pod-network.bbb"), "{\"block\":{\"10.3.240.0/27\":1,\"10.3.250.0/26\":1},\"deleted\":false}")
        .create(CalicoKeys.handle("k8s-pod-network.other"), "{\"block\":{\"10.3.250.0/26\":1},\"deleted\":false}").build());
    assertThatThrownBy(() -> allocator.release("node-a", false))
        .isInstanceOfSatisfying(RefusedException.class, e -> assertThat(e.reason()).isEqualTo(RefusedException.Reason.BLOCK_IN_USE));
    Allocator.ReleaseResult r = allocator.release("node-a", true);
    assertThat(r.addressesInUse()).isEqualTo(2);
    assertThat(r.deletedKeys()).contains(CalicoKeys.handle("k8s-pod-network.aaa")).doesNotContain(CalicoKeys.handle("k8s-pod-network.bbb"));
    assertThat(r.notes()).contains("released 2 IPAM handles of the block's addresses (1 kept for their addresses in other blocks)");
    assertThat(all()).doesNotContainKey(CalicoKeys.handle("k8s-pod-network.aaa"))
        .containsEntry(CalicoKeys.handle("k8s-pod-network.bbb"), "{\"block\":{\"10.3.250.0/26\":1},\"deleted\":false}")
        .containsEntry(CalicoKeys.handle("k8s-pod-network.other"), "{\"block\":{\"10.3.250.0/26\":1},\"deleted\":false}");
    // no handle points at the released block
    assertThat(store.range(CalicoKeys.HANDLES).kvs()).noneMatch(kv -> kv.value().contains("10.3.240.0/27"));
  }

  @Test
  void aForcedReleaseWhoseHandlesDoNotFitInOneTransactionIsRefusedAndWritesNothing() {
    Allocator wide = new Allocator(store, IpamConfig.of(List.of("10.3.240.0/24"), 24), CLOCK, new Random(1));
    CalicoNodeFixture.register(store, "node-a");
    wide.allocate("node-a", null, false);
    KeyValue block = store.get(CalicoKeys.BLOCKS_V4 + "10.3.240.0-24").orElseThrow();
    StringBuilder allocations = new StringBuilder();
    StringBuilder attributes = new StringBuilder();
    Txn.Builder t = Txn.builder();
    for (int i = 0; i < 256; i++) {
      allocations.append(i == 0 ? "" : ",").append(i < 200 ? String.valueOf(i) : "null");
      if (i < 200) {
        attributes.append(i == 0 ? "" : ",").append("{\"handle_id\":\"h").append(i).append("\",\"secondary\":null}");
        if (i < 120) {
          t.create(CalicoKeys.handle("h" + i), "{\"block\":{\"10.3.240.0/24\":1},\"deleted\":false}");
        }
      }
    }
    store.commit(t.build());
    t = Txn.builder();
    for (int i = 120; i < 200; i++) {
      t.create(CalicoKeys.handle("h" + i), "{\"block\":{\"10.3.240.0/24\":1},\"deleted\":false}");
    }
    store.commit(t.build());
    String used = block.value().replaceFirst("\"allocations\":\\[[^\\]]*\\]", "\"allocations\":[" + allocations + "]")
        .replace("\"attributes\":null", "\"attributes\":[" + attributes + "]");
    store.commit(Txn.builder().update(block, used).build());
    Map<String, String> before = all();
    assertThatThrownBy(() -> wide.release("node-a", true))
        .isInstanceOfSatisfying(RefusedException.class, e -> assertThat(e.reason()).isEqualTo(RefusedException.Reason.BLOCK_IN_USE))
        .hasMessageContaining("200 IPAM handles").hasMessageContaining("calicoctl ipam release");
    assertThat(all()).isEqualTo(before);
  }
}
