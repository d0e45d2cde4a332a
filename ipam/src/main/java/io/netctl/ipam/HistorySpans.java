package io.netctl.ipam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.netctl.ipam.calico.CalicoJson;
import io.netctl.ipam.store.StoreCorruptException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A pool's compacted history: the spans whose entries compaction merged, in one record per /27 at
 * {@code <pool prefix>spans}. {@code through} is the key of the last entry merged (entries sort by
 * key, which is by time): readers pass over entries up to it, so a compaction that stopped between
 * its transactions never shows a span twice. At most {@link #MAX_SPANS} spans are kept; older ones
 * are dropped and {@code droppedBefore} says from when the record answers.
 *
 * @param cidr the pool
 * @param through the key of the last entry merged into the record
 * @param spans the merged spans, oldest first
 * @param droppedBefore null, or the time before which spans were dropped to keep the record bounded
 */
public record HistorySpans(IPAddress cidr, String through, List<AllocationHistory.Span> spans, Instant droppedBefore) {
  /** The most spans one record keeps (about 100 bytes each: far under etcd's 1.5 MiB value limit). */
  public static final int MAX_SPANS = 1000;

  private static final String NAME = "spans";

  public HistorySpans {
    Objects.requireNonNull(cidr, "cidr");
    Objects.requireNonNull(through, "through");
    spans = List.copyOf(spans);
  }

  /** Where the record of {@code cidr} is kept. */
  public static String key(IPAddress cidr) {
    return HistoryEntry.prefix(cidr) + NAME;
  }

  /** Whether {@code key} names a span record rather than an entry. */
  public static boolean isRecord(String key) {
    return key.endsWith("/" + NAME);
  }

  /** This record with {@code more} spans (and a later {@code through}), the oldest dropped above {@link #MAX_SPANS}. */
  public HistorySpans plus(List<AllocationHistory.Span> more, String newThrough) {
    List<AllocationHistory.Span> all = new ArrayList<>(spans);
    all.addAll(more);
    Instant dropped = droppedBefore;
    if (all.size() > MAX_SPANS) {
      List<AllocationHistory.Span> gone = all.subList(0, all.size() - MAX_SPANS);
      dropped = gone.get(gone.size() - 1).to();
      all = new ArrayList<>(all.subList(all.size() - MAX_SPANS, all.size()));
    }
    return new HistorySpans(cidr, newThrough, all, dropped);
  }

  public String toJson() {
    ObjectNode o = CalicoJson.object();
    o.put("cidr", cidr.toCanonicalString());
    o.put("through", through);
    if (droppedBefore != null) {
      o.put("droppedBefore", droppedBefore.toString());
    }
    ArrayNode a = o.putArray("spans");
    for (AllocationHistory.Span s : spans) {
      ObjectNode x = a.addObject();
      x.put("node", s.node());
      if (s.hostIp() == null) {
        x.putNull("hostIp");
      } else {
        x.put("hostIp", s.hostIp().toCanonicalString());
      }
      x.put("from", s.from().toString());
      x.put("to", s.to().toString());
    }
    return CalicoJson.write(o);
  }

  /**
   * Parses a stored record; {@code key} names it in errors.
   *
   * @throws StoreCorruptException when the value is no record netctl wrote
   */
  public static HistorySpans parse(String key, String value) {
    JsonNode o = CalicoJson.parse(key, value);
    IPAddress cidr = new IPAddressString(o.path("cidr").asText("")).getAddress();
    String through = o.path("through").asText(null);
    if (cidr == null || !cidr.isIPv4() || cidr.getNetworkPrefixLength() == null || through == null || !o.path("spans").isArray()) {
      throw new StoreCorruptException("history record " + key + " is no record netctl wrote (cidr, through, spans)");
    }
    IPAddress pool = cidr.toPrefixBlock();
    try {
      List<AllocationHistory.Span> spans = new ArrayList<>();
      for (JsonNode x : o.path("spans")) {
        String node = x.path("node").asText(null);
        String ip = x.path("hostIp").isTextual() ? x.path("hostIp").asText() : null;
        IPAddress host = ip == null ? null : new IPAddressString(ip).getAddress();
        if (node == null || (ip != null && (host == null || !host.isIPv4()))) {
          throw new StoreCorruptException("history record " + key + " has a span without a node or with a bad host IP");
        }
        Instant from = Instant.parse(x.path("from").asText(""));
        Instant to = Instant.parse(x.path("to").asText(""));
        if (to.isBefore(from)) {
          throw new StoreCorruptException("history record " + key + " has a span that ends before it starts");
        }
        spans.add(new AllocationHistory.Span(pool, node, host == null ? null : host.toIPv4(), from, to));
      }
      Instant dropped = o.hasNonNull("droppedBefore") ? Instant.parse(o.path("droppedBefore").asText("")) : null;
      return new HistorySpans(pool, through, spans, dropped);
    } catch (DateTimeParseException e) {
      throw new StoreCorruptException("history record " + key + " has a time that is not RFC 3339");
    }
  }
}
