package io.netctl.ipam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import inet.ipaddr.IPAddress;
import inet.ipaddr.ipv4.IPv4Address;
import io.netctl.ipam.calico.CalicoJson;
import io.netctl.ipam.calico.CalicoKeys;
import java.util.Optional;

/** netctl's own key layout: the allocations under {@code /netctl/v1/}, their history under {@code /netctl/history/v1/}. */
public final class NetctlKeys {
  private NetctlKeys() {}

  public static final String ROOT = "/netctl/v1/";
  /** One record per node: {@code /netctl/v1/allocations/<node>}. */
  public static final String ALLOCATIONS = ROOT + "allocations/";
  /** Index by pool, so no two nodes can hold one: {@code /netctl/v1/cidrs/<a.b.c.d-27>} → node. */
  public static final String CIDRS = ROOT + "cidrs/";
  /** Index by host IP, so no two nodes share one: {@code /netctl/v1/host-ips/<ip>} → node. */
  public static final String HOST_IPS = ROOT + "host-ips/";

  /**
   * The allocation history ({@link HistoryEntry}), outside {@link #ROOT} so that allocating never
   * reads it: {@code /netctl/history/v1/<a.b.c.d-27>/<time>-<node>}.
   */
  public static final String HISTORY = "/netctl/history/v1/";

  public static String allocation(String node) {
    return ALLOCATIONS + node;
  }

  public static String cidr(IPAddress cidr) {
    return CIDRS + CalicoKeys.cidrSegment(cidr);
  }

  public static String hostIp(IPv4Address ip) {
    return HOST_IPS + ip.toCanonicalString();
  }

  /** The value of an index key. */
  public static String indexValue(String node) {
    return "{\"node\":\"" + node + "\"}";
  }

  /**
   * The node an index value ({@link #indexValue}) names, read as JSON; empty when the value is no
   * JSON object with a string {@code node}.
   */
  public static Optional<String> indexedNode(String value) {
    try {
      JsonNode n = CalicoJson.MAPPER.readTree(value);
      return n != null && n.path("node").isTextual() ? Optional.of(n.get("node").asText()) : Optional.empty();
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  /** The IPPool name netctl gives a node's pool: {@code netctl-10-3-240-0-27}. */
  public static String poolName(IPAddress cidr) {
    return "netctl-" + CalicoKeys.cidrName(cidr);
  }
}
