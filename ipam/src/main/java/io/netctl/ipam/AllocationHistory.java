package io.netctl.ipam;

import inet.ipaddr.IPAddress;
import inet.ipaddr.ipv4.IPv4Address;
import io.netctl.ipam.store.KeyValue;
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
  /** The default retention: spans that ended longer ago than this are deleted by compaction. */
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

  /** The history from stored entries (any order). */
  public static AllocationHistory of(List<KeyValue> kvs) {
    List<String> bad = new ArrayList<>();
    Map<String, List<HistoryEntry>> byPool = new LinkedHashMap<>();
    for (KeyValue kv : kvs) {
      try {
        HistoryEntry e = HistoryEntry.parse(kv.key(), kv.value());
        byPool.computeIfAbsent(e.cidr().toCanonicalString(), k -> new ArrayList<>()).add(e);
      } catch (StoreException e) {
        bad.add(kv.key());
      }
    }
    List<Span> spans = new ArrayList<>();
    for (List<HistoryEntry> entries : byPool.values()) {
      entries.sort(Comparator.comparing(HistoryEntry::at));
      for (int i = 0; i < entries.size(); i++) {
        HistoryEntry e = entries.get(i);
        if (e.event() == HistoryEntry.Event.HELD) {
          Instant to = i + 1 < entries.size() ? entries.get(i + 1).at() : null;
          spans.add(new Span(e.cidr(), e.node(), e.hostIp(), e.at(), to));
        }
      }
    }
    spans.sort(Comparator.comparing((Span s) -> s.cidr()).thenComparing(Span::from));
    return new AllocationHistory(spans, bad);
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

  /**
   * The keys compaction deletes: of every span that ended before {@code cutoff}, the entry that
   * opened it and the release that ended it. A pool's entry is kept while a later one is not
   * before the cutoff, so what remains answers every question about the time since the cutoff.
   */
  public static List<String> compaction(List<KeyValue> kvs, Instant cutoff) {
    Map<String, List<HistoryEntry>> byPool = new LinkedHashMap<>();
    Map<HistoryEntry, String> keys = new java.util.IdentityHashMap<>();
    for (KeyValue kv : kvs) {
      try {
        HistoryEntry e = HistoryEntry.parse(kv.key(), kv.value());
        byPool.computeIfAbsent(e.cidr().toCanonicalString(), k -> new ArrayList<>()).add(e);
        keys.put(e, kv.key());
      } catch (StoreException e) {
        // an unreadable entry is reported by the readers, never deleted on a guess
      }
    }
    List<String> out = new ArrayList<>();
    for (List<HistoryEntry> entries : byPool.values()) {
      entries.sort(Comparator.comparing(HistoryEntry::at));
      for (int i = 0; i < entries.size(); i++) {
        HistoryEntry e = entries.get(i);
        boolean ended = e.event() == HistoryEntry.Event.RELEASED ? e.at().isBefore(cutoff)
            : i + 1 < entries.size() && entries.get(i + 1).at().isBefore(cutoff);
        if (ended) {
          out.add(keys.get(e));
        }
      }
    }
    return out;
  }
}
