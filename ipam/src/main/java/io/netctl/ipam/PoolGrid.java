package io.netctl.ipam;

import inet.ipaddr.IPAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The pools of the configured ranges as numbered cells, in allocation order: block {@code i} of
 * range {@code r}, its canonical name ({@code 10.3.240.32/27}) and back, by integer arithmetic on
 * the IPv4 addresses. Nothing is enumerated ahead: what it costs grows with the blocks a caller
 * visits, never with the size of the ranges (a /8 of /27s is 524,288 pools).
 */
final class PoolGrid {
  private final int blockSize;
  private final int shift;
  private final long[] starts;
  private final long[] counts;

  PoolGrid(IpamConfig config) {
    this.blockSize = config.blockSize();
    this.shift = 32 - blockSize;
    this.starts = new long[config.ranges().size()];
    this.counts = new long[starts.length];
    for (int r = 0; r < starts.length; r++) {
      IPAddress range = config.ranges().get(r);
      starts[r] = range.getLower().getValue().longValue();
      counts[r] = config.blocksIn(range);
    }
  }

  int ranges() {
    return starts.length;
  }

  /** How many pools range {@code r} holds. */
  long blocks(int r) {
    return counts[r];
  }

  /** The canonical CIDR of block {@code i} of range {@code r}. */
  String name(int r, long i) {
    long a = starts[r] + (i << shift);
    return ((a >>> 24) & 255) + "." + ((a >>> 16) & 255) + "." + ((a >>> 8) & 255) + "." + (a & 255) + "/" + blockSize;
  }

  /** The index in range {@code r} of the block named {@code cidr}, or -1 when it is no block of that range. */
  long index(int r, String cidr) {
    long[] p = parse(cidr);
    if (p == null || p[1] != blockSize) {
      return -1;
    }
    long off = p[0] - starts[r];
    if (off < 0 || (off & ((1L << shift) - 1)) != 0 || (off >>> shift) >= counts[r]) {
      return -1;
    }
    return off >>> shift;
  }

  /** The range holding the block named {@code cidr}, or -1. */
  int rangeOf(String cidr) {
    for (int r = 0; r < starts.length; r++) {
      if (index(r, cidr) >= 0) {
        return r;
      }
    }
    return -1;
  }

  /**
   * The blocks of range {@code r} that a prefix overlaps, as {@code [first, last]} indexes, or null
   * when it overlaps none (a prefix smaller than a block holds the block it lies in).
   */
  long[] overlap(int r, IPAddress prefix) {
    if (!prefix.isIPv4()) {
      return null;
    }
    long lo = prefix.getLower().getValue().longValue();
    long hi = prefix.getUpper().getValue().longValue();
    long rangeHi = starts[r] + (counts[r] << shift) - 1;
    if (hi < starts[r] || lo > rangeHi) {
      return null;
    }
    long first = (Math.max(lo, starts[r]) - starts[r]) >>> shift;
    long last = (Math.min(hi, rangeHi) - starts[r]) >>> shift;
    return new long[] {first, last};
  }

  /** Sorted, merged {@code [first, last]} intervals. */
  static List<long[]> merge(List<long[]> intervals) {
    List<long[]> sorted = new ArrayList<>(intervals);
    sorted.sort((x, y) -> Long.compare(x[0], y[0]));
    List<long[]> out = new ArrayList<>();
    for (long[] i : sorted) {
      long[] last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (last != null && i[0] <= last[1] + 1) {
        last[1] = Math.max(last[1], i[1]);
      } else {
        out.add(new long[] {i[0], i[1]});
      }
    }
    return out;
  }

  /** The canonical form of an IPv4 CIDR (its prefix block, as {@code IPAddress} prints it), or null when it is none. */
  static String canonical(String cidr) {
    long[] p = parse(cidr);
    if (p == null) {
      return null;
    }
    long a = p[1] == 0 ? 0 : p[0] & (0xffffffffL << (32 - p[1])) & 0xffffffffL;
    return ((a >>> 24) & 255) + "." + ((a >>> 16) & 255) + "." + ((a >>> 8) & 255) + "." + (a & 255) + "/" + p[1];
  }

  /** {@code a.b.c.d/n} as {address, n}, or null when it is not one. */
  static long[] parse(String cidr) {
    int slash = cidr.indexOf('/');
    if (slash < 0) {
      return null;
    }
    long a = 0;
    int part = 0;
    int value = -1;
    for (int k = 0; k < slash; k++) {
      char c = cidr.charAt(k);
      if (c == '.') {
        if (value < 0 || part == 3) {
          return null;
        }
        a = (a << 8) | value;
        part++;
        value = -1;
      } else if (c >= '0' && c <= '9') {
        value = (value < 0 ? 0 : value * 10) + (c - '0');
        if (value > 255) {
          return null;
        }
      } else {
        return null;
      }
    }
    if (part != 3 || value < 0) {
      return null;
    }
    a = (a << 8) | value;
    int len;
    try {
      len = Integer.parseInt(cidr.substring(slash + 1));
    } catch (NumberFormatException e) {
      return null;
    }
    if (len < 0 || len > 32) {
      return null;
    }
    return new long[] {a, len};
  }
}
