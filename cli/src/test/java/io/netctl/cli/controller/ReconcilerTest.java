package io.netctl.cli.controller;

import static org.assertj.core.api.Assertions.assertThat;

import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv4.IPv4Address;
import io.netctl.ipam.Allocation;
import io.netctl.ipam.Allocator;
import io.netctl.ipam.IpamConfig;
import io.netctl.ipam.IpamReplica;
import io.netctl.ipam.calico.AllocationBlock;
import io.netctl.ipam.calico.CalicoKeys;
import io.netctl.cli.LogCapture;
import io.netctl.ipam.store.KeyValue;
import io.netctl.ipam.store.KvStore;
import io.netctl.ipam.store.MemoryStore;
import io.netctl.ipam.store.Op;
import io.netctl.ipam.store.Range;
import io.netctl.ipam.store.Read;
import io.netctl.ipam.store.Txn;
import io.netctl.ipam.store.TxnResult;
import io.netctl.ipam.store.WatchListener;
import io.netctl.validator.Code;
import io.netctl.validator.Finding;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reconciler's decisions on an in-memory store, with a fake API server and a clock moved by hand. */
class ReconcilerTest {
  static final Duration GRACE = Duration.ofMinutes(10);

  MemoryStore store;
  MutableClock clock;
  Allocator allocator;
  FakeDirectory api;
  AtomicBoolean leader;
  Map<String, Integer> counted;
  Reconciler r;

  /** The API server as the reconciler asks it: Nodes by name, and whether it answers at all. */
  static final class FakeDirectory implements NodeDirectory {
    final Map<String, NodeInfo> nodes = new LinkedHashMap<>();
    final Map<String, String> annotations = new HashMap<>();
    boolean down;

    @Override
    public Presence presence(String node) {
      return down ? Presence.UNKNOWN : nodes.containsKey(node) ? Presence.PRESENT : Presence.ABSENT;
    }

    @Override
    public List<NodeInfo> list() {
      return new ArrayList<>(nodes.values());
    }

    @Override
    public void annotate(String node, String pool) {
      annotations.put(node, pool);
    }
  }

  @BeforeEach
  void setUp() {
    store = new MemoryStore();
    clock = new MutableClock(Instant.parse("2026-11-27T10:00:00Z"));
    allocator = Allocator.mirrored(store, IpamConfig.DEFAULT, clock, new IpamReplica(store));
    api = new FakeDirectory();
    leader = new AtomicBoolean(true);
    counted = new HashMap<>();
    r = reconciler(false);
  }

  Reconciler reconciler(boolean annotate) {
    return new Reconciler(allocator, api, clock, GRACE, annotate, leader::get, new ReconcileCounters() {
      @Override
      public void allocation(String result) {
        counted.merge("allocation " + result, 1, Integer::sum);
      }

      @Override
      public void release(String result) {
        counted.merge("release " + result, 1, Integer::sum);
      }
    });
  }

  static IPv4Address ip(String s) {
    return new IPAddressString(s).getAddress().toIPv4();
  }

  NodeInfo join(String name, String ip) {
    NodeInfo n = NodeInfo.of(name, ip == null ? null : ip(ip));
    api.nodes.put(name, n);
    r.upsert(n);
    return n;
  }

  void leave(String name) {
    api.nodes.remove(name);
    r.deleted(name);
  }

  Allocation allocation(String node) {
    return allocator.show(node).orElse(null);
  }

  List<Code> codes() {
    return r.findings().stream().map(Finding::code).sorted().toList();
  }

  @Test
  void aNewNodeGetsAPoolWithItsInternalIp() {
    join("node-a", "192.0.2.1");
    join("node-b", "192.0.2.2");
    assertThat(allocation("node-a").cidrText()).isEqualTo("10.3.240.0/27");
    assertThat(allocation("node-a").hostIpText()).isEqualTo("192.0.2.1");
    assertThat(allocation("node-b").cidrText()).isEqualTo("10.3.240.32/27");
    assertThat(counted).containsEntry("allocation created", 2);
    assertThat(r.findings()).isEmpty();
  }

  @Test
  void aChangedInternalIpReplacesTheHostIpAndKeepsThePool() {
    join("node-a", "192.0.2.1");
    join("node-a", "192.0.2.9");
    assertThat(allocation("node-a").hostIpText()).isEqualTo("192.0.2.9");
    assertThat(allocation("node-a").cidrText()).isEqualTo("10.3.240.0/27");
    assertThat(counted).containsEntry("allocation host_ip_updated", 1);
  }

