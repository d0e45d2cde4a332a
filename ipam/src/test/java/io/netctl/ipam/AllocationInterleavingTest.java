package io.netctl.ipam;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netctl.ipam.calico.CalicoKeys;
import io.netctl.ipam.store.MemoryStore;
import io.netctl.ipam.store.Txn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * Interleavings of allocate and release by many nodes: each node reads the state, plans its
 * transaction, and commits it some steps later, while others commit in between (so many plans are
 * stale). Whatever the interleaving, {@link AllocationInvariants} hold after every commit. Run over
 * 300 seeded random interleavings in every build, and coverage-guided by Jazzer from bench/fuzz.sh
 * (the fuzzer's bytes choose the steps and the planner's random choices).
 */
class AllocationInterleavingTest {
  static final IpamConfig SMALL = IpamConfig.of(List.of("10.3.240.0/25", "10.3.216.0/26"), 27); // 6 blocks for 8 nodes
  static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

  /** One step: {@code node} either reads-and-plans ({@code commit=false}) or commits its plan. */
  record Step(int node, boolean release, boolean commit) {}

  /** 10 to 200 steps of 8 nodes, a quarter of the plans releases. */
  static List<Step> steps(RandomGenerator r) {
    int n = 10 + r.nextInt(191);
    List<Step> steps = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      steps.add(new Step(r.nextInt(8), r.nextInt(4) == 0, r.nextBoolean()));
    }
    return steps;
  }

  @Test
  void noDoubleAllocationAndNothingLostInSeededInterleavings() {
    for (long seed = 0; seed < 300; seed++) {
      SplittableRandom r = new SplittableRandom(seed);
      try {
        run(steps(r), r);
      } catch (AssertionError e) {
        throw new AssertionError("interleaving of seed " + seed + ": " + e.getMessage(), e);
      }
    }
  }

  @FuzzTest
  void interleavings(FuzzedDataProvider data) {
    RandomGenerator fuzzed = data::consumeLong;
    run(steps(fuzzed), fuzzed);
  }

  /** Plays {@code steps}; {@code random} also makes the planner's choices of pool. */
  static void run(List<Step> steps, RandomGenerator random) {
    MemoryStore store = new MemoryStore();
    for (int n = 0; n < 8; n += 2) {
      CalicoNodeFixture.register(store, "node-" + n); // the even nodes' calico-node has registered: their allocations are live at once
    }
    AllocationPlanner planner = new AllocationPlanner(SMALL);
    Map<Integer, Txn> planned = new HashMap<>();
    Map<Integer, String> plannedCidr = new HashMap<>();
    Map<String, String> model = new HashMap<>(); // node -> cidr
    int attempt = 0;
    for (Step s : steps) {
      String node = "node-" + s.node();
      if (!s.commit()) {
        IpamState state = IpamState.read(store, node);
        try {
          if (s.release()) {
            planned.put(s.node(), planner.planRelease(state, node, false, java.time.Instant.EPOCH).txn());
            plannedCidr.put(s.node(), null);
          } else {
            AllocationPlanner.Planned p = planner.planAllocate(
                AllocationView.of(state, node, null, store.get(CalicoKeys.node(node)).orElse(null)), new AllocationPlanner.Request(node, null, false), 1 << (attempt++ % 4), Set.of(), random, NOW);
            if (p.txn() != null) {
              planned.put(s.node(), p.txn());
              plannedCidr.put(s.node(), p.allocation().cidrText());
            }
          }
        } catch (RefusedException e) {
          planned.remove(s.node()); // exhausted or nothing to release: nothing to commit
        }
      } else if (planned.containsKey(s.node())) {
        Txn txn = planned.remove(s.node());
        if (store.commit(txn).succeeded()) {
          String cidr = plannedCidr.get(s.node());
          if (cidr == null) {
            model.remove(node);
          } else {
            model.put(node, cidr);
          }
        }
        AllocationInvariants.check(store, model);
      }
    }
    AllocationInvariants.check(store, model);
  }
}
