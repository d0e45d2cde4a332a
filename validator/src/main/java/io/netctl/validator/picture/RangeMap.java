package io.netctl.validator.picture;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One managed range of the pool map.
 *
 * @param range its CIDR
 * @param blockSize the prefix length of its blocks
 * @param blocks how many blocks it has
 * @param cells its blocks in address order; when the range has more than {@link
 *     NetworkPicture#MAX_CELLS} blocks, only the ones not {@link PoolState#FREE}
 * @param counts how many blocks are in each state (of all {@code blocks})
 */
public record RangeMap(String range, int blockSize, long blocks, List<PoolCell> cells, Map<PoolState, Long> counts) {
  public RangeMap {
    Objects.requireNonNull(range, "range");
    cells = List.copyOf(cells);
    EnumMap<PoolState, Long> c = new EnumMap<>(PoolState.class);
    for (PoolState s : PoolState.values()) {
      c.put(s, counts.getOrDefault(s, 0L));
    }
    counts = java.util.Collections.unmodifiableMap(c);
  }

  /** Whether free blocks were left out ({@link #cells} has fewer than {@link #blocks}). */
  public boolean sparse() {
    return cells.size() < blocks;
  }

  /** The share of blocks that are held (allocated or foreign), 0..1. */
  public double used() {
    long held = counts.get(PoolState.HEALTHY) + counts.get(PoolState.FINDINGS) + counts.get(PoolState.FOREIGN);
    return blocks == 0 ? 0 : (double) held / blocks;
  }
}