  @Test
  void aDeletedNodeKeepsItsPoolThroughTheGracePeriodAndLosesItAfter() {
    join("node-a", "192.0.2.1");
    leave("node-a");
    assertThat(r.pendingReleases()).containsEntry("node-a", clock.instant().plus(GRACE));
    assertThat(codes()).containsExactly(Code.ALLOCATION_WITHOUT_NODE);
    clock.advance(GRACE.minusSeconds(1));
    r.tick();
    assertThat(allocation("node-a")).as("still allocated one second before the grace period ends").isNotNull();
    clock.advance(Duration.ofSeconds(1));
    r.tick();
    assertThat(allocation("node-a")).isNull();
    assertThat(store.range(CalicoKeys.BLOCKS_V4).kvs()).isEmpty();
    assertThat(r.pendingReleases()).isEmpty();
    assertThat(r.findings()).isEmpty();
    assertThat(counted).containsEntry("release released", 1);
  }

  @Test
  void aNodeRecreatedWithinTheGracePeriodKeepsItsPool() {
    join("node-a", "192.0.2.1");
    String pool = allocation("node-a").cidrText();
    leave("node-a");
    clock.advance(Duration.ofMinutes(5));
    join("node-a", "192.0.2.1");
    clock.advance(GRACE);
    r.tick();
    assertThat(allocation("node-a").cidrText()).isEqualTo(pool);
    assertThat(r.pendingReleases()).isEmpty();
    assertThat(r.findings()).isEmpty();
  }

  @Test
  void theApiServerIsAskedBeforeAReleaseAndANodeThatExistsKeepsItsPool() {
    join("node-a", "192.0.2.1");
    leave("node-a");
    // the delete event was stale (or the informer missed the re-create): the API server has the Node
    api.nodes.put("node-a", NodeInfo.of("node-a", ip("192.0.2.1")));
    clock.advance(GRACE);
    r.tick();
    assertThat(allocation("node-a")).isNotNull();
    assertThat(counted).containsEntry("release node_present", 1);
  }

  @Test
  void nothingIsReleasedWhileTheApiServerCannotSay() {
    join("node-a", "192.0.2.1");
    leave("node-a");
    api.down = true;
    clock.advance(GRACE);
    r.tick();
    assertThat(allocation("node-a")).isNotNull();
    api.down = false;
    clock.advance(Reconciler.RETRY_MIN);
    r.tick();
    assertThat(allocation("node-a")).isNull();
  }

  @Test
  void aDeletedNodeWhoseBlockHasAddressesInUseIsAFindingNotARelease() {
    io.netctl.cli.CalicoNodes.register(store, "node-a", "192.0.2.1/24");
    join("node-a", "192.0.2.1");
    useAddresses("10.3.240.0/27", 2);
    leave("node-a");
    clock.advance(GRACE);
    r.tick();
    assertThat(allocation("node-a")).isNotNull();
    assertThat(codes()).containsExactly(Code.ALLOCATION_WITHOUT_NODE, Code.NODE_GONE_POOL_IN_USE);
    Finding inUse = r.findings().stream().filter(f -> f.code() == Code.NODE_GONE_POOL_IN_USE).findFirst().orElseThrow();
    assertThat(inUse.observed()).contains("2 addresses in use");
    // still in use at the re-check: still no release
    clock.advance(Reconciler.IN_USE_RECHECK);
    r.tick();
    assertThat(allocation("node-a")).isNotNull();
    // drained: released at the next re-check
    useAddresses("10.3.240.0/27", 0);
    clock.advance(Reconciler.IN_USE_RECHECK);
    r.tick();
    assertThat(allocation("node-a")).isNull();
    assertThat(r.findings()).isEmpty();
  }

