package io.netctl.ipam;

import io.netctl.ipam.store.KeyValue;
import io.netctl.ipam.store.KvStore;
import io.netctl.ipam.store.Txn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keeps the allocation history bounded: the entries of every span that ended before a cutoff are
 * merged into their pool's span record ({@link HistorySpans}: one key per /27) and deleted, so
 * {@code who} still answers for those times while the number of keys stays about one per pool plus
 * the entries since the cutoff. Held spans, and everything since the cutoff, stay entries.
 *
 * <p>{@link #plan} is pure (stored history in, transactions out); {@link #run} commits them. Per
 * pool, the first transaction writes the record (guarded by its revision, or by its absence) and
 * deletes the first entries; further ones delete the rest. Every delete is guarded by the entry's
 * revision, so two compactions at once never merge an entry twice: the loser's transaction fails
 * and it leaves that pool for its next run. Readers pass over entries up to the record's {@code
 * through}, so a run that stops between transactions never shows a span twice.
 */
public final class HistoryCompaction {
  private HistoryCompaction() {}

  /**
   * One pool's compaction.
   *
   * @param cidr the pool
   * @param merged how many entries are merged
   * @param spans how many spans they make
   * @param txns the transactions, in order
   */
  public record PoolPlan(String cidr, int merged, int spans, List<Txn> txns) {}

  /**
   * What a run did.
   *
   * @param pools pools compacted
   * @param merged entries merged and deleted
   * @param spans spans added to span records
   * @param kept entries left (held spans, and since the cutoff)
   * @param conflicts pools left for the next run (another writer changed them meanwhile)
   * @param unreadable keys that could not be read (never touched)
   */
  public record Result(int pools, int merged, int spans, int kept, int conflicts, List<String> unreadable) {}

  /** The compaction of every pool with a span that ended before {@code cutoff}. */
  public static List<PoolPlan> plan(List<KeyValue> kvs, Instant cutoff) {
    return plan(AllocationHistory.read(kvs, new ArrayList<>()), cutoff);
  }

  private static List<PoolPlan> plan(Map<String, AllocationHistory.Pool> pools, Instant cutoff) {
    List<PoolPlan> out = new ArrayList<>();
    for (Map.Entry<String, AllocationHistory.Pool> e : pools.entrySet()) {
      PoolPlan p = planPool(e.getValue(), cutoff);
      if (p != null) {
        out.add(p);
      }
    }
    return out;
  }

  private static PoolPlan planPool(AllocationHistory.Pool pool, Instant cutoff) {
    List<AllocationHistory.Keyed> live = pool.live();
    // the entries to merge are a prefix of the live ones: a HELD entry when the next one is before
    // the cutoff (its span ended), a RELEASED one when it is itself before the cutoff
    int n = 0;
    while (n < live.size()) {
      HistoryEntry e = live.get(n).entry();
      boolean ended = e.event() == HistoryEntry.Event.RELEASED ? e.at().isBefore(cutoff)
          : n + 1 < live.size() && live.get(n + 1).entry().at().isBefore(cutoff);
      if (!ended) {
        break;
      }
      n++;
    }
    // entries a past run merged but stopped before deleting go as well
    List<Txn> leftovers = new ArrayList<>();
    for (AllocationHistory.Keyed k : pool.entries) {
      if (pool.record != null && k.kv().key().compareTo(pool.record.through()) <= 0) {
        leftovers.add(Txn.builder().delete(k.kv()).build());
      }
    }
    if (n == 0) {
      return leftovers.isEmpty() ? null : new PoolPlan(pool.record.cidr().toCanonicalString(), 0, 0, leftovers);
    }
    List<AllocationHistory.Span> spans = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      HistoryEntry e = live.get(i).entry();
      if (e.event() == HistoryEntry.Event.HELD) {
        spans.add(new AllocationHistory.Span(e.cidr(), e.node(), e.hostIp(), e.at(), live.get(i + 1).entry().at()));
      }
    }
    HistoryEntry first = live.get(0).entry();
    String through = live.get(n - 1).kv().key();
    HistorySpans record = pool.record == null ? new HistorySpans(first.cidr(), through, spans, null).plus(List.of(), through)
        : pool.record.plus(spans, through);
    List<Txn> txns = new ArrayList<>();
    Txn.Builder t = Txn.builder();
    if (pool.recordKv == null) {
      t.create(HistorySpans.key(first.cidr()), record.toJson());
    } else {
      t.update(pool.recordKv, record.toJson());
    }
    int ops = 1;
    for (int i = 0; i < n; i++) {
      if (ops == Txn.MAX_OPS) {
        txns.add(t.build());
        t = Txn.builder();
        ops = 0;
      }
      t.delete(live.get(i).kv());
      ops++;
    }
    txns.add(t.build());
    txns.addAll(leftovers);
    return new PoolPlan(first.cidr().toCanonicalString(), n, spans.size(), txns);
  }

  /** Compacts what ended before {@code cutoff} in {@code kv}: one read, then a transaction (or a few) per pool. */
  public static Result run(KvStore kv, Instant cutoff) {
    List<String> bad = new ArrayList<>();
    Map<String, AllocationHistory.Pool> pools = AllocationHistory.read(kv.range(NetctlKeys.HISTORY).kvs(), bad);
    int live = pools.values().stream().mapToInt(p -> p.live().size()).sum();
    int merged = 0;
    int spans = 0;
    int done = 0;
    int conflicts = 0;
    for (PoolPlan p : plan(pools, cutoff)) {
      boolean ok = kv.commit(p.txns().get(0)).succeeded();
      for (int i = 1; ok && i < p.txns().size(); i++) {
        kv.commit(p.txns().get(i)); // a failed delete leaves an entry the readers pass over; the next run deletes it
      }
      if (ok) {
        done++;
        merged += p.merged();
        spans += p.spans();
      } else {
        conflicts++;
      }
    }
    // what is left live: the entries read minus those merged (a pool that conflicted kept all of its own)
    return new Result(done, merged, spans, live - merged, conflicts, bad);
  }
}
