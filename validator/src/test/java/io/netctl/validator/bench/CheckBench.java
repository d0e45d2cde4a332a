package io.netctl.validator.bench;

import inet.ipaddr.IPAddressString;
import io.netctl.bgp.calico.BgpPlanner;
import io.netctl.bgp.calico.BgpTopology;
import io.netctl.bgp.calico.CalicoBgpState;
import io.netctl.bgp.calico.RouteReflector;
import io.netctl.ipam.Allocation;
import io.netctl.ipam.Allocator;
import io.netctl.ipam.IpamConfig;
import io.netctl.ipam.IpamReplica;
import io.netctl.ipam.IpamState;
import io.netctl.ipam.calico.CalicoKeys;
import io.netctl.ipam.store.MemoryStore;
import io.netctl.ipam.store.Txn;
import io.netctl.lvs.Director;
import io.netctl.lvs.Ipv4Prefix;
import io.netctl.lvs.KernelRoute;
import io.netctl.lvs.RouteProtocol;
import io.netctl.lvs.RouteType;
import io.netctl.validator.ConfigurationCheck;
import io.netctl.validator.Report;
import io.netctl.validator.routes.KernelRouteChecks;
import io.netctl.validator.routes.ReflectedRoute;
import io.netctl.validator.routes.RrObservation;
import io.netctl.validator.routes.RrRouteChecks;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A full configuration + route check of a synthetic network — 5,000 nodes with allocations, 3
 * route reflectors advertising 5,000 routes each, 10 directors with 5,000 routes each — from
 * fixtures in memory (no network): wall time of each run and the heap the state and the check
 * retain. Usage: {@code CheckBench [NODES=5000] [RUNS=5]}.
 */
public final class CheckBench {
  private CheckBench() {}

  public static void main(String[] args) {
    int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    long t0 = System.nanoTime();
    MemoryStore store = new MemoryStore();
    IpamConfig ipam = IpamConfig.of(List.of("10.0.0.0/14"), 27);
    List<RouteReflector> rrs = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      rrs.add(new RouteReflector("rr-" + i, v4("172.16.0." + i), v4("1.0.0.1"), Map.of()));
    }
    BgpTopology bgp = new BgpTopology(64512, rrs, List.of(), null);
    try (IpamReplica replica = new IpamReplica(store)) {
      Allocator a = Allocator.mirrored(store, ipam, Clock.systemUTC(), replica);
      for (int i = 0; i < nodes; i++) {
        String host = "172.20." + (i / 250) + "." + (i % 250 + 1);
        // calico-node has registered every node (without its Calico Node an allocation stays pending)
        store.commit(Txn.builder().create(CalicoKeys.node("node-" + i), ("{\"kind\":\"Node\",\"apiVersion\":\"projectcalico.org/v3\","
            + "\"metadata\":{\"name\":\"node-%d\"},\"spec\":{\"bgp\":{\"ipv4Address\":\"%s/24\"}},\"status\":{}}").formatted(i, host)).build());
        a.allocate("node-" + i, v4(host), false);
      }
    }
    BgpPlanner.plan(bgp, ipam.ranges(), CalicoBgpState.read(store), Instant.now()).apply(store);
    List<Allocation> allocations = IpamState.read(store, null).allocations().values().stream().map(IpamState.Stored::value).toList();
    List<RrObservation> observations = new ArrayList<>();
    for (RouteReflector rr : rrs) {
      List<ReflectedRoute> routes = new ArrayList<>();
      for (Allocation x : allocations) {
        routes.add(new ReflectedRoute(x.cidr(), x.hostIpText(), 0, x.hostIpText(), List.of("1.0.0.1")));
      }
      observations.add(new RrObservation(rr.name(), rr.ip().toCanonicalString(), routes, null, 0));
    }
    List<Director> directors = new ArrayList<>();
    List<List<KernelRoute>> tables = new ArrayList<>();
    for (int d = 0; d < 10; d++) {
      directors.add(new Director("lvs-" + d, v4("172.18.0." + (d + 1)), "internal", null, null, null));
      List<KernelRoute> table = new ArrayList<>();
      for (Allocation x : allocations) {
        table.add(new KernelRoute(Ipv4Prefix.of(x.cidr()), KernelRoute.MAIN, RouteProtocol.NETCTL, RouteType.UNICAST, List.of(x.hostIp()), null, 0));
      }
      tables.add(table);
    }
    System.out.printf("fixtures: %d nodes, %d RRs x %d routes, %d directors x %d routes, built in %.1f s%n",
        nodes, rrs.size(), allocations.size(), directors.size(), allocations.size(), (System.nanoTime() - t0) / 1e9);
    long fixturesHeap = usedAfterGc();
    for (int run = 1; run <= runs; run++) {
      long s = System.nanoTime();
      Report.Builder b = new Report.Builder();
      b.merge(ConfigurationCheck.run(store, ipam, bgp, Instant.now()));
      b.merge(RrRouteChecks.check(observations, allocations, ipam.ranges()));
      for (int d = 0; d < directors.size(); d++) {
        var r = KernelRouteChecks.director(directors.get(d), allocations, tables.get(d), ipam.ranges(), RrRouteChecks.advertised(observations));
        b.ran("lvs " + d, io.netctl.validator.CheckKind.LVS, r.subjects(), r.findings());
      }
      Report report = b.build();
      double secs = (System.nanoTime() - s) / 1e9;
      int subjects = report.checks().stream().mapToInt(c -> c.subjects().size()).sum();
      System.out.printf("run %d: %.3f s, %d findings, %d checks, %d subjects%n", run, secs, report.findings().size(), report.checks().size(), subjects);
    }
    System.out.printf("heap: %.1f MiB used after GC with the fixtures loaded (the store, observations and tables)%n", fixturesHeap / 1048576.0);
  }

  static long usedAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    var m = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    return m.getUsed();
  }

  static inet.ipaddr.ipv4.IPv4Address v4(String s) {
    return new IPAddressString(s).getAddress().toIPv4();
  }
}
