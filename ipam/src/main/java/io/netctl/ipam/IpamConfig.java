package io.netctl.ipam;

import inet.ipaddr.IPAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Where per-host pools come from.
 *
 * @param ranges the container ranges, allocated from in this order
 * @param blockSize the prefix length of each host's pool (and of its Calico IPAM block)
 */
public record IpamConfig(List<IPAddress> ranges, int blockSize) {

  /** The platform's network: 10.3.240.0/21 then 10.3.216.0/21, a /27 per host. */
  public static final IpamConfig DEFAULT = of(List.of("10.3.240.0/21", "10.3.216.0/21"), 27);

  public IpamConfig {
    ranges = List.copyOf(ranges);
    if (ranges.isEmpty()) {
      throw new BadInputException("ranges: at least one range is needed");
    }
    if (blockSize < 20 || blockSize > 32) {
      throw new BadInputException("blockSize " + blockSize + ": must be between 20 and 32 (Calico's IPv4 block sizes)");
    }
    for (IPAddress r : ranges) {
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

  /** Parses and validates textual ranges; every error names the offending range. */
  public static IpamConfig of(List<String> ranges, int blockSize) {
    List<IPAddress> parsed = new ArrayList<>();
    for (String r : ranges) {
      parsed.add(Names.ipv4Prefix("range", r));
    }
    return new IpamConfig(parsed, blockSize);
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
}
