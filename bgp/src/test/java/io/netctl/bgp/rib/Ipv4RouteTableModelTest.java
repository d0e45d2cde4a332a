package io.netctl.bgp.rib;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netctl.bgp.wire.Prefix;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * The open-addressing table behaves like a HashMap keyed by (prefix, ADD-PATH path id) under any
 * sequence of puts and removes: over 200 seeded random sequences in every build, and under the
 * fuzzer's sequences from bench/fuzz.sh. Path ids 0-2 (and -1, an unsigned id with the top bit set)
 * put several paths of one prefix into one probe run.
 */
class Ipv4RouteTableModelTest {
  record Op(boolean put, long key, int id, int value) {}

  record Key(long prefix, int id) {}

  /** Up to 2000 operations on few distinct keys (so removes hit), clustered so probe runs wrap and shift. */
  static List<Op> ops(RandomGenerator r) {
    int n = r.nextInt(2001);
    List<Op> ops = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ops.add(new Op(r.nextInt(3) != 2, new Prefix.Ipv4(r.nextInt(301) << 8, 24).packed(), r.nextInt(4) - 1, r.nextInt(4)));
    }
    return ops;
  }

  @Test
  void behavesLikeAMapInSeededSequences() {
    for (long seed = 0; seed < 200; seed++) {
      check(ops(new SplittableRandom(seed)));
    }
  }

  @FuzzTest
  void operations(FuzzedDataProvider data) {
    check(ops(data::consumeLong));
  }

  static void check(List<Op> ops) {
    RouteAttributes[] values = new RouteAttributes[4];
    for (int i = 0; i < 4; i++) {
      values[i] = new RouteAttributes(List.of(), null, null);
    }
    Ipv4RouteTable table = new Ipv4RouteTable();
    Map<Key, RouteAttributes> model = new HashMap<>();
    for (Op op : ops) {
      Key k = new Key(op.key(), op.id());
      if (op.put()) {
        assertThat(table.put(op.key(), op.id(), values[op.value()])).isSameAs(model.put(k, values[op.value()]));
      } else {
        assertThat(table.remove(op.key(), op.id())).isSameAs(model.remove(k));
      }
      assertThat(table.size()).isEqualTo(model.size());
    }
    for (Map.Entry<Key, RouteAttributes> e : model.entrySet()) {
      assertThat(table.get(e.getKey().prefix(), e.getKey().id())).isSameAs(e.getValue());
      Map<Key, RouteAttributes> paths = new HashMap<>();
      table.paths(e.getKey().prefix(), (p, id, a) -> paths.put(new Key(p.packed(), id), a));
      Map<Key, RouteAttributes> expected = new HashMap<>(model);
      expected.keySet().removeIf(k -> k.prefix() != e.getKey().prefix());
      assertThat(paths).isEqualTo(expected);
    }
    Map<Key, RouteAttributes> seen = new HashMap<>();
    table.forEach((p, id, a) -> seen.put(new Key(p.packed(), id), a));
    assertThat(seen).isEqualTo(model);
  }
}
