package io.netctl.ipam;

import static org.assertj.core.api.Assertions.assertThat;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.netctl.ipam.calico.AllocationBlock;
import io.netctl.ipam.calico.CalicoKeys;
import io.netctl.ipam.store.KeyValue;
import io.netctl.ipam.store.KvStore;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What must hold of a store after any sequence of committed allocations and releases: the records
 * equal a model of the successful commits, no /27 is held by two nodes, and none is lost (every
 * record has its index and IPPool, and its block and affinity once its Calico Node exists; nothing
 * exists without a record).
 */
final class AllocationInvariants {
  private AllocationInvariants() {}

  /** Asserts the invariants of {@code store} against {@code model} (node → CIDR). */
  static void check(KvStore store, Map<String, String> model) {
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
      IPAddress c = new IPAddressString(e.getValue()).getAddress();
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
