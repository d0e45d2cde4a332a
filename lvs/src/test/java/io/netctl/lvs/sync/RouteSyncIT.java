package io.netctl.lvs.sync;

import static io.netctl.lvs.Routes.RANGES;
import static org.assertj.core.api.Assertions.assertThat;

import io.netctl.ipam.Allocator;
import io.netctl.ipam.IpamConfig;
import io.netctl.ipam.store.MemoryStore;
import io.netctl.lab.Lab;
import io.netctl.lvs.Ipv4;
import io.netctl.lvs.KernelRoute;
import io.netctl.lvs.RouteDifference;
import io.netctl.lvs.RouteDifference.Kind;
import io.netctl.lvs.RouteTarget;
import io.netctl.lvs.Routes;
import io.netctl.lvs.iproute.IprouteTable;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Sync passes against the kernel's table of a namespace the test creates (never the host's). */
class RouteSyncIT {

  /** {@code ip route show table all} lines of the namespace, as a set (what an operator sees). */
  static Set<String> routes(Lab.Host h) {
    return h.ok("ip", "-4", "route", "show", "table", "all").stdout().lines().map(String::strip).collect(Collectors.toSet());
  }

  static List<KernelRoute> owned(IprouteTable t) {
    return t.list().stream().filter(KernelRoute::owned).toList();
  }

  @Test
  void followsTheAllocationsAndTouchesNoOtherRoute() {
    try (Lab lab = Lab.create("lvs-sync")) {
      Lab.Host d = lab.host("dir", "172.31.0.1/24");
      MemoryStore store = new MemoryStore();
      Allocator allocator = new Allocator(store, IpamConfig.DEFAULT, Clock.systemUTC());
      allocator.allocate("node-a", Ipv4.address("172.31.0.2"), false);
      allocator.allocate("node-b", Ipv4.address("172.31.0.3"), false);
      IprouteTable table = IprouteTable.of(d.ns());
      RouteSync sync = new RouteSync(new RouteTarget(254, null, 0), table, RANGES, false);
      // routes of other protocols, which must survive every pass unchanged
      d.ok("ip", "route", "add", "default", "via", "172.31.0.254");
      d.ok("ip", "route", "add", "10.3.240.0/27", "via", "172.31.0.7", "proto", "bird", "metric", "32");
      d.ok("ip", "route", "add", "10.3.240.32/27", "via", "172.31.0.7", "proto", "80", "table", "100");
      d.ok("ip", "route", "add", "10.64.0.0/27", "via", "172.31.0.8", "proto", "static");

      // an empty table is filled
      SyncReport first = sync.sync(store, false);
      assertThat(first.applied()).isEqualTo(2);
      Set<String> synced = routes(d);
      assertThat(synced).contains("10.3.240.0/27 via 172.31.0.2 dev eth0 proto 76", "10.3.240.32/27 via 172.31.0.3 dev eth0 proto 76");
      assertThat(first.inSync()).isFalse(); // the BIRD route sends node-a's pool elsewhere (at metric 32): reported
      assertThat(first.after().differences()).extracting(RouteDifference::kind).containsExactly(Kind.FOREIGN);

      // re-sync changes nothing
      SyncReport again = sync.sync(store, false);
      assertThat(again.applied()).isZero();
      assertThat(again.before().changes()).isEmpty();
      assertThat(routes(d)).isEqualTo(synced);

      // a hand-deleted route comes back
      d.ok("ip", "route", "del", "10.3.240.32/27", "proto", "76");
      assertThat(sync.sync(store, false).applied()).isEqualTo(1);
      assertThat(routes(d)).isEqualTo(synced);

      // netctl's route edited by hand to a wrong next hop is replaced
      d.ok("ip", "route", "replace", "10.3.240.0/27", "via", "172.31.0.9", "proto", "76");
      SyncReport fixed = sync.sync(store, false);
      assertThat(fixed.before().differences()).extracting(RouteDifference::kind).contains(Kind.WRONG_NEXT_HOP);
      assertThat(routes(d)).isEqualTo(synced);

      // a release removes the route
      allocator.release("node-b", false);
      SyncReport released = sync.sync(store, false);
      assertThat(released.before().differences()).extracting(RouteDifference::kind).contains(Kind.STALE);
      assertThat(routes(d)).doesNotContain("10.3.240.32/27 via 172.31.0.3 dev eth0 proto 76");
      assertThat(owned(table)).extracting(r -> r.dst().toString()).containsExactly("10.3.240.0/27");

      // a foreign route (no netctl protocol) for an allocated pool is reported and left alone
      allocator.allocate("node-c", Ipv4.address("172.31.0.4"), false); // gets 10.3.240.32/27 again
      d.ok("ip", "route", "add", "10.3.240.32/27", "via", "172.31.0.9");
      SyncReport foreign = sync.sync(store, false);
      assertThat(foreign.inSync()).isFalse();
      assertThat(foreign.after().differences()).filteredOn(x -> x.dst().toString().equals("10.3.240.32/27"))
          .singleElement().satisfies(x -> {
            assertThat(x.kind()).isEqualTo(Kind.FOREIGN);
            assertThat(x.change()).isNull();
          });
      assertThat(routes(d)).contains("10.3.240.32/27 via 172.31.0.9 dev eth0");

      // routes of other protocols are untouched throughout
      assertThat(routes(d)).contains(
          "default via 172.31.0.254 dev eth0",
          "10.3.240.0/27 via 172.31.0.7 dev eth0 proto bird metric 32",
          "10.3.240.32/27 via 172.31.0.7 dev eth0 table 100 proto 80",
          "10.64.0.0/27 via 172.31.0.8 dev eth0 proto static");
    }
  }

