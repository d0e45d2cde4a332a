package io.netctl.lvs.sync;

import inet.ipaddr.IPAddress;
import io.netctl.ipam.Allocation;
import io.netctl.ipam.NetctlKeys;
import io.netctl.ipam.store.FileStore;
import io.netctl.ipam.store.KvStore;
import io.netctl.ipam.store.MemoryStore;
import io.netctl.ipam.store.Txn;
import io.netctl.lvs.Ipv4;
import io.netctl.lvs.Ipv4Prefix;
import io.netctl.lvs.KernelRoute;
import io.netctl.lvs.RouteChange;
import io.netctl.lvs.RouteTarget;
import io.netctl.lvs.Routes;
import io.netctl.lvs.iproute.IprouteBatch;
import io.netctl.lvs.iproute.IprouteTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The in-JVM half of {@code bench/lvs-sync.sh} (not a test): N allocations of /27s from
 * 10.64.0.0/10 whose host IPs take G distinct values on 172.31.0.0/16, for a director namespace
 * with 172.31.0.1/16.
 *
 * <pre>
 * populate FILE N G   a file store holding N allocation records (for the whole-CLI runs)
 * batch FILE N G      the raw ip -batch lines adding the same N routes (the floor)
 * run NS N G          sync into the namespace's empty table, then no-change re-syncs; prints key=seconds
 * </pre>
 */
public final class SyncBenchmark {
  private SyncBenchmark() {}

  static final IPAddress RANGE = Routes.cidr("10.64.0.0/10");

  static List<Allocation> allocations(int n, int gateways) {
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    List<Allocation> out = new ArrayList<>(n);
    int base = Ipv4.parse("10.64.0.0");
    for (int i = 0; i < n; i++) {
      String cidr = Ipv4.text(base + (i << 5)) + "/27";
      int g = i % gateways;
      String host = "172.31." + (g / 250) + "." + (g % 250 + 2);
      out.add(Routes.alloc("node-" + i, cidr, host).withHostIp(Ipv4.address(host), t));
    }
    return out;
  }

  static void fill(KvStore store, List<Allocation> as) {
    for (int i = 0; i < as.size(); i += Txn.MAX_OPS) {
      Txn.Builder b = Txn.builder();
      for (Allocation a : as.subList(i, Math.min(as.size(), i + Txn.MAX_OPS))) {
        b.create(NetctlKeys.allocation(a.node()), a.toJson());
      }
      store.commit(b.build());
    }
  }

  public static void main(String[] args) throws IOException {
    int n = Integer.parseInt(args[2]);
    int g = Integer.parseInt(args[3]);
    switch (args[0]) {
      case "populate" -> {
        try (FileStore fs = new FileStore(Path.of(args[1]))) {
          fill(fs, allocations(n, g));
        }
      }
      case "batch" -> {
        List<RouteChange> adds = new ArrayList<>(n);
        for (Allocation a : allocations(n, g)) {
          adds.add(new RouteChange.Add(KernelRoute.owned(Ipv4Prefix.of(a.cidr()), a.hostIp(), Routes.MAIN)));
        }
        Files.writeString(Path.of(args[1]), IprouteBatch.lines(adds));
      }
      case "run" -> run(args[1], n, g);
      default -> throw new IllegalArgumentException("populate|batch|run");
    }
  }

  static void run(String ns, int n, int g) {
    MemoryStore store = new MemoryStore();
    fill(store, allocations(n, g));
    IprouteTable table = IprouteTable.of(ns);
    RouteSync sync = new RouteSync(new RouteTarget(254, null, 0), table, List.of(RANGE), false);
    int rounds = n > 20_000 || g > 1000 ? 2 : 4;
    double[] fill = new double[rounds];
    for (int i = 0; i < rounds; i++) {
      flush(ns);
      long t0 = System.nanoTime();
      SyncReport r = sync.sync(store, false);
      fill[i] = (System.nanoTime() - t0) / 1e9;
      if (r.applied() != n || !r.inSync()) {
        throw new IllegalStateException("sync applied " + r.applied() + " of " + n);
      }
    }
    double[] resync = new double[g > 1000 ? 4 : 10];
    SyncReport.Timings last = null;
    for (int i = 0; i < resync.length; i++) {
      long t0 = System.nanoTime();
      SyncReport r = sync.sync(store, false);
      resync[i] = (System.nanoTime() - t0) / 1e9;
      last = r.timings();
      if (r.applied() != 0 || !r.inSync()) {
        throw new IllegalStateException("re-sync changed something");
      }
    }
    System.out.printf("sync_first=%.3f%n", fill[0]);
    System.out.printf("sync_warm=%.3f%n", median(Arrays.copyOfRange(fill, 1, rounds)));
    System.out.printf("resync_first=%.3f%n", resync[0]);
    System.out.printf("resync_warm=%.3f%n", median(Arrays.copyOfRange(resync, 1, resync.length)));
    System.out.printf("resync_phases=%.3f / %.3f / %.3f%n", last.readStore().toNanos() / 1e9, last.readTable().toNanos() / 1e9, last.plan().toNanos() / 1e9);
    flush(ns);
  }

  static void flush(String ns) {
    try {
      Process p = new ProcessBuilder("ip", "-n", ns, "route", "flush", "proto", "76").inheritIO().start();
      if (p.waitFor() != 0) {
        throw new IllegalStateException("flush failed");
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
