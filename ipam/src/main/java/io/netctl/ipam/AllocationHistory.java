package io.netctl.ipam;

import inet.ipaddr.IPAddress;
import inet.ipaddr.ipv4.IPv4Address;
import io.netctl.ipam.store.KeyValue;
import io.netctl.ipam.store.StoreCorruptException;
import io.netctl.ipam.store.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The allocation history read back (pure: stored entries in, answers out): who held which pool
 * when, as spans. Each {@link HistoryEntry.Event#HELD} entry opens a span that the pool's next
 * entry closes; a span without a next entry is still held ({@code to} null).
 *
 * @param spans every span, by pool (address order) and then start
 * @param unreadable the keys of entries that cannot be read (passed over)
 */
public record AllocationHistory(List<Span> spans, List<String> unreadable) {
  /** The default age after which compaction merges a span's entries into its pool's span record. */
  public static final Duration DEFAULT_KEEP = Duration.ofDays(365);

  /**
   * One holder of a pool for a time.
   *
   * @param cidr the pool
   * @param node who held it
   * @param hostIp its host IP then, or null
   * @param from since when
   * @param to until when (exclusive), or null while still held
   */
  public record Span(IPAddress cidr, String node, IPv4Address hostIp, Instant from, Instant to) {
    public Span {
      Objects.requireNonNull(cidr, "cidr");
      Objects.requireNonNull(node, "node");
      Objects.requireNonNull(from, "from");
    }

    /** Whether the span covers {@code t}: {@code from <= t < to}. */
    public boolean covers(Instant t) {
      return !t.isBefore(from) && (to == null || t.isBefore(to));
    }
  }

  public AllocationHistory {
    spans = List.copyOf(spans);
    unreadable = List.copyOf(unreadable);
  }

  /** The history from stored entries and span records (any order). */
  public static AllocationHistory of(List<KeyValue> kvs) {
    List<String> bad = new ArrayList<>();
    Map<String, Pool> byPool = read(kvs, bad);
    List<Span> spans = new ArrayList<>();
    for (Pool pool : byPool.values()) {
      if (pool.record != null) {
        spans.addAll(pool.record.spans());
      }
      List<Keyed> entries = pool.live();
      for (int i = 0; i < entries.size(); i++) {
        HistoryEntry e = entries.get(i).entry;
        if (e.event() == HistoryEntry.Event.HELD) {
          Instant to = i + 1 < entries.size() ? entries.get(i + 1).entry.at() : null;
          spans.add(new Span(e.cidr(), e.node(), e.hostIp(), e.at(), to));
        }
      }
    }
    spans.sort(Comparator.comparing((Span s) -> s.cidr()).thenComparing(Span::from));
    return new AllocationHistory(spans, bad);
  }

  /** An entry and the key it is stored at (entries sort by key: by time, then node). */
  record Keyed(KeyValue kv, HistoryEntry entry) {}

  /** One pool's stored history: its span record (or null) and its entries by key. */
  static final class Pool {
    KeyValue recordKv;
    HistorySpans record;
    final List<Keyed> entries = new ArrayList<>();

    /** The entries not yet merged into the record, by key. */
    List<Keyed> live() {
      List<Keyed> out = new ArrayList<>();
      for (Keyed k : entries) {
        if (record == null || k.kv.key().compareTo(record.through()) > 0) {
          out.add(k);
        }
      }
      return out;
    }
  }

  /** Groups stored entries and records by pool; what cannot be read goes to {@code bad}. */
  static Map<String, Pool> read(List<KeyValue> kvs, List<String> bad) {
    Map<String, Pool> byPool = new LinkedHashMap<>();
    for (KeyValue kv : kvs) {
      try {
        if (HistorySpans.isRecord(kv.key())) {
          HistorySpans r = HistorySpans.parse(kv.key(), kv.value());
          if (!kv.key().equals(HistorySpans.key(r.cidr()))) {
            throw new StoreCorruptException("history record " + kv.key() + " is not where netctl keeps the record of " + r.cidr());
          }
          Pool p = byPool.computeIfAbsent(r.cidr().toCanonicalString(), k -> new Pool());
          p.record = r;
          p.recordKv = kv;
        } else {
          HistoryEntry e = HistoryEntry.parse(kv.key(), kv.value());
          if (!kv.key().equals(e.key())) { // the key orders the entries: it must be the one netctl gave this entry
            throw new StoreCorruptException("history entry " + kv.key() + " is not where netctl keeps it (" + e.key() + ")");
          }
          byPool.computeIfAbsent(e.cidr().toCanonicalString(), k -> new Pool()).entries.add(new Keyed(kv, e));
        }
      } catch (StoreException e) {
        bad.add(kv.key());
      }
    }
    for (Pool p : byPool.values()) {
      p.entries.sort(Comparator.comparing((Keyed k) -> k.kv.key()));
    }
    return byPool;
  }

  /** Who held the pool covering {@code address} (an address or a CIDR inside one pool) at {@code t}. */
  public Optional<Span> holderAt(IPAddress address, Instant t) {
    return spans.stream().filter(s -> s.cidr().contains(address) && s.covers(t)).findFirst();
  }

  /** The spans of {@code node}. */
  public List<Span> ofNode(String node) {
    return spans.stream().filter(s -> s.node().equals(node)).toList();
  }

  /** The spans of the pools that overlap {@code cidr}. */
  public List<Span> ofCidr(IPAddress cidr) {
    return spans.stream().filter(s -> s.cidr().overlaps(cidr)).toList();
  }
}
