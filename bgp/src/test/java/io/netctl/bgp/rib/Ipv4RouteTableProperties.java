package io.netctl.bgp.rib;

import static org.assertj.core.api.Assertions.assertThat;

import io.netctl.bgp.wire.Prefix;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The open-addressing table behaves like a HashMap under any sequence of puts and removes. */
class Ipv4RouteTableProperties {
  record Op(boolean put, long key, int value) {}

  @Provide
  Arbitrary<List<Op>> ops() {
    // few distinct keys so that removes hit, clustered so probe runs wrap and shift
    Arbitrary<Long> keys = Arbitraries.integers().between(0, 300).map(i -> new Prefix.Ipv4(i << 8, 24).packed());
    return Combinators.combine(Arbitraries.of(true, true, false), keys, Arbitraries.integers().between(0, 3))
        .as(Op::new).list().ofMaxSize(2000);
  }

  @Property(tries = 200)
  void behavesLikeAMap(@ForAll("ops") List<Op> ops) {
    RouteAttributes[] values = new RouteAttributes[4];
    for (int i = 0; i < 4; i++) {
      values[i] = new RouteAttributes(List.of(), null, null);
    }
    Ipv4RouteTable table = new Ipv4RouteTable();
    Map<Long, RouteAttributes> model = new HashMap<>();
    for (Op op : ops) {
      if (op.put()) {
        assertThat(table.put(op.key(), values[op.value()])).isSameAs(model.put(op.key(), values[op.value()]));
      } else {
        assertThat(table.remove(op.key())).isSameAs(model.remove(op.key()));
      }
      assertThat(table.size()).isEqualTo(model.size());
    }
    for (Map.Entry<Long, RouteAttributes> e : model.entrySet()) {
      assertThat(table.get(e.getKey())).isSameAs(e.getValue());
    }
    Map<Long, RouteAttributes> seen = new HashMap<>();
    table.forEach((p, a) -> seen.put(p.packed(), a));
    assertThat(seen).isEqualTo(model);
  }
}