  @Test
  void aReleaseThatLosesEveryAttemptToContentionStaysPendingAndIsRetried() {
    ContendedStore contended = new ContendedStore(store);
    allocator = Allocator.mirrored(contended, IpamConfig.DEFAULT, clock, new IpamReplica(contended));
    r = reconciler(false);
    join("node-a", "192.0.2.1");
    leave("node-a");
    try (LogCapture log = new LogCapture()) {
      contended.deletesLose = true;
      clock.advance(GRACE);
      r.tick();
      assertThat(allocation("node-a")).as("another writer won every attempt: nothing released").isNotNull();
      assertThat(r.pendingReleases()).as("still pending, due again soon").containsEntry("node-a", clock.instant().plus(Reconciler.RETRY_MIN));
      assertThat(codes()).containsExactly(Code.ALLOCATION_WITHOUT_NODE);
      assertThat(counted).containsEntry("release contention", 1);
      // still contended at the retry
      clock.advance(Reconciler.RETRY_MIN);
      r.tick();
      assertThat(allocation("node-a")).isNotNull();
      assertThat(counted).containsEntry("release contention", 2);
      // the other writer is done: the next retry releases
      contended.deletesLose = false;
      clock.advance(Reconciler.RETRY_MIN);
      r.tick();
      assertThat(allocation("node-a")).isNull();
      assertThat(store.range(CalicoKeys.BLOCKS_V4).kvs()).isEmpty();
      assertThat(r.pendingReleases()).isEmpty();
      assertThat(r.findings()).isEmpty();
      assertThat(counted).containsEntry("release released", 1).doesNotContainKey("release already_released");
      assertThat(log.text())
          .contains("releasing the pool of deleted node node-a lost to contention")
          .contains("it stays pending and is retried")
          .doesNotContain("already gone");
    }
  }

  /**
   * A store where, while {@code deletesLose} is set, another writer changes a key just before each
   * transaction that deletes it commits, so its compares fail (as with a busy etcd).
   */
  static final class ContendedStore implements KvStore {
    final MemoryStore store;
    volatile boolean deletesLose;

    ContendedStore(MemoryStore store) {
      this.store = store;
    }

    @Override
    public TxnResult commit(Txn txn) {
      if (deletesLose) {
        txn.ops().stream().filter(Op.Delete.class::isInstance).findFirst()
            .flatMap(d -> store.get(d.key()))
            .ifPresent(kv -> store.commit(Txn.builder().update(kv, kv.value()).build()));
      }
      return store.commit(txn);
    }

    @Override
    public Optional<KeyValue> get(String key) {
      return store.get(key);
    }

    @Override
    public Range range(String prefix) {
      return store.range(prefix);
    }

    @Override
    public List<Range> read(List<Read> reads) {
      return store.read(reads);
    }

    @Override
    public Watch watch(String prefix, long fromRevision, WatchListener listener) {
      return store.watch(prefix, fromRevision, listener);
    }

    @Override
    public String describe() {
      return "contended " + store.describe();
    }

    @Override
    public void close() {
      store.close();
    }
  }

  @Test
  void aSkipLabelledNodeIsLeftAlone() {
    NodeInfo skip = new NodeInfo("node-s", ip("192.0.2.7"), true, null);
    api.nodes.put("node-s", skip);
    r.upsert(skip);
    r.resync(api.list());
    assertThat(allocation("node-s")).isNull();
    assertThat(r.findings()).isEmpty();
    assertThat(counted).isEmpty();
  }

  @Test
  void aNodeWithoutInternalIpGetsItsPoolAndAFindingUntilTheIpAppears() {
    join("node-a", null);
    assertThat(allocation("node-a").hostIpText()).isNull();
    assertThat(codes()).containsExactly(Code.NODE_WITHOUT_INTERNAL_IP);
    join("node-a", "192.0.2.1");
    assertThat(allocation("node-a").hostIpText()).isEqualTo("192.0.2.1");
    assertThat(r.findings()).isEmpty();
    assertThat(counted).containsEntry("allocation host_ip_set", 1);
  }

  @Test
  void aReplacementNodeWithTheOldOnesIpGetsAPoolNowAndItsHostIpOnceTheOldPoolIsReleased() {
    join("node-old", "192.0.2.1");
    leave("node-old");
    join("node-new", "192.0.2.1");
    assertThat(allocation("node-new")).isNotNull();
    assertThat(allocation("node-new").hostIpText()).isNull();
    assertThat(codes()).contains(Code.NODE_HOST_IP_CONFLICT);
    clock.advance(GRACE);
    r.tick();
    assertThat(allocation("node-old")).isNull();
    clock.advance(Reconciler.RETRY_MAX);
    r.tick();
    assertThat(allocation("node-new").hostIpText()).isEqualTo("192.0.2.1");
    assertThat(r.findings()).isEmpty();
  }

