package io.netctl.ipam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv4.IPv4Address;
import io.netctl.ipam.calico.CalicoJson;
import io.netctl.ipam.calico.CalicoKeys;
import io.netctl.ipam.store.StoreCorruptException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * One event of the allocation history, appended in the transaction that made it: a node took a
 * pool or got another host IP ({@link Event#HELD}: from {@code at} the pool is the node's with
 * this host IP), or gave it back ({@link Event#RELEASED}). Kept at {@link #key()}, under
 * {@link NetctlKeys#HISTORY}: data, not etcd revisions, so an etcd compaction leaves it alone.
 *
 * @param cidr the pool
 * @param node who held it
 * @param hostIp the node's host IP from then on, or null
 * @param at when (the allocator's clock)
 * @param event what happened
 */
public record HistoryEntry(IPAddress cidr, String node, IPv4Address hostIp, Instant at, Event event) {
  /** What happened to the pool. */
  public enum Event {
    /** Allocated to the node, or its host IP set or changed: a span begins. */
    HELD,
    /** Released: the span ends. */
    RELEASED
  }

  public HistoryEntry {
    Objects.requireNonNull(cidr, "cidr");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(event, "event");
  }

  /**
   * {@code /netctl/history/v1/<a.b.c.d-27>/<epoch nanoseconds, 20 digits>-<node>[-released]}: a
   * pool's entries sort by time under its prefix. Written with an unguarded put: a key is an
   * instant, a node and an event, so a put only replaces an entry of the same instant (a host IP
   * changed twice within one clock tick keeps the last).
   */
  public String key() {
    long nanos = Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000_000L), at.getNano());
    return prefix(cidr) + String.format("%020d", nanos) + "-" + node + (event == Event.RELEASED ? "-released" : "");
  }

  /** Where the entries of one pool are kept. */
  public static String prefix(IPAddress cidr) {
    return NetctlKeys.HISTORY + CalicoKeys.cidrSegment(cidr) + "/";
  }

  public String toJson() {
    ObjectNode o = CalicoJson.object();
    o.put("cidr", cidr.toCanonicalString());
    o.put("node", node);
    if (hostIp == null) {
      o.putNull("hostIp");
    } else {
      o.put("hostIp", hostIp.toCanonicalString());
    }
    o.put("at", at.toString());
    o.put("event", event.name().toLowerCase(java.util.Locale.ROOT));
    return CalicoJson.write(o);
  }

  /**
   * Parses a stored entry; {@code key} names it in errors.
   *
   * @throws StoreCorruptException when the value is no entry netctl wrote
   */
  public static HistoryEntry parse(String key, String value) {
    JsonNode o = CalicoJson.parse(key, value);
    IPAddress cidr = new IPAddressString(o.path("cidr").asText("")).getAddress();
    String node = o.path("node").asText(null);
    String ip = o.path("hostIp").isTextual() ? o.path("hostIp").asText() : null;
    IPAddress host = ip == null ? null : new IPAddressString(ip).getAddress();
    if (cidr == null || !cidr.isIPv4() || cidr.getNetworkPrefixLength() == null || node == null || (ip != null && (host == null || !host.isIPv4()))) {
      throw new StoreCorruptException("history entry " + key + " is no entry netctl wrote (cidr, node, hostIp)");
    }
    try {
      Event event = Event.valueOf(o.path("event").asText("").toUpperCase(java.util.Locale.ROOT));
      Instant at = Instant.parse(o.path("at").asText(""));
      if (at.isBefore(Instant.EPOCH) || at.getEpochSecond() >= Long.MAX_VALUE / 1_000_000_000L) {
        throw new StoreCorruptException("history entry " + key + " has a time outside 1970..2262");
      }
      return new HistoryEntry(cidr.toPrefixBlock(), node, host == null ? null : host.toIPv4(), at, event);
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw new StoreCorruptException("history entry " + key + " has no valid event or time");
    }
  }
}
