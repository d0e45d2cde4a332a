package io.netctl.ipam.calico;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;

/**
 * The spec of a Calico v3 IPPool (reference A.2), as calicoctl writes it after its defaults.
 *
 * @param cidr the pool, strictly masked
 * @param blockSize the IPAM block prefix length (27 for a per-host /27: the default 26 is refused for a /27 pool)
 * @param nodeSelector which Calico Nodes may take blocks from it
 * @param natOutgoing whether pods masquerade to outside (omitted from the JSON when false, as Go's omitempty does)
 * @param disabled whether IPAM may assign from it
 */
public record IpPoolSpec(IPAddress cidr, int blockSize, String nodeSelector, boolean natOutgoing, boolean disabled) {
  /** The assignment mode Calico gives a pool on create (v3.30+) and that pods without a named pool need. */
  public static final String AUTOMATIC = "Automatic";

  /**
   * The selector of a per-host pool: only the Calico Node that carries the pool's label, which
   * netctl itself puts on that node ({@link PoolLabel}). Calico evaluates it against the Calico
   * Node's labels (libcalico-go {@code lib/ipam/pools.go SelectsNode}).
   */
  public static String selectorFor(String poolName) {
    return PoolLabel.selector(poolName);
  }

  /**
   * JSON in Go's field order (api {@code v3/ippool.go IPPoolSpec}): cidr, vxlanMode, ipipMode,
   * natOutgoing, disabled, blockSize, nodeSelector, allowedUses, assignmentMode. {@code
   * assignmentMode} (v3.30+) is {@code Automatic}, as libcalico-go's {@code clientv3/ippool.go}
   * defaults it on create: a {@code Manual} pool is never used for pods that name no pool
   * ({@code lib/ipam/ipam.go determinePools}).
   */
  public ObjectNode toJson() {
    ObjectNode spec = CalicoJson.object();
    spec.put("cidr", cidr.toPrefixBlock().toCanonicalString());
    spec.put("vxlanMode", "Never");
    spec.put("ipipMode", "Never");
    if (natOutgoing) {
      spec.put("natOutgoing", true);
    }
    if (disabled) {
      spec.put("disabled", true);
    }
    spec.put("blockSize", blockSize);
    spec.put("nodeSelector", nodeSelector);
    spec.putArray("allowedUses").add("Workload").add("Tunnel");
    spec.put("assignmentMode", AUTOMATIC);
    return spec;
  }

  /**
   * The CIDR of a stored pool spec, or null when it has none that parses (a foreign pool may be
   * anything; callers report it rather than fail).
   */
  public static IPAddress cidrOf(JsonNode spec) {
    String s = spec.path("cidr").asText("");
    IPAddress a = new IPAddressString(s).getAddress();
    return a == null || !a.isPrefixed() ? null : a.toPrefixBlock();
  }

  /** The block size of a stored pool spec, with Calico's defaults (26 for IPv4, 122 for IPv6). */
  public static int blockSizeOf(JsonNode spec, IPAddress cidr) {
    int b = spec.path("blockSize").asInt(0);
    if (b != 0) {
      return b;
    }
    return cidr != null && cidr.isIPv6() ? 122 : 26;
  }
}
