package io.netctl.validator.picture;

import inet.ipaddr.IPAddress;
import io.netctl.ipam.Allocation;
import io.netctl.ipam.IpamConfig;
import io.netctl.ipam.IpamState;
import io.netctl.ipam.calico.AllocationBlock;
import io.netctl.validator.Checker;
import io.netctl.validator.Intent;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Builds the pool map: every block of every managed range with its state, by integer arithmetic
 * on the addresses (a range is never enumerated beyond {@link NetworkPicture#MAX_CELLS} blocks).
 */
final class PoolMap {
  private PoolMap() {}

  /** A foreign holder: an address interval and its name. */
  private record Held(long lo, long hi, String by) {}

  static List<RangeMap> build(Intent intent, IpamState ipam, Checker.Observed observed, NetworkPicture.FindingIndex index) {
    IpamConfig cfg = intent.ipam();
    int shift = 32 - cfg.blockSize();
    Map<Long, Allocation> allocated = new HashMap<>();
    List<Held> foreign = new ArrayList<>();
    if (ipam != null) {
      for (IpamState.Stored<Allocation> s : ipam.allocations().values()) {
        Allocation a = s.value();
        if (a.cidr() != null && a.cidr().isIPv4()) {
          allocated.put(start(a.cidr()), a);
        }
      }
      for (IpamState.Pool p : ipam.pools()) {
        if (!p.managed() && p.cidr() != null && p.cidr().isIPv4()) {
          foreign.add(new Held(start(p.cidr()), p.cidr().getUpper().getValue().longValue(), "IPPool " + p.resource().name()));
        }
      }
      for (Map.Entry<String, IpamState.Stored<AllocationBlock>> e : ipam.blocks().entrySet()) {
        AllocationBlock blk = e.getValue().value();
        if (blk.cidr() != null && blk.cidr().isIPv4() && !allocated.containsKey(start(blk.cidr()))) {
          foreign.add(new Held(start(blk.cidr()), blk.cidr().getUpper().getValue().longValue(), "IPAM block " + e.getKey()
              + (blk.affinity() == null ? "" : " (" + blk.affinity() + ")")));
        }
      }
    }
    Map<Long, List<String>> seen = new HashMap<>();
    if (observed != null) {
      observed.advertisedBy().forEach((rr, prefixes) -> prefixes.forEach(p -> {
        Long s = parseStart(p, cfg.blockSize());
        if (s != null) {
          seen.computeIfAbsent(s, k -> new ArrayList<>()).add(rr);
        }
      }));
    }
    List<RangeMap> out = new ArrayList<>();
    for (IPAddress range : cfg.ranges()) {
      long first = start(range);
      long blocks = cfg.blocksIn(range);
      TreeSet<Long> visit = new TreeSet<>();
      boolean dense = blocks <= NetworkPicture.MAX_CELLS;
      if (dense) {
        for (long i = 0; i < blocks; i++) {
          visit.add(i);
        }
      } else {
        long end = first + (blocks << shift);
        for (Long s : allocated.keySet()) {
          if (s >= first && s < end) {
            visit.add((s - first) >>> shift);
          }
        }
        for (Long s : seen.keySet()) {
          if (s >= first && s < end) {
            visit.add((s - first) >>> shift);
          }
        }
        for (Held h : foreign) {
          for (long a = Math.max(h.lo(), first) & ~((1L << shift) - 1); a <= Math.min(h.hi(), end - 1) && visit.size() < 2 * NetworkPicture.MAX_CELLS;
              a += 1L << shift) {
            visit.add((a - first) >>> shift);
          }
        }
      }
      List<PoolCell> cells = new ArrayList<>();
      Map<PoolState, Long> counts = new EnumMap<>(PoolState.class);
      for (long i : visit) {
        long s = first + (i << shift);
        String cidr = name(s, cfg.blockSize());
        Allocation a = allocated.get(s);
        List<String> by = seen.getOrDefault(s, List.of());
        String holder = null;
        for (Held h : foreign) {
          if (s <= h.hi() && s + (1L << shift) - 1 >= h.lo()) {
            holder = h.by();
            break;
          }
        }
        List<Integer> fs = index.about(cidr, a == null ? null : a.node());
        PoolState st = a != null ? (index.anyFault(fs) ? PoolState.FINDINGS : PoolState.HEALTHY)
            : holder != null ? PoolState.FOREIGN : !by.isEmpty() ? PoolState.SEEN : PoolState.FREE;
        counts.merge(st, 1L, Long::sum);
        cells.add(new PoolCell(cidr, st, a == null ? null : a.node(), a == null ? null : a.hostIpText(), holder, by, fs));
      }
      if (!dense) {
        counts.put(PoolState.FREE, blocks - cells.size());
      }
      out.add(new RangeMap(range.toCanonicalString(), cfg.blockSize(), blocks, cells, counts));
    }
    return out;
  }

  private static long start(IPAddress a) {
    return a.getLower().getValue().longValue();
  }

  /** The start of {@code cidr} when it is an IPv4 prefix of exactly {@code blockSize}, else null. */
  private static Long parseStart(String cidr, int blockSize) {
    int slash = cidr.indexOf('/');
    if (slash < 0 || !cidr.substring(slash + 1).equals(Integer.toString(blockSize))) {
      return null;
    }
    String[] o = cidr.substring(0, slash).split("\\.");
    if (o.length != 4) {
      return null;
    }
    long v = 0;
    for (String x : o) {
      try {
        v = (v << 8) | (Integer.parseInt(x) & 255);
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return v;
  }

  static String name(long a, int len) {
    return ((a >>> 24) & 255) + "." + ((a >>> 16) & 255) + "." + ((a >>> 8) & 255) + "." + (a & 255) + "/" + len;
  }
}
