package io.netctl.lvs.sync;

import io.netctl.ipam.Allocation;
import io.netctl.ipam.NetctlKeys;
import io.netctl.ipam.store.KeyValue;
import io.netctl.ipam.store.KvStore;
import io.netctl.ipam.store.Range;
import java.util.ArrayList;
import java.util.List;

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
    Range r = store.range(NetctlKeys.ALLOCATIONS);
    List<Allocation> out = new ArrayList<>(r.kvs().size());
    for (KeyValue kv : r.kvs()) {
      out.add(Allocation.parse(kv.key(), kv.value()));
    }
    return new PoolAllocations(out, r.revision());
  }
}
