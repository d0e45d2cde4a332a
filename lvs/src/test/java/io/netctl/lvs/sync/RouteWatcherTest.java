package io.netctl.lvs.sync;

import static io.netctl.lvs.Routes.RANGES;
import static org.assertj.core.api.Assertions.assertThat;

import io.netctl.ipam.Allocator;
import io.netctl.ipam.IpamConfig;
import io.netctl.ipam.store.MemoryStore;
import io.netctl.lab.Poll;
import io.netctl.lvs.FakeRouteTable;
import io.netctl.lvs.Ipv4;
import io.netctl.lvs.KernelRoute;
import io.netctl.lvs.Routes;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
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
