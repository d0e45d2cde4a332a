package io.netctl.lvs.sync;

import static io.netctl.lvs.Routes.RANGES;
import static org.assertj.core.api.Assertions.assertThat;

import io.netctl.ipam.Allocator;
import io.netctl.ipam.IpamConfig;
import io.netctl.ipam.store.MemoryStore;
import io.netctl.lvs.FakeRouteTable;
import io.netctl.lvs.Ipv4;
import io.netctl.lvs.KernelRoute;
import io.netctl.lvs.RouteDifference.Kind;
import io.netctl.lvs.RouteDifference;
import io.netctl.lvs.RoutePlanner;
import io.netctl.lvs.Routes;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteSyncTest {
  final MemoryStore store = new MemoryStore();
  final Allocator allocator = new Allocator(store, IpamConfig.DEFAULT, Clock.systemUTC());
  final FakeRouteTable table = new FakeRouteTable("172.31.0.0/24");
  final RouteSync sync = new RouteSync(Routes.MAIN, table, RANGES, false);

  static List<KernelRoute> owned(FakeRouteTable t) {
    return t.list().stream().filter(KernelRoute::owned).toList();
  }

  @Test
  void fillsAnEmptyTableInOneBatchAndASecondPassChangesNothing() {
    allocator.allocate("node-a", Ipv4.address("172.31.0.2"), false);
    allocator.allocate("node-b", Ipv4.address("172.31.0.3"), false);
    allocator.allocate("node-c", null, false);
    SyncReport r = sync.sync(store, false);
    assertThat(r.applied()).isEqualTo(2);
    assertThat(r.inSync()).isTrue();
    assertThat(r.after().inPlace()).isEqualTo(2);
    assertThat(r.before().unroutable()).hasSize(1);
    assertThat(table.batches()).isEqualTo(1);
    assertThat(owned(table)).containsExactlyInAnyOrder(Routes.owned("10.3.240.0/27", "172.31.0.2"), Routes.owned("10.3.240.32/27", "172.31.0.3"));

    SyncReport again = sync.sync(store, false);
    assertThat(again.applied()).isZero();
    assertThat(again.before().inSync()).isTrue();
    assertThat(table.batches()).isEqualTo(1); // nothing to apply: no batch at all
  }

  @Test
  void theReportAfterASuccessfulBatchEqualsARePlanOfTheRealTable() {
    allocator.allocate("node-a", Ipv4.address("172.31.0.2"), false);
    allocator.allocate("node-b", Ipv4.address("172.31.0.3"), false);
    table.put(Routes.owned("10.3.240.0/27", "172.31.0.9"));
    table.put(Routes.owned("10.3.241.0/27", "172.31.0.4"));
    table.put(Routes.boot("10.3.240.64/27", "172.31.0.7"));
    SyncReport r = sync.sync(store, false);
    assertThat(r.failures()).isEmpty();
    var replanned = RoutePlanner.plan(Routes.MAIN, PoolAllocations.read(store).allocations(), table.list(), RANGES, false);
    assertThat(r.after()).isEqualTo(replanned);
    assertThat(r.after().differences()).extracting(RouteDifference::kind).containsExactly(Kind.FOREIGN);
  }

  @Test
  void whenTheKernelRefusesAChangeTheTableIsReadAgainAndNothingIsClaimed() {
    allocator.allocate("node-a", Ipv4.address("172.31.0.2"), false);
    allocator.allocate("node-b", Ipv4.address("10.99.0.1"), false); // not on the link: the kernel refuses it
    SyncReport r = sync.sync(store, false);
    assertThat(r.applied()).isEqualTo(1);
    assertThat(r.failures()).singleElement().satisfies(f -> assertThat(f.message()).contains("invalid gateway"));
    assertThat(r.inSync()).isFalse();
    assertThat(r.after().differences()).singleElement().satisfies(d -> {
      assertThat(d.kind()).isEqualTo(Kind.MISSING);
      assertThat(d.desired().node()).isEqualTo("node-b");
    });
    assertThat(r.after().inPlace()).isEqualTo(1);
  }

  @Test
  void dryRunChangesNothing() {
    allocator.allocate("node-a", Ipv4.address("172.31.0.2"), false);
    SyncReport r = sync.sync(store, true);
    assertThat(r.before().changes()).hasSize(1);
    assertThat(r.applied()).isZero();
    assertThat(owned(table)).isEmpty();
    assertThat(table.batches()).isZero();
  }

  @Test
  void releaseAndMoveAreFollowed() {
    allocator.allocate("node-a", Ipv4.address("172.31.0.2"), false);
    allocator.allocate("node-b", Ipv4.address("172.31.0.3"), false);
    sync.sync(store, false);
    allocator.release("node-a", false);
    allocator.allocate("node-b", Ipv4.address("172.31.0.4"), true); // node-b's host IP changed
    SyncReport r = sync.sync(store, false);
    assertThat(r.before().differences()).extracting(RouteDifference::kind).containsExactly(Kind.STALE, Kind.WRONG_NEXT_HOP);
    assertThat(owned(table)).containsExactly(Routes.owned("10.3.240.32/27", "172.31.0.4"));
  }

  @Test
  void appliedToFollowsTheKernelsKeys() {
    KernelRoute a = Routes.owned("10.3.240.0/27", "172.31.0.2");
    KernelRoute b = Routes.owned("10.3.240.0/27", "172.31.0.3");
    KernelRoute c = Routes.route("10.3.240.0/27", "172.31.0.4", 76, 254, 9);
    List<KernelRoute> after = RouteSync.appliedTo(List.of(a, c), List.of(
        new io.netctl.lvs.RouteChange.Replace(b), new io.netctl.lvs.RouteChange.Delete(c)));
    assertThat(after).containsExactly(b);
  }
}
