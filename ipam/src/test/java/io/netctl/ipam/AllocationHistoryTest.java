package io.netctl.ipam;

import static org.assertj.core.api.Assertions.assertThat;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.netctl.ipam.store.KeyValue;
import io.netctl.ipam.store.MemoryStore;
import io.netctl.ipam.store.Txn;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Allocate, change the host IP, release, re-allocate the same /27 to another node: who held it at each time. */
class AllocationHistoryTest {
  static final Instant T0 = Instant.parse("2026-11-24T14:00:00Z");
  final AtomicReference<Instant> now = new AtomicReference<>(T0);
  final Clock clock = new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  };
  final MemoryStore store = new MemoryStore();
  final Allocator allocator = new Allocator(store, IpamConfig.DEFAULT, clock);

  static IPAddress a(String s) {
    return new IPAddressString(s).getAddress();
  }

  List<KeyValue> entries() {
    return store.range(NetctlKeys.HISTORY).kvs();
  }

  AllocationHistory history() {
    return AllocationHistory.of(entries());
  }

  void at(Instant t) {
    now.set(t);
  }

  @Test
  void whoHeldTheAddressBeforeBetweenAndAfter() {
    at(T0);
    allocator.allocate("node-a", null, false);
    at(T0.plusSeconds(600));
    allocator.allocate("node-a", a("10.3.0.5").toIPv4(), false); // host IP set: a new span, same node
    at(T0.plusSeconds(3600));
    long revBefore = store.range("/").revision();
    allocator.release("node-a", false);
    assertThat(store.range("/").revision()).as("the release and its history entry are one transaction").isEqualTo(revBefore + 1);
    at(T0.plusSeconds(7200));
    allocator.allocate("node-b", a("10.3.0.6").toIPv4(), false);
    assertThat(allocator.show("node-b").orElseThrow().cidrText()).isEqualTo("10.3.240.0/27");

    AllocationHistory h = history();
    IPAddress pod = a("10.3.240.7");
    assertThat(h.holderAt(pod, T0.minusSeconds(1))).isEmpty();
    assertThat(h.holderAt(pod, T0.plusSeconds(60))).hasValueSatisfying(s -> {
      assertThat(s.node()).isEqualTo("node-a");
      assertThat(s.hostIp() == null).isTrue();
    });
    assertThat(h.holderAt(pod, T0.plusSeconds(1800))).hasValueSatisfying(s -> {
      assertThat(s.node()).isEqualTo("node-a");
      assertThat(s.hostIp().toCanonicalString()).isEqualTo("10.3.0.5");
      assertThat(s.from()).isEqualTo(T0.plusSeconds(600));
      assertThat(s.to()).isEqualTo(T0.plusSeconds(3600));
    });
    assertThat(h.holderAt(pod, T0.plusSeconds(5000))).as("released, not yet re-allocated").isEmpty();
    assertThat(h.holderAt(pod, T0.plusSeconds(9000))).hasValueSatisfying(s -> {
      assertThat(s.node()).isEqualTo("node-b");
      assertThat(s.to()).as("still held").isNull();
    });
    assertThat(h.holderAt(a("10.3.240.0/27"), T0.plusSeconds(9000))).map(AllocationHistory.Span::node).hasValue("node-b");
    assertThat(h.ofNode("node-a")).hasSize(2);
    assertThat(h.ofCidr(a("10.3.240.0/24"))).extracting(AllocationHistory.Span::node).containsExactly("node-a", "node-a", "node-b");
    assertThat(h.unreadable()).isEmpty();
  }

  @Test
  void anUnchangedAllocateAppendsNothing() {
    allocator.allocate("node-a", a("10.3.0.5").toIPv4(), false);
    at(T0.plusSeconds(10));
    allocator.allocate("node-a", a("10.3.0.5").toIPv4(), false);
    assertThat(entries()).hasSize(1);
  }

  @Test
  void compactionDropsSpansThatEndedBeforeTheCutoffAndKeepsWhatIsHeld() {
    allocator.allocate("node-a", null, false);
    allocator.allocate("node-c", null, false); // 10.3.240.32/27, held throughout
    at(T0.plusSeconds(3600));
    allocator.release("node-a", false);
    at(T0.plus(Duration.ofDays(400)));
    allocator.allocate("node-b", null, false);
    List<String> drop = AllocationHistory.compaction(entries(), now.get().minus(AllocationHistory.DEFAULT_KEEP));
    assertThat(drop).hasSize(2).allMatch(k -> k.contains("node-a"));
    Txn.Builder t = Txn.builder();
    entries().stream().filter(kv -> drop.contains(kv.key())).forEach(t::delete);
    assertThat(store.commit(t.build()).succeeded()).isTrue();
    AllocationHistory h = history();
    assertThat(h.spans()).extracting(AllocationHistory.Span::node).containsExactly("node-b", "node-c");
    assertThat(h.holderAt(a("10.3.240.40"), T0.plusSeconds(5))).map(AllocationHistory.Span::node).hasValue("node-c");
  }

  @Test
  void anUnreadableEntryIsListedAndPassedOver() {
    allocator.allocate("node-a", null, false);
    store.commit(Txn.builder().create(NetctlKeys.HISTORY + "10.3.240.0-27/x", "{not json").build());
    AllocationHistory h = history();
    assertThat(h.spans()).hasSize(1);
    assertThat(h.unreadable()).containsExactly(NetctlKeys.HISTORY + "10.3.240.0-27/x");
    assertThat(AllocationHistory.compaction(entries(), T0.plus(Duration.ofDays(999)))).isEmpty();
  }
}