  @Test
  void aConfiguredTableMetricAndDeviceAreUsed() {
    try (Lab lab = Lab.create("lvs-table")) {
      Lab.Host d = lab.host("dir", "172.31.0.1/24");
      MemoryStore store = new MemoryStore();
      new Allocator(store, IpamConfig.DEFAULT, Clock.systemUTC()).allocate("node-a", Ipv4.address("172.31.0.2"), false);
      RouteSync sync = new RouteSync(new RouteTarget(100, "eth0", 20), IprouteTable.of(d.ns()), RANGES, false);
      assertThat(sync.sync(store, false).inSync()).isTrue();
      assertThat(routes(d)).contains("10.3.240.0/27 via 172.31.0.2 dev eth0 table 100 proto 76 metric 20");
      assertThat(sync.sync(store, false).before().inSync()).isTrue();
    }
  }

  @Test
  void aBatchTheKernelPartlyRefusesIsReportedAsWhatIsInPlace() {
    try (Lab lab = Lab.create("lvs-partial")) {
      Lab.Host d = lab.host("dir", "172.31.0.1/24");
      MemoryStore store = new MemoryStore();
      Allocator allocator = new Allocator(store, IpamConfig.DEFAULT, Clock.systemUTC());
      allocator.allocate("node-a", Ipv4.address("172.31.0.2"), false);
      allocator.allocate("node-b", Ipv4.address("10.99.0.1"), false); // not on the director's link
      allocator.allocate("node-c", Ipv4.address("172.31.0.4"), false);
      SyncReport r = new RouteSync(Routes.MAIN, IprouteTable.of(d.ns()), RANGES, false).sync(store, false);
      assertThat(r.applied()).isEqualTo(2);
      assertThat(r.failures()).singleElement().satisfies(f -> assertThat(f.message()).isEqualTo("Error: Nexthop has invalid gateway."));
      assertThat(r.inSync()).isFalse();
      assertThat(r.after().differences()).singleElement().satisfies(x -> assertThat(x.desired().node()).isEqualTo("node-b"));
      assertThat(routes(d)).contains("10.3.240.0/27 via 172.31.0.2 dev eth0 proto 76", "10.3.240.64/27 via 172.31.0.4 dev eth0 proto 76");
    }
  }
}
