package io.netctl.ipam;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv4.IPv4Address;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where per-host pools come from, and which addresses no node may have as its host IP.
 *
 * @param ranges the container ranges, allocated from in this order: unicast IPv4, outside the
 *     {@link #RESERVED} blocks, at most {@link #MAX_RANGES}
 * @param blockSize the prefix length of each host's pool (and of its Calico IPAM block)
 * @param infrastructure the IPs of netctl.yaml's directors, route reflectors, core switches and
 *     single-address monitors, each with what it is ({@code director lvs-int-1}): never a node's host IP
 */
public record IpamConfig(List<IPAddress> ranges, int blockSize, Map<IPv4Address, String> infrastructure) {

  /** The most ranges netctl.yaml may configure. */
  public static final int MAX_RANGES = 64;

  /**
   * Blocks no container range may touch, with what they are: "this network", loopback,
   * link-local, multicast and the reserved class E (with the broadcast address).
   */
  public static final Map<String, String> RESERVED = reserved();

  /** The platform's network: 10.3.240.0/21 then 10.3.216.0/21, a /27 per host. */
  public static final IpamConfig DEFAULT = of(List.of("10.3.240.0/21", "10.3.216.0/21"), 27);

  public IpamConfig {
    ranges = List.copyOf(ranges);
    infrastructure = Map.copyOf(infrastructure);
    if (ranges.isEmpty()) {
      throw new BadInputException("ranges: at least one range is needed");
    }
    if (ranges.size() > MAX_RANGES) {
      throw new BadInputException("ranges: " + ranges.size() + " ranges; at most " + MAX_RANGES + " are supported (use larger ranges)");
    }
    if (blockSize < 20 || blockSize > 32) {
      throw new BadInputException("blockSize " + blockSize + ": must be between 20 and 32 (Calico's IPv4 block sizes)");
    }
    for (IPAddress r : ranges) {
      screen(r);
      if (r.getNetworkPrefixLength() > blockSize) {
        throw new BadInputException(
            "range " + r.toCanonicalString() + " is smaller than one /" + blockSize + " block");
      }
    }
    for (int i = 0; i < ranges.size(); i++) {
      for (int j = i + 1; j < ranges.size(); j++) {
        if (ranges.get(i).overlaps(ranges.get(j))) {
          throw new BadInputException(
              "ranges " + ranges.get(i).toCanonicalString() + " and " + ranges.get(j).toCanonicalString() + " overlap");
        }
      }
    }
  }

  /** Ranges and block size, without infrastructure IPs. */
  public IpamConfig(List<IPAddress> ranges, int blockSize) {
    this(ranges, blockSize, Map.of());
  }

  /** Parses and validates textual ranges; every error names the offending range. */
  public static IpamConfig of(List<String> ranges, int blockSize) {
    List<IPAddress> parsed = new ArrayList<>();
    for (String r : ranges) {
      parsed.add(Names.ipv4Prefix("range", r));
    }
    return new IpamConfig(parsed, blockSize);
  }

  /** The same ranges with these infrastructure IPs. */
  public IpamConfig withInfrastructure(Map<IPv4Address, String> infra) {
    return new IpamConfig(ranges, blockSize, infra);
  }

  /**
   * Refuses a container range that is no unicast IPv4 range: one that overlaps a {@link
   * #RESERVED} block (0.0.0.0/0 overlaps them all).
   *
   * @throws BadInputException naming the range and the block it overlaps
   */
  public static void screen(IPAddress range) {
    for (Map.Entry<String, String> e : RESERVED.entrySet()) {
      IPAddress reserved = new IPAddressString(e.getKey()).getAddress();
      if (range.overlaps(reserved)) {
        throw new BadInputException("range " + range.toCanonicalString() + " overlaps " + e.getKey() + " (" + e.getValue()
            + "): container ranges must be unicast, outside " + String.join(", ", RESERVED.keySet()));
      }
    }
  }

  /** What {@code ip} is in netctl.yaml (e.g. {@code director lvs-int-1}), or null when it is no infrastructure IP. */
  public String infrastructureAt(IPv4Address ip) {
    return ip == null ? null : infrastructure.get(ip);
  }

  /** How many host pools a range holds. */
  public long blocksIn(IPAddress range) {
    return 1L << (blockSize - range.getNetworkPrefixLength());
  }

  public long totalBlocks() {
    return ranges.stream().mapToLong(this::blocksIn).sum();
  }

  /** The {@code index}-th block of {@code range}. */
  public IPAddress block(IPAddress range, long index) {
    return range.getLower().withoutPrefixLength().increment(index << (32 - blockSize)).setPrefixLength(blockSize, false);
  }

  /** The range holding {@code cidr}, or null. */
  public IPAddress rangeOf(IPAddress cidr) {
    for (IPAddress r : ranges) {
      if (r.contains(cidr)) {
        return r;
      }
    }
    return null;
  }

  public boolean inRanges(IPAddress a) {
    return ranges.stream().anyMatch(r -> r.overlaps(a));
  }

  private static Map<String, String> reserved() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("0.0.0.0/8", "\"this network\"");
    m.put("127.0.0.0/8", "loopback");
    m.put("169.254.0.0/16", "link-local");
    m.put("224.0.0.0/4", "multicast");
    m.put("240.0.0.0/4", "reserved, with the broadcast address");
    return java.util.Collections.unmodifiableMap(m);
  }
}
