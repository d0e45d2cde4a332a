package io.netctl.ipam;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * How many pools of one range are taken, from what exists (netctl's index, IPPools, Calico
 * blocks, foreign pools, records that cannot be read) as merged intervals of the range's pools:
 * the cost grows with the number of those objects, never with the size of the range. Also the
 * pools report ({@link #report}) built from it.
 *
 * @param total the pools of the range
 * @param indexed the pools netctl's index holds
 * @param occupied the pools anything holds (the index, an IPPool, a block, a foreign pool, an
 *     allocation, a malformed record); {@code total - occupied} are free
 */
record RangeOccupancy(long total, long indexed, long occupied) {

  /**
   * Range {@code r} of {@code grid} as {@code view} shows it, with {@code extra} pools held
   * besides (allocations' and malformed records' CIDRs).
   */
  static RangeOccupancy of(PoolGrid grid, int r, AllocationView view, Collection<IPAddress> extra) {
    List<long[]> held = new ArrayList<>();
    long indexed = 0;
    for (String cidr : view.indexed()) {
      if (add(held, grid.index(r, cidr))) {
        indexed++;
      }
    }
    for (String cidr : view.netctlPools()) {
      add(held, grid.index(r, cidr));
    }
    for (String cidr : view.calicoBlocks()) {
      add(held, grid.index(r, cidr));
    }
    for (IPAddress cidr : extra) {
      add(held, grid.index(r, cidr.toCanonicalString()));
    }
    for (IpamState.Pool p : view.foreignPools()) {
      long[] o = p.cidr() == null ? null : grid.overlap(r, p.cidr());
      if (o != null) {
        held.add(o);
      }
    }
    long occupied = 0;
    for (long[] i : PoolGrid.merge(held)) {
      occupied += i[1] - i[0] + 1;
    }
    return new RangeOccupancy(grid.blocks(r), indexed, occupied);
  }

  /** {@link AllocationPlanner#pools}: every range's occupancy, from a state already read. */
  static Allocator.PoolsReport report(IpamConfig config, IpamState state) {
    PoolGrid grid = new PoolGrid(config);
    AllocationView view = AllocationView.of(state, "-", null);
    List<Allocation> all = state.allocations().values().stream().map(IpamState.Stored::value)
        .sorted((x, y) -> x.cidr().compareTo(y.cidr())).toList();
    List<IPAddress> held = new ArrayList<>();
    all.forEach(a -> held.add(a.cidr()));
    for (MalformedRecord m : state.malformed()) {
      IPAddress c = m.cidr() == null ? null : new IPAddressString(m.cidr()).getAddress();
      if (c != null) {
        held.add(c);
      }
    }
    List<Allocator.RangeUse> ranges = new ArrayList<>();
    for (int r = 0; r < grid.ranges(); r++) {
      int range = r;
      long used = all.stream().filter(a -> grid.index(range, a.cidrText()) >= 0).count();
      RangeOccupancy o = RangeOccupancy.of(grid, r, view, held);
      ranges.add(new Allocator.RangeUse(config.ranges().get(r).toCanonicalString(), o.total(), used, Math.max(0, o.occupied() - used), o.total() - o.occupied()));
    }
    return new Allocator.PoolsReport(all, ranges, state.malformed(), PoolUse.of(state));
  }

  private static boolean add(List<long[]> held, long index) {
    if (index < 0) {
      return false;
    }
    held.add(new long[] {index, index});
    return true;
  }
}
