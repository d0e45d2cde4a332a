package io.netctl.ipam;

import com.fasterxml.jackson.databind.node.ObjectNode;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv4.IPv4Address;
import io.netctl.ipam.calico.CalicoJson;
import io.netctl.ipam.store.StoreCorruptException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * One node's pool, as netctl records it at {@code /netctl/v1/allocations/<node>}.
 *
 * @param node the node name (DNS-1123)
 * @param cidr its pool, e.g. 10.3.240.0/27
 * @param hostIp the node's IP, the next hop of its pool on directors; null until known
 * @param createdAt when the pool was allocated
 * @param updatedAt when the record last changed
 */
public record Allocation(String node, IPAddress cidr, IPv4Address hostIp, Instant createdAt, Instant updatedAt) {
  public Allocation {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(cidr, "cidr");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  public String cidrText() {
    return cidr.toCanonicalString();
  }

  public String hostIpText() {
    return hostIp == null ? null : hostIp.toCanonicalString();
  }

  public Allocation withHostIp(IPv4Address ip, Instant now) {
    return new Allocation(node, cidr, ip, createdAt, now);
  }

  public String toJson() {
    ObjectNode o = CalicoJson.object();
    o.put("node", node);
    o.put("cidr", cidrText());
    if (hostIp != null) {
      o.put("hostIp", hostIpText());
    } else {
      o.putNull("hostIp");
    }
    o.put("createdAt", createdAt.toString());
    o.put("updatedAt", updatedAt.toString());
    return CalicoJson.write(o);
  }

  /**
   * Parses a stored record; {@code key} names it in errors.
   *
   * @throws StoreCorruptException when the value is no record netctl wrote: not JSON, no node or
   *     another node than the key's, no IPv4 CIDR, an invalid host IP or time
   */
  public static Allocation parse(String key, String value) {
    ObjectNode o = CalicoJson.parse(key, value);
    String node = o.path("node").isTextual() ? o.get("node").asText() : null;
    String keyNode = key.startsWith(NetctlKeys.ALLOCATIONS) ? key.substring(NetctlKeys.ALLOCATIONS.length()) : null;
    if (node == null) {
      throw corrupt(key, "it has no \"node\"");
    }
    if (keyNode != null && !keyNode.equals(node)) {
      throw corrupt(key, "it names node \"" + Names.printable(node) + "\", not " + Names.printable(keyNode));
    }
    try {
      Names.node(node);
    } catch (BadInputException e) {
      throw corrupt(key, e.getMessage());
    }
    try {
      IPAddress cidr = new IPAddressString(o.path("cidr").asText("")).toAddress();
      if (cidr == null || !cidr.isIPv4() || !cidr.isPrefixed()) {
        throw corrupt(key, "\"cidr\" is no IPv4 CIDR");
      }
      String ip = o.path("hostIp").isTextual() ? o.get("hostIp").asText() : null;
      IPAddress host = ip == null ? null : new IPAddressString(ip).toAddress();
      if (ip != null && (host == null || !host.isIPv4() || host.isPrefixed())) {
        throw corrupt(key, "\"hostIp\" is no IPv4 address");
      }
      Instant created = Instant.parse(o.path("createdAt").asText(""));
      Instant updated = o.hasNonNull("updatedAt") ? Instant.parse(o.get("updatedAt").asText()) : created;
      return new Allocation(node, cidr.toPrefixBlock(), host == null ? null : host.toIPv4(), created, updated);
    } catch (inet.ipaddr.AddressStringException | DateTimeParseException e) {
      throw new StoreCorruptException("allocation record " + key + " is malformed: " + e.getMessage(), e);
    }
  }

  private static StoreCorruptException corrupt(String key, String problem) {
    return new StoreCorruptException("allocation record " + key + " is malformed: " + problem);
  }
}
