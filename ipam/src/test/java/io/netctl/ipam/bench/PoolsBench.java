package io.netctl.ipam.bench;

import inet.ipaddr.IPAddress;
import io.netctl.ipam.Allocation;
import io.netctl.ipam.AllocationPlanner;
import io.netctl.ipam.Allocator;
import io.netctl.ipam.IpamConfig;
import io.netctl.ipam.IpamState;
import io.netctl.ipam.NetctlKeys;
import io.netctl.ipam.calico.AllocationBlock;
import io.netctl.ipam.calico.CalicoKeys;
import io.netctl.ipam.store.KeyValue;
import io.netctl.ipam.store.Range;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the pools report and one allocation cost against the size of the ranges and the number of
 * allocations: a /21 and a /8 of /27s (64 and 524,288 pools) with 0 … 50,000 allocations, the
 * state built in memory (no store, no network). Usage: {@code PoolsBench [RUNS=5]}; run by
 * {@code bench/pools-range.sh}.
 */
public final class PoolsBench {
  private PoolsBench() {}

  public static void main(String[] args) {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    System.out.printf("%-14s %12s %10s %14s %16s%n", "ranges", "allocations", "pools", "pools report", "plan allocation");
    for (String range : List.of("10.3.240.0/21", "10.0.0.0/8")) {
      IpamConfig config = IpamConfig.of(List.of(range), 27);
      for (int n : List.of(0, 64, 5_000, 50_000)) {
        if (n > config.totalBlocks() || n == 64 && !range.endsWith("/21")) {
          continue;
        }
        IpamState state = state(config, Math.min(n, (int) config.totalBlocks()));
        long best = Long.MAX_VALUE;
        long bestPlan = Long.MAX_VALUE;
        Allocator.PoolsReport report = null;
        for (int r = 0; r < runs; r++) {
          long t0 = System.nanoTime();
          report = AllocationPlanner.pools(config, state);
          best = Math.min(best, System.nanoTime() - t0);
          t0 = System.nanoTime();
          try {
            new AllocationPlanner(config).planAllocate(io.netctl.ipam.AllocationView.of(state, "new-node", null),
                new AllocationPlanner.Request("new-node", null, false), 1, java.util.Set.of(), new java.util.Random(1), Instant.EPOCH);
          } catch (io.netctl.ipam.RefusedException exhausted) {
            // a full range: the planner's answer is the refusal
          }
          bestPlan = Math.min(bestPlan, System.nanoTime() - t0);
        }
        System.out.printf("%-14s %12d %10d %11.3f ms %13.3f ms   (used %d, free %d)%n", range, n, config.totalBlocks(), best / 1e6, bestPlan / 1e6,
            report.ranges().get(0).used(), report.ranges().get(0).free());
      }
    }
  }

  /** {@code n} allocations of the lowest pools, with their indexes, IPPools and blocks, as one read would return them. */
  static IpamState state(IpamConfig config, int n) {
    List<KeyValue> netctl = new ArrayList<>();
    List<KeyValue> pools = new ArrayList<>();
    List<KeyValue> blocks = new ArrayList<>();
    IPAddress range = config.ranges().get(0);
    Instant t = Instant.parse("2026-11-27T10:00:00Z");
    long rev = 1;
    for (int i = 0; i < n; i++) {
      IPAddress cidr = config.block(range, i);
      String node = "node-" + i;
      netctl.add(kv(NetctlKeys.allocation(node), new Allocation(node, cidr, null, t, t).toJson(), rev++));
      netctl.add(kv(NetctlKeys.cidr(cidr), NetctlKeys.indexValue(node), rev++));
      pools.add(kv(CalicoKeys.resource("ippools", NetctlKeys.poolName(cidr)), "{\"kind\":\"IPPool\",\"metadata\":{\"name\":\""
          + NetctlKeys.poolName(cidr) + "\",\"labels\":{\"app.kubernetes.io/managed-by\":\"netctl\"}},\"spec\":{\"cidr\":\"" + cidr.toCanonicalString() + "\"}}", rev++));
      blocks.add(kv(CalicoKeys.block(cidr), AllocationBlock.fresh(cidr, node, t), rev++));
    }
    netctl.sort((a, b) -> a.key().compareTo(b.key()));
    return IpamState.of(new Range(netctl, rev), new Range(pools, rev), new Range(blocks, rev), null);
  }

  private static KeyValue kv(String k, String v, long rev) {
    return new KeyValue(k, v, rev, rev, 1);
  }
}
