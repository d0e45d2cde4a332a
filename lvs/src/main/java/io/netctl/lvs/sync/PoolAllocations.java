package io.netctl.lvs.sync;

import io.netctl.ipam.Allocation;
import io.netctl.ipam.NetctlKeys;
import io.netctl.ipam.store.KeyValue;
import io.netctl.ipam.store.KvStore;
import io.netctl.ipam.store.Range;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * netctl's allocation records, read at one store revision (only {@code /netctl/v1/allocations/}:
 * a director needs pools and host IPs, not Calico's objects).
 *
 * @param allocations every allocation, in key order
 * @param revision the revision of the read; a watch from {@code revision + 1} misses nothing
 */
public record PoolAllocations(List<Allocation> allocations, long revision) {
  public PoolAllocations {
    allocations = List.copyOf(allocations);
  }

  public static PoolAllocations read(KvStore store) {
    return read(store, new HashMap<>());
  }

  /**
   * Reads the allocations, parsing only records that changed since the last read with the same
   * {@code parsed} map (a long-running sync keeps it: a re-sync of 10,000 unchanged records parses
   * none). The map is updated to hold exactly the current records.
   */
  public static PoolAllocations read(KvStore store, Map<String, Parsed> parsed) {
    Range r = store.range(NetctlKeys.ALLOCATIONS);
    List<Allocation> out = new ArrayList<>(r.kvs().size());
    Map<String, Parsed> now = new HashMap<>(r.kvs().size() * 2);
    for (KeyValue kv : r.kvs()) {
      Parsed p = parsed.get(kv.key());
      if (p == null || p.modRevision() != kv.modRevision()) {
        p = new Parsed(Allocation.parse(kv.key(), kv.value()), kv.modRevision());
      }
      now.put(kv.key(), p);
      out.add(p.allocation());
    }
    parsed.clear();
    parsed.putAll(now);
    return new PoolAllocations(out, r.revision());
  }

  /** A parsed record and the revision it was parsed at. */
  public record Parsed(Allocation allocation, long modRevision) {}
}
