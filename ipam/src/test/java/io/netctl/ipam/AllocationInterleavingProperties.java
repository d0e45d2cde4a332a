package io.netctl.ipam;

import static org.assertj.core.api.Assertions.assertThat;

import inet.ipaddr.IPAddress;
import io.netctl.ipam.calico.AllocationBlock;
import io.netctl.ipam.calico.CalicoKeys;
import io.netctl.ipam.store.KeyValue;
import io.netctl.ipam.store.MemoryStore;
import io.netctl.ipam.store.Txn;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random interleavings of allocate and release by many nodes: each node reads the state, plans
 * its transaction, and commits it some steps later, while others commit in between (so many
 * plans are stale). Whatever the interleaving: no /27 is ever held by two nodes, none is lost
 * (every record has its index, IPPool, block and affinity, and nothing exists without a record),
 * and the store equals a model updated only by successful commits.
 */
class AllocationInterleavingProperties {
  static final IpamConfig SMALL = IpamConfig.of(List.of("10.3.240.0/25", "10.3.216.0/26"), 27); // 6 blocks for 8 nodes
  static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

  /** One step: {@code node} either reads-and-plans ({@code commit=false}) or commits its plan. */
  record Step(int node, boolean release, boolean commit) {}

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<Step> step = Combinators.combine(
            Arbitraries.integers().between(0, 7),
            Arbitraries.integers().between(0, 3).map(i -> i == 0),
            Arbitraries.of(true, false))
        .as(Step::new);
    return step.list().ofMinSize(10).ofMaxSize(200);
  }

  @Property(tries = 300)
  void noDoubleAllocationAndNothingLost(@ForAll("steps") List<Step> steps) {
    MemoryStore store = new MemoryStore();
    for (int n = 0; n < 8; n += 2) {
      CalicoNodeFixture.register(store, "node-" + n); // the even nodes' calico-node has registered: their allocations are live at once
    }
    AllocationPlanner planner = new AllocationPlanner(SMALL);
    Random random = new Random(steps.size());
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
            planned.put(s.node(), planner.planRelease(state, node, false).txn());
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
        checkInvariants(store, model);
      }
    }
    checkInvariants(store, model);
  }

  static void checkInvariants(io.netctl.ipam.store.KvStore store, Map<String, String> model) {
    IpamState state = IpamState.read(store, null);
    Map<String, String> records = new HashMap<>();
    state.allocations().forEach((n, a) -> records.put(n, a.value().cidrText()));
    assertThat(records).as("store equals the model of successful commits").isEqualTo(model);
    Set<String> cidrs = new HashSet<>(records.values());
    assertThat(cidrs).as("no /27 held by two nodes").hasSize(records.size());
    Set<String> pools = new HashSet<>();
    state.pools().forEach(p -> pools.add(p.cidr().toCanonicalString()));
    Set<String> blocks = new HashSet<>(state.blocks().keySet());
    Set<String> indexed = new HashSet<>();
    for (KeyValue kv : store.range(NetctlKeys.CIDRS).kvs()) {
      indexed.add(kv.key().substring(NetctlKeys.CIDRS.length()).replace('-', '/'));
    }
    assertThat(pools).as("IPPools").isEqualTo(cidrs);
    assertThat(indexed).as("cidr index").isEqualTo(cidrs);
    // blocks and affinities exist for the allocations whose Calico Node exists; the others are pending
    Set<String> live = new HashSet<>();
    for (Map.Entry<String, String> e : records.entrySet()) {
      IPAddress c = new inet.ipaddr.IPAddressString(e.getValue()).getAddress();
      if (store.get(CalicoKeys.node(e.getKey())).isEmpty()) {
        assertThat(store.get(CalicoKeys.affinity(e.getKey(), c))).as("no affinity of pending " + e.getKey()).isEmpty();
        continue;
      }
      live.add(e.getValue());
      assertThat(store.get(CalicoKeys.affinity(e.getKey(), c))).as("affinity of " + e.getKey()).isPresent();
      AllocationBlock b = state.blocks().get(e.getValue()).value();
      assertThat(b.affineHost()).isEqualTo(e.getKey());
    }
    assertThat(blocks).as("blocks").isEqualTo(live);
    assertThat(store.range(CalicoKeys.HOSTS).kvs()).as("no affinity without a live record").hasSize(live.size());
  }
}
