package io.netctl.lvs;

import static org.assertj.core.api.Assertions.assertThat;

import io.netctl.ipam.Allocation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * For any allocations and any table: the plan's changes never touch a route netctl does not own
 * (unless adopting one that agrees), the kernel accepts every one of them (no add onto an
 * occupied key), and after them a second plan has nothing to change (sync is idempotent).
 */
class RoutePlannerProperties {
  static final String[] POOLS = {"10.3.240.0/27", "10.3.240.32/27", "10.3.240.64/27", "10.3.240.96/27", "10.3.241.0/27"};
  static final String[] HOSTS = {"172.31.0.2", "172.31.0.3", "172.31.0.4"};

  @Provide
  Arbitrary<List<Allocation>> allocations() {
    return Arbitraries.integers().between(0, (1 << POOLS.length) - 1).flatMap(mask -> {
      List<Arbitrary<Allocation>> as = new ArrayList<>();
      for (int i = 0; i < POOLS.length; i++) {
        if ((mask & (1 << i)) != 0) {
          String pool = POOLS[i];
          int n = i;
          as.add(Arbitraries.of(HOSTS[0], HOSTS[1], HOSTS[2], "none").map(h -> Routes.alloc("node-" + n, pool, h.equals("none") ? null : h)));
        }
      }
      return as.isEmpty() ? Arbitraries.just(List.<Allocation>of()) : Combinators.combine(as).as(l -> l);
    });
  }

  @Provide
  Arbitrary<List<KernelRoute>> tables() {
    Arbitrary<KernelRoute> route = Combinators.combine(
            Arbitraries.of(POOLS[0], POOLS[1], POOLS[2], POOLS[3], POOLS[4], "10.3.240.0/24", "10.3.240.5/32", "10.9.0.0/27"),
            Arbitraries.of(HOSTS[0], HOSTS[1], HOSTS[2], "172.31.0.9"),
            Arbitraries.of(RouteProtocol.NETCTL, RouteProtocol.NETCTL, RouteProtocol.BOOT, 12, 80),
            Arbitraries.of(254, 254, 254, 100),
            Arbitraries.of(0, 0, 10))
        .as(Routes::route);
    return route.list().ofMaxSize(8).map(RoutePlannerProperties::uniqueKeys);
  }

  /** The kernel holds one route per (table, prefix, metric). */
  static List<KernelRoute> uniqueKeys(List<KernelRoute> rs) {
    Set<String> keys = new HashSet<>();
    List<KernelRoute> out = new ArrayList<>();
    for (KernelRoute r : rs) {
      if (keys.add(r.table() + " " + r.dst() + " " + r.metric())) {
        out.add(r);
      }
    }
    return out;
  }

  @Property(tries = 500)
  void changesAreSafeAcceptedAndIdempotent(@ForAll("allocations") List<Allocation> allocs, @ForAll("tables") List<KernelRoute> table,
      @ForAll boolean adopt, @ForAll("metrics") int metric) {
    RouteTarget target = new RouteTarget(254, null, metric);
    RoutePlan plan = RoutePlanner.plan(target, allocs, table, Routes.RANGES, adopt);
    for (RouteChange c : plan.changes()) {
      if (c instanceof RouteChange.Delete) {
        assertThat(c.route().owned() || adopt).as("deletes only netctl's routes: %s", c).isTrue();
        assertThat(table).contains(c.route());
      } else {
        assertThat(c.route().owned()).isTrue();
      }
    }
    FakeRouteTable kernel = new FakeRouteTable("172.31.0.0/24");
    table.forEach(kernel::put);
    RouteTable.ApplyResult r = kernel.apply(plan.changes());
    assertThat(r.failures()).as("the kernel accepts every change").isEmpty();
    RoutePlan again = RoutePlanner.plan(target, allocs, kernel.list(), Routes.RANGES, adopt);
    assertThat(again.changes()).as("nothing left to change").isEmpty();
    Set<KernelRoute> notOwnedBefore = new HashSet<>(table.stream().filter(x -> !x.owned()).toList());
    Set<KernelRoute> notOwnedAfter = new HashSet<>(kernel.list().stream().filter(x -> !x.owned() && x.protocol() != 2).toList());
    if (!adopt) {
      assertThat(notOwnedAfter).as("routes of other protocols untouched").isEqualTo(notOwnedBefore);
    }
    long routable = allocs.stream().filter(a -> a.hostIp() != null).count();
    long blocked = again.differences().stream().filter(d -> d.desired() != null && d.observed() != null && !d.observed().owned()
        && d.observed().dst().equals(d.dst()) && d.observed().metric() == metric && d.kind() == RouteDifference.Kind.FOREIGN).count()
        + again.differences().stream().filter(d -> d.kind() == RouteDifference.Kind.UNOWNED && d.observed().metric() == metric).count();
    assertThat(again.inPlace()).as("every routable pool is in place unless another's route holds its key").isGreaterThanOrEqualTo((int) (routable - blocked));
  }

  @Provide
  Arbitrary<Integer> metrics() {
    return Arbitraries.of(0, 10);
  }
}
