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
import io.netctl.lvs.RouteTable;
import io.netctl.lvs.Routes;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RouteWatcherTest {
  final MemoryStore store = new MemoryStore();
  final Allocator allocator = new Allocator(store, IpamConfig.DEFAULT, Clock.systemUTC());
  final FakeRouteTable table = new FakeRouteTable("172.31.0.0/24");

  boolean has(KernelRoute r) {
    return table.list().contains(r);
  }

  static final Duration WAIT = Duration.ofSeconds(30);

  /** Runs a watcher on its own thread; {@link #close()} stops it and proves the thread ended. */
  static final class Running implements AutoCloseable {
    final RouteWatcher watcher;
    final Thread thread;
    final List<String> reasons = new java.util.concurrent.CopyOnWriteArrayList<>();

    Running(KvStore store, RouteTable table, Duration resync, Duration debounce) {
      watcher = new RouteWatcher(store, new RouteSync(Routes.MAIN, table, RANGES, false), resync, debounce, r -> reasons.add(r.applied() + ""));
      thread = new Thread(watcher::run, "watcher");
      thread.start();
    }

    int passes() {
      return reasons.size();
    }

    @Override
    public void close() throws InterruptedException {
      watcher.stop();
      assertThat(watcher.awaitStopped(WAIT)).isTrue();
      thread.join(WAIT.toMillis());
      assertThat(thread.isAlive()).isFalse();
    }
  }

  @Test
  void followsAllocationsThroughTheWatchAlone() throws Exception {
    allocator.allocate("node-a", Ipv4.address("172.31.0.2"), false);
    // no periodic re-sync within the test: only the datastore's watch can explain a change
    try (Running w = new Running(store, table, Duration.ofHours(1), Duration.ofMillis(50))) {
      KernelRoute a = Routes.owned("10.3.240.0/27", "172.31.0.2");
      Poll.until(WAIT, "initial pass", () -> has(a));
      allocator.allocate("node-b", Ipv4.address("172.31.0.3"), false);
      Poll.until(WAIT, "route of a new allocation", () -> has(Routes.owned("10.3.240.32/27", "172.31.0.3")));
      allocator.release("node-a", false);
      Poll.until(WAIT, "route of a released pool gone", () -> !has(a));
    }
  }

  @Test
  void repairsHandEditsOnThePeriodicResync() throws Exception {
    allocator.allocate("node-b", Ipv4.address("172.31.0.3"), false);
    KernelRoute b = Routes.owned("10.3.240.0/27", "172.31.0.3"); // the first allocation: the lowest pool
    try (Running w = new Running(store, table, Duration.ofMillis(200), Duration.ofMillis(50))) {
      Poll.until(WAIT, "initial pass", () -> has(b));
      table.remove(b); // a hand edit: no datastore change, so only the periodic re-sync can restore it
      Poll.until(WAIT, "periodic re-sync restores it", () -> has(b));
    }
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
      Poll.until(WAIT, "watching", () -> store.watches.get() == 1);
      store.listener.get().onError(new StoreException("etcd: required revision has been compacted"));
      alloc.allocate("node-a", Ipv4.address("172.31.0.2"), false); // made while the watch is broken
      Poll.until(WAIT, "re-read and watched again", () -> store.watches.get() == 2);
      Poll.until(WAIT, "the change made meanwhile is applied", () -> has(Routes.owned("10.3.240.0/27", "172.31.0.2")));
    } finally {
      w.stop();
      assertThat(w.awaitStopped(WAIT)).isTrue();
      t.join(WAIT.toMillis());
    }
    assertThat(t.isAlive()).isFalse();
  }

  @Test
  void changesMadeDuringAPassAreAppliedByOneMorePass() throws Exception {
    GatedTable gated = new GatedTable(table);
    try (Running w = new Running(store, gated, Duration.ofHours(1), Duration.ofMillis(1))) {
      Poll.until(WAIT, "initial pass", () -> w.passes() == 1);
      gated.close(); // the next pass stops when it reads the table
      allocator.allocate("node-0", Ipv4.address("172.31.0.10"), false);
      Poll.until(WAIT, "a pass for node-0 waiting at the table", () -> gated.waiting() == 1);
      for (int i = 1; i < 10; i++) {
        allocator.allocate("node-" + i, Ipv4.address("172.31.0." + (10 + i)), false); // a burst while that pass runs
      }
      gated.open();
      // the table changes inside a pass, which reports after: wait for both
      Poll.until(WAIT, "all ten routes and the pass that applied them", () -> table.list().stream().filter(KernelRoute::owned).count() == 10
          && w.passes() >= 3);
      // the initial pass, the one that read node-0 before the burst, and one pass for the whole burst
      assertThat(w.passes()).as("changes applied per pass: " + w.reasons).isEqualTo(3);
    }
  }

  /** A route table whose reads stop at a gate the test opens and closes. */
  static final class GatedTable implements RouteTable {
    private final RouteTable inner;
    private final AtomicInteger waiting = new AtomicInteger();
    private volatile boolean closed;

    GatedTable(RouteTable inner) {
      this.inner = inner;
    }

    void close() {
      closed = true;
    }

    void open() {
      closed = false;
      synchronized (this) {
        notifyAll();
      }
    }

    int waiting() {
      return waiting.get();
    }

    @Override
    public List<KernelRoute> list() {
      synchronized (this) {
        if (closed) {
          waiting.incrementAndGet();
          while (closed) {
            try {
              wait();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              break;
            }
          }
        }
      }
      return inner.list();
    }

    @Override
    public ApplyResult apply(List<io.netctl.lvs.RouteChange> changes) {
      return inner.apply(changes);
    }

    @Override
    public boolean ipForwarding() {
      return inner.ipForwarding();
    }

    @Override
    public void enableIpForwarding() {
      inner.enableIpForwarding();
    }

    @Override
    public String describe() {
      return inner.describe();
    }
  }
}
