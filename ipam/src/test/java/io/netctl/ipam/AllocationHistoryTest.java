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
  void compactionMergesEndedSpansIntoOneRecordPerPoolAndWhoStillAnswers() {
    allocator.allocate("node-a", null, false);
    allocator.allocate("node-c", null, false); // 10.3.240.32/27, held throughout
    at(T0.plusSeconds(600));
    allocator.allocate("node-a", a("10.3.0.5").toIPv4(), false);
    at(T0.plusSeconds(3600));
    allocator.release("node-a", false);
    at(T0.plus(Duration.ofDays(400)));
    allocator.allocate("node-b", null, false);
    List<AllocationHistory.Span> before = history().spans();

    HistoryCompaction.Result r = HistoryCompaction.run(store, now.get().minus(AllocationHistory.DEFAULT_KEEP));
    assertThat(r.pools()).isEqualTo(1);
    assertThat(r.merged()).as("node-a's two HELD entries and its release").isEqualTo(3);
    assertThat(r.spans()).isEqualTo(2);
    assertThat(r.kept()).as("node-c's and node-b's entries").isEqualTo(2);
    assertThat(r.conflicts()).isZero();
    assertThat(entries()).extracting(KeyValue::key).containsExactlyInAnyOrder(HistorySpans.key(a("10.3.240.0/27")),
        new HistoryEntry(a("10.3.240.0/27"), "node-b", null, now.get(), HistoryEntry.Event.HELD).key(),
        new HistoryEntry(a("10.3.240.32/27"), "node-c", null, T0, HistoryEntry.Event.HELD).key());
    AllocationHistory h = history();
    assertThat(h.spans()).as("the same answers from fewer keys").isEqualTo(before);
    assertThat(h.holderAt(a("10.3.240.7"), T0.plusSeconds(1800))).map(AllocationHistory.Span::hostIp).map(Object::toString).hasValue("10.3.0.5");
    assertThat(h.holderAt(a("10.3.240.7"), T0.plusSeconds(5000))).as("released, not yet re-allocated").isEmpty();
    assertThat(h.holderAt(a("10.3.240.40"), T0.plusSeconds(5))).map(AllocationHistory.Span::node).hasValue("node-c");

    HistoryCompaction.Result again = HistoryCompaction.run(store, now.get().minus(AllocationHistory.DEFAULT_KEEP));
    assertThat(again.merged()).as("nothing more to merge").isZero();
    assertThat(history().spans()).isEqualTo(before);

    // later, node-b's span ends too and is merged into the same record
    at(now.get().plusSeconds(60));
    allocator.release("node-b", false);
    at(now.get().plus(Duration.ofDays(400)));
    assertThat(HistoryCompaction.run(store, now.get().minus(AllocationHistory.DEFAULT_KEEP)).spans()).isEqualTo(1);
    assertThat(history().ofCidr(a("10.3.240.0/27"))).extracting(AllocationHistory.Span::node).containsExactly("node-a", "node-a", "node-b");
  }

  @Test
  void aCompactionStoppedBetweenItsTransactionsShowsNoSpanTwiceAndTheNextRunFinishesIt() {
    for (int i = 0; i < 80; i++) { // 160 entries in one pool: more than one transaction's worth
      at(T0.plusSeconds(i * 100L));
      allocator.allocate("node-a", null, false);
      at(T0.plusSeconds(i * 100L + 50));
      allocator.release("node-a", false);
    }
    List<AllocationHistory.Span> before = history().spans();
    assertThat(before).hasSize(80);
    Instant cutoff = T0.plus(Duration.ofDays(1));
    List<HistoryCompaction.PoolPlan> plan = HistoryCompaction.plan(entries(), cutoff);
    assertThat(plan).singleElement().satisfies(p -> assertThat(p.txns()).hasSizeGreaterThan(1));
    assertThat(store.commit(plan.get(0).txns().get(0)).succeeded()).isTrue(); // then the process dies
    assertThat(history().spans()).as("record plus the entries not yet deleted: no span twice").isEqualTo(before);

    HistoryCompaction.Result r = HistoryCompaction.run(store, cutoff);
    assertThat(r.conflicts()).isZero();
    assertThat(entries()).as("only the record is left").singleElement().extracting(KeyValue::key).isEqualTo(HistorySpans.key(a("10.3.240.0/27")));
    assertThat(history().spans()).isEqualTo(before);
  }

  @Test
  void twoCompactionsAtOnceMergeEveryEntryOnce() {
    allocator.allocate("node-a", null, false);
    at(T0.plusSeconds(60));
    allocator.release("node-a", false);
    Instant cutoff = T0.plus(Duration.ofDays(1));
    List<HistoryCompaction.PoolPlan> first = HistoryCompaction.plan(entries(), cutoff);
    List<HistoryCompaction.PoolPlan> second = HistoryCompaction.plan(entries(), cutoff);
    assertThat(store.commit(first.get(0).txns().get(0)).succeeded()).isTrue();
    assertThat(store.commit(second.get(0).txns().get(0)).succeeded()).as("the loser's guarded transaction fails").isFalse();
    assertThat(history().spans()).singleElement().extracting(AllocationHistory.Span::node).isEqualTo("node-a");
  }

  @Test
  void aRecordKeepsAtMostItsBoundAndSaysFromWhenItAnswers() {
    IPAddress pool = a("10.3.240.0/27");
    List<AllocationHistory.Span> spans = new java.util.ArrayList<>();
    for (int i = 0; i < HistorySpans.MAX_SPANS + 5; i++) {
      spans.add(new AllocationHistory.Span(pool, "node-" + i, null, T0.plusSeconds(i * 10L), T0.plusSeconds(i * 10L + 5)));
    }
    HistorySpans r = new HistorySpans(pool, "k", List.of(), null).plus(spans, "k2");
    assertThat(r.spans()).hasSize(HistorySpans.MAX_SPANS);
    assertThat(r.spans().get(0).node()).isEqualTo("node-5");
    assertThat(r.droppedBefore()).isEqualTo(T0.plusSeconds(45));
    HistorySpans back = HistorySpans.parse(HistorySpans.key(pool), r.toJson());
    assertThat(back).isEqualTo(r);
  }

  @Test
  void anUnreadableEntryIsListedAndPassedOver() {
    allocator.allocate("node-a", null, false);
    store.commit(Txn.builder().create(NetctlKeys.HISTORY + "10.3.240.0-27/x", "{not json").build());
    AllocationHistory h = history();
    assertThat(h.spans()).hasSize(1);
    assertThat(h.unreadable()).containsExactly(NetctlKeys.HISTORY + "10.3.240.0-27/x");
    assertThat(HistoryCompaction.plan(entries(), T0.plus(Duration.ofDays(999)))).as("nothing ended; the unreadable key is never touched").isEmpty();
    store.commit(Txn.builder().create(NetctlKeys.HISTORY + "10.3.240.0-27/00000000000000000001-node-z", new HistoryEntry(a("10.3.240.0/27"), "node-y", null,
        T0, HistoryEntry.Event.HELD).toJson()).build());
    assertThat(history().unreadable()).as("an entry under a key netctl did not give it").hasSize(2);
  }
}
