package io.netctl.ipam.calico;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import inet.ipaddr.IPAddress;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Calico's IPAM allocation block at {@code /calico/ipam/v2/assignment/ipv4/block/<a.b.c.d-len>}
 * (reference A.6; libcalico-go {@code model/block.go}). No v3 envelope.
 *
 * @param cidr the block
 * @param affinity {@code host:<node>}, or null when unaffine
 * @param inUse how many addresses are allocated (non-null entries of {@code allocations})
 * @param handles the IPAM handles of the allocated addresses ({@code attributes[i].handle_id}), each
 *     once, in ordinal order; what must be released with the block
 */
public record AllocationBlock(IPAddress cidr, String affinity, int inUse, List<String> handles) {
  public AllocationBlock {
    handles = List.copyOf(handles);
  }

  /**
   * A fresh block claimed by {@code node}: every ordinal free, {@code attributes} null (Go leaves
   * the slice uninitialised), {@code sequenceNumber} the claim time in nanoseconds (v3.24+).
   */
  public static String fresh(IPAddress cidr, String node, Instant now) {
    int size = 1 << (cidr.getBitCount() - cidr.getNetworkPrefixLength());
    ObjectNode b = CalicoJson.object();
    b.put("cidr", cidr.toPrefixBlock().toCanonicalString());
    b.put("affinity", "host:" + node);
    ArrayNode allocations = b.putArray("allocations");
    ArrayNode unallocated = b.putArray("unallocated");
    for (int i = 0; i < size; i++) {
      allocations.addNull();
      unallocated.add(i);
    }
    b.putNull("attributes");
    b.put("sequenceNumber", TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano());
    b.putObject("sequenceNumberForAllocation");
    b.put("deleted", false);
    return CalicoJson.write(b);
  }

  /** Parses a stored block; {@code key} names it in errors. */
  public static AllocationBlock parse(String key, String value) {
    ObjectNode b = CalicoJson.parse(key, value);
    IPAddress cidr = IpPoolSpec.cidrOf(b);
    if (cidr == null) {
      throw new io.netctl.ipam.store.StoreCorruptException("block " + key + " has no valid cidr");
    }
    int used = 0;
    Set<String> handles = new LinkedHashSet<>();
    JsonNode allocations = b.path("allocations");
    JsonNode attributes = b.path("attributes");
    if (allocations.isArray()) {
      for (JsonNode a : allocations) {
        if (!a.isNull()) {
          used++;
          // allocations[ordinal] is an index into attributes, whose handle_id names the handle (model/block.go)
          JsonNode handle = a.canConvertToInt() ? attributes.path(a.asInt()).path("handle_id") : null;
          if (handle != null && handle.isTextual()) {
            handles.add(handle.asText());
          }
        }
      }
    }
    JsonNode aff = b.get("affinity");
    return new AllocationBlock(cidr, aff == null || aff.isNull() ? null : aff.asText(), used, List.copyOf(handles));
  }

  /** The node of a {@code host:<node>} affinity, or null. */
  public String affineHost() {
    return affinity != null && affinity.startsWith("host:") ? affinity.substring(5) : null;
  }
}
