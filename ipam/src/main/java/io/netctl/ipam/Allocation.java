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

  public static Allocation parse(String key, String value) {
    ObjectNode o = CalicoJson.parse(key, value);
    try {
      IPAddress cidr = new IPAddressString(o.path("cidr").asText("")).toAddress();
      String ip = o.path("hostIp").isTextual() ? o.get("hostIp").asText() : null;
      Instant created = Instant.parse(o.path("createdAt").asText(""));
      Instant updated = o.hasNonNull("updatedAt") ? Instant.parse(o.get("updatedAt").asText()) : created;
      return new Allocation(
          o.path("node").asText(),
          cidr.toPrefixBlock(),
          ip == null ? null : new IPAddressString(ip).toAddress().toIPv4(),
          created,
          updated);
    } catch (inet.ipaddr.AddressStringException | DateTimeParseException | NullPointerException e) {
      throw new StoreCorruptException("allocation record " + key + " is malformed: " + e.getMessage(), e);
    }
  }
}