  @Test
  void resyncAllocatesMissedNodesAndSchedulesAllocationsWithoutNode() {
    allocator.allocate("node-gone", ip("192.0.2.50"), false);
    api.nodes.put("node-a", NodeInfo.of("node-a", ip("192.0.2.1")));
    api.nodes.put("node-b", NodeInfo.of("node-b", ip("192.0.2.2")));
    // a Node outside the node selector still exists: its allocation is no orphan
    allocator.allocate("node-unselected", ip("192.0.2.60"), false);
    r.resync(api.list());
    api.nodes.put("node-unselected", NodeInfo.of("node-unselected", ip("192.0.2.60")));
    assertThat(allocation("node-a")).isNotNull();
    assertThat(allocation("node-b")).isNotNull();
    assertThat(r.pendingReleases()).containsOnlyKeys("node-gone", "node-unselected");
    clock.advance(GRACE);
    r.tick();
    assertThat(allocation("node-gone")).isNull();
    assertThat(allocation("node-unselected")).as("exists: never released").isNotNull();
  }

  @Test
  void aStandbyWritesNothing() {
    leader.set(false);
    join("node-a", "192.0.2.1");
    r.resync(api.list());
    assertThat(allocation("node-a")).isNull();
    leader.set(true);
    r.resync(api.list());
    assertThat(allocation("node-a")).isNotNull();
    leave("node-a");
    leader.set(false);
    clock.advance(GRACE);
    r.tick();
    assertThat(allocation("node-a")).as("lost the lease: no release").isNotNull();
  }

  @Test
  void exhaustedRangesAreAFindingPerNode() {
    allocator = Allocator.mirrored(store, IpamConfig.of(List.of("10.9.0.0/26"), 27), clock, new IpamReplica(store));
    r = reconciler(false);
    join("node-a", "192.0.2.1");
    join("node-b", "192.0.2.2");
    join("node-c", "192.0.2.3");
    assertThat(codes()).containsExactly(Code.NODE_WITHOUT_ALLOCATION);
    assertThat(r.findings().get(0).subject()).isEqualTo("node-c");
    assertThat(r.findings().get(0).observed()).contains("no free /27");
    assertThat(counted).containsEntry("allocation refused", 1);
  }

  @Test
  void annotatesNodesWithTheirPoolOnce() {
    r = reconciler(true);
    join("node-a", "192.0.2.1");
    assertThat(api.annotations).containsEntry("node-a", "10.3.240.0/27");
    api.annotations.clear();
    r.upsert(new NodeInfo("node-a", ip("192.0.2.1"), false, "10.3.240.0/27"));
    assertThat(api.annotations).isEmpty();
  }

  /** Marks {@code n} addresses of the block as allocated to pods, as Calico's IPAM would. */
  void useAddresses(String cidr, int n) {
    KeyValue kv = store.get(CalicoKeys.block(new IPAddressString(cidr).getAddress())).orElseThrow();
    String json = kv.value();
    var o = io.netctl.ipam.calico.CalicoJson.parse(kv.key(), json);
    var allocations = o.putArray("allocations");
    var unallocated = o.putArray("unallocated");
    for (int i = 0; i < 32; i++) {
      if (i < n) {
        allocations.add(0);
      } else {
        allocations.addNull();
        unallocated.add(i);
      }
    }
    store.commit(Txn.builder().update(kv, io.netctl.ipam.calico.CalicoJson.write(o)).build());
    assertThat(AllocationBlock.parse(kv.key(), store.get(kv.key()).orElseThrow().value()).inUse()).isEqualTo(n);
  }

  @Test
  void aPendingAllocationIsCompletedWhenCalicoNodeRegistersTheNode() {
    join("node-a", "192.0.2.1");
    assertThat(store.get(CalicoKeys.block(new IPAddressString("10.3.240.0/27").getAddress()))).as("pending: no block yet").isEmpty();
    r.calicoNodeChanged("node-x"); // not a managed Node: nothing
    io.netctl.cli.CalicoNodes.register(store, "node-a", "192.0.2.1/24");
    leader.set(false);
    r.calicoNodeChanged("node-a"); // not leading: nothing written
    assertThat(store.get(CalicoKeys.block(new IPAddressString("10.3.240.0/27").getAddress()))).isEmpty();
    leader.set(true);
    r.calicoNodeChanged("node-a");
    assertThat(store.get(CalicoKeys.block(new IPAddressString("10.3.240.0/27").getAddress()))).isPresent();
    assertThat(store.get(CalicoKeys.affinity("node-a", new IPAddressString("10.3.240.0/27").getAddress()))).isPresent();
    assertThat(counted).containsEntry("allocation completed", 1);
    // the label netctl wrote is a change of the Calico Node too: seen again, nothing more to write
    long rev = store.range("/").revision();
    r.calicoNodeChanged("node-a");
    assertThat(store.range("/").revision()).isEqualTo(rev);
  }
}
