package io.netctl.ipam;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netctl.ipam.store.KeyValue;
import io.netctl.ipam.store.MemoryStore;
import io.netctl.ipam.store.StoreCorruptException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Arbitrary values in the datastore, written as {@code etcdctl get --prefix /} prints them (a key
 * line, then its value line): netctl's records and indexes, Calico's IPPools, IPv4 blocks and block
 * affinities. Reading them ({@link IpamState}) gives the state or one {@link StoreCorruptException}
 * with a one-line message; from any state that reads, the pools report is made and allocating or
 * releasing is planned, or refused with a {@link RefusedException}.
 *
 * <p>Seeds ({@code StoredValuesFuzzTestInputs/}): the keys netctl and Calico wrote in the lab (bench/fuzz-seeds.py).
 */
class StoredValuesFuzzTest {
  static final IpamConfig CONFIG = IpamConfig.of(List.of("10.3.240.0/25"), 27);
  static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

  @FuzzTest
  void storedValues(byte[] dump) {
    MemoryStore store = store(new String(dump, StandardCharsets.UTF_8));
    IpamState state;
    try {
      state = IpamState.read(store, "node-x");
    } catch (StoreCorruptException e) {
      assertThat(e.getMessage()).isNotBlank().doesNotContain("\n").doesNotContain("\r");
      return;
    }
    AllocationPlanner planner = new AllocationPlanner(CONFIG);
    AllocationPlanner.pools(CONFIG, state);
    try {
      planner.planAllocate(AllocationView.of(state, "node-x", null), new AllocationPlanner.Request("node-x", null, false), 1, Set.of(),
          new SplittableRandom(dump.length), NOW);
    } catch (RefusedException refused) {
      assertThat(refused.reason()).isNotNull();
    }
    for (String node : state.allocations().keySet()) {
      for (boolean force : new boolean[] {false, true}) {
        try {
          planner.planRelease(state, node, force, java.time.Instant.EPOCH);
        } catch (RefusedException refused) {
          assertThat(refused.reason()).isNotNull();
        }
      }
    }
  }

  /**
   * The allocation history from arbitrary keys and values under its prefix: reading it gives spans
   * (what cannot be read is listed, never thrown), and compacting it changes no answer — the spans
   * read after a compaction are the spans read before it.
   */
  @FuzzTest
  void history(byte[] dump) {
    MemoryStore store = store(new String(dump, StandardCharsets.UTF_8));
    List<KeyValue> kvs = store.range(NetctlKeys.HISTORY).kvs();
    AllocationHistory before = AllocationHistory.of(kvs);
    for (String bad : before.unreadable()) {
      assertThat(bad).startsWith(NetctlKeys.HISTORY);
    }
    HistoryCompaction.Result r = HistoryCompaction.run(store, NOW);
    assertThat(r.merged()).isNotNegative();
    AllocationHistory after = AllocationHistory.of(store.range(NetctlKeys.HISTORY).kvs());
    if (before.spans().size() <= HistorySpans.MAX_SPANS) {
      assertThat(after.spans()).isEqualTo(before.spans());
    }
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
