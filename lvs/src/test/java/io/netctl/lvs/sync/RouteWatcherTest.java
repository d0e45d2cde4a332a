package io.netctl.lvs.sync;

import static io.netctl.lvs.Routes.RANGES;
import static org.assertj.core.api.Assertions.assertThat;

import io.netctl.ipam.Allocator;
import io.netctl.ipam.IpamConfig;
import io.netctl.ipam.store.KeyValue;
import io.netctl.ipam.store.KvStore;
import io.netctl.ipam.store.MemoryStore;
import io.netctl.ipam.store.Range;
import io.netctl.ipam.store.Read;
import io.netctl.ipam.store.StoreException;
import io.netctl.ipam.store.Txn;
import io.netctl.ipam.store.TxnResult;
import io.netctl.ipam.store.WatchListener;
import io.netctl.lab.Poll;
import io.netctl.lvs.FakeRouteTable;
import io.netctl.lvs.Ipv4;
import io.netctl.lvs.KernelRoute;
import io.netctl.lvs.Routes;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RouteWatcherTest {
  final MemoryStore store = new MemoryStore();
  final Allocator allocator = new Allocator(store, IpamConfig.DEFAULT, Clock.systemUTC());
  final FakeRouteTable table = new FakeRouteTable("172.31.0.0/24");

  boolean has(KernelRoute r) {
    return table.list().contains(r);
  }

  @Test
  void followsAllocationsRepairsHandEditsPeriodicallyAndStops() throws Exception {
    allocator.allocate("node-a", Ipv4.address("172.31.0.2"), false);
    AtomicInteger passes = new AtomicInteger();
    RouteWatcher w = new RouteWatcher(store, new RouteSync(Routes.MAIN, table, RANGES, false), Duration.ofSeconds(1), Duration.ofMillis(50),
        r -> passes.incrementAndGet());
    Thread t = new Thread(w::run, "watcher");
    t.start();
    try {
      KernelRoute a = Routes.owned("10.3.240.0/27", "172.31.0.2");
      Poll.until(Duration.ofSeconds(2), "initial pass", () -> has(a));

      allocator.allocate("node-b", Ipv4.address("172.31.0.3"), false);
      Poll.until(Duration.ofSeconds(2), "route of a new allocation", () -> has(Routes.owned("10.3.240.32/27", "172.31.0.3")));

      allocator.release("node-a", false);
      Poll.until(Duration.ofSeconds(2), "route of a released pool gone", () -> !has(a));

      table.remove(Routes.owned("10.3.240.32/27", "172.31.0.3")); // a hand edit: no datastore change
      Poll.until(Duration.ofSeconds(3), "periodic re-sync restores it", () -> has(Routes.owned("10.3.240.32/27", "172.31.0.3")));
    } finally {
      w.stop();
      assertThat(w.awaitStopped(Duration.ofSeconds(5))).isTrue();
      t.join(5000);
    }
    assertThat(t.isAlive()).isFalse();
    assertThat(passes.get()).isGreaterThanOrEqualTo(4);
  }

  /** The memory store, with the last watch's listener kept so a test can break the watch. */
  static final class BreakableStore implements KvStore {
    final MemoryStore inner = new MemoryStore();
    final AtomicReference<WatchListener> listener = new AtomicReference<>();
    final AtomicInteger watches = new AtomicInteger();

    @Override
    public Optional<KeyValue> get(String key) {
      return inner.get(key);
    }

    @Override
    public Range range(String prefix) {
      return inner.range(prefix);
    }

    @Override
    public List<Range> read(List<Read> reads) {
      return inner.read(reads);
    }

    @Override
    public TxnResult commit(Txn txn) {
      return inner.commit(txn);
    }

    @Override
    public Watch watch(String prefix, long fromRevision, WatchListener l) {
      watches.incrementAndGet();
      listener.set(l);
      return inner.watch(prefix, fromRevision, l);
    }

    @Override
    public String describe() {
      return "breakable memory store";
    }

    @Override
    public void close() {
      inner.close();
    }
  }

  @Test
  void aBrokenWatchIsReplacedAndNoChangeIsLost() throws Exception {
    BreakableStore store = new BreakableStore();
    Allocator alloc = new Allocator(store, IpamConfig.DEFAULT, Clock.systemUTC());
    RouteWatcher w = new RouteWatcher(store, new RouteSync(Routes.MAIN, table, RANGES, false), Duration.ofMinutes(10), Duration.ofMillis(50), null);
    Thread t = new Thread(w::run, "watcher");
    t.start();
    try {
      Poll.until(Duration.ofSeconds(2), "watching", () -> store.watches.get() == 1);
      store.listener.get().onError(new StoreException("etcd: required revision has been compacted"));
      alloc.allocate("node-a", Ipv4.address("172.31.0.2"), false); // made while the watch is broken
      Poll.until(Duration.ofSeconds(5), "re-read and watched again", () -> store.watches.get() == 2);
      Poll.until(Duration.ofSeconds(2), "the change made meanwhile is applied", () -> has(Routes.owned("10.3.240.0/27", "172.31.0.2")));
    } finally {
      w.stop();
      w.awaitStopped(Duration.ofSeconds(5));
      t.join(5000);
    }
    assertThat(t.isAlive()).isFalse();
  }

  @Test
  void aBurstOfChangesMakesFewPasses() throws Exception {
    AtomicInteger passes = new AtomicInteger();
    RouteWatcher w = new RouteWatcher(store, new RouteSync(Routes.MAIN, table, RANGES, false), Duration.ofMinutes(10), Duration.ofMillis(300),
        r -> passes.incrementAndGet());
    Thread t = new Thread(w::run, "watcher");
    t.start();
    try {
      Poll.until(Duration.ofSeconds(2), "initial pass", () -> passes.get() == 1);
      for (int i = 0; i < 10; i++) {
        allocator.allocate("node-" + i, Ipv4.address("172.31.0." + (10 + i)), false);
      }
      Poll.until(Duration.ofSeconds(3), "all ten routes", () -> table.list().stream().filter(KernelRoute::owned).count() == 10);
    } finally {
      w.stop();
      w.awaitStopped(Duration.ofSeconds(5));
      t.join(5000);
    }
    assertThat(passes.get()).isLessThan(11);
    assertThat(List.of(t.isAlive())).containsExactly(false);
  }
}
