package io.netctl.bgp.calico;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netctl.ipam.store.KeyValue;
import io.netctl.ipam.store.MemoryStore;
import io.netctl.ipam.store.StoreCorruptException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Arbitrary Calico BGP objects in the datastore, written as {@code etcdctl get --prefix /} prints
 * them (a key line, then its value line): BGPConfigurations, BGPPeers, Nodes, IPPools and netctl's
 * allocations. Reading them ({@link CalicoBgpState}) gives the state or one {@link
 * StoreCorruptException} with a one-line message; from any state that reads, confd's view is
 * computed and {@code bgp plan} plans (refusals are part of a plan, not exceptions).
 *
 * <p>Seeds ({@code CalicoObjectsFuzzTestInputs/}): the objects of {@link Fixtures} as netctl, calicoctl
 * and calico-node store them (bench/fuzz-seeds.py).
 */
class CalicoObjectsFuzzTest {
  @FuzzTest
  void calicoObjects(byte[] dump) {
    MemoryStore store = store(new String(dump, StandardCharsets.UTF_8));
    CalicoBgpState state;
    try {
      state = CalicoBgpState.read(store);
    } catch (StoreCorruptException e) {
      assertThat(e.getMessage()).isNotBlank().doesNotContain("\n").doesNotContain("\r");
      return;
    }
    assertThat(state.globalAs()).isBetween(1L, AsNumber.MAX);
    state.meshEnabled();
    ConfdView.compute(state);
    BgpPlan plan = BgpPlanner.plan(Fixtures.TWO_RRS, Fixtures.RANGES, state, Fixtures.NOW);
    assertThat(plan.changes()).isNotNull();
  }

  /** A store holding the dump's keys: lines alternate key, value (a last key without a value gets an empty one). */
  static MemoryStore store(String dump) {
    String[] lines = dump.split("\n", -1);
    Map<String, KeyValue> kvs = new HashMap<>();
    for (int i = 0; i < lines.length; i += 2) {
      String value = i + 1 < lines.length ? lines[i + 1] : "";
      kvs.put(lines[i], new KeyValue(lines[i], value, 1, 1, 1));
    }
    return new MemoryStore(1, kvs);
  }
}
