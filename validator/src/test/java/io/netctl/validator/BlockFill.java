package io.netctl.validator;

import io.netctl.ipam.calico.CalicoKeys;
import io.netctl.ipam.store.KeyValue;
import io.netctl.ipam.store.KvStore;
import io.netctl.ipam.store.Txn;
import java.util.ArrayList;
import java.util.List;

/**
 * Calico IPAM hands out addresses of a block as calico-ipam does (libcalico-go model/block.go):
 * {@code allocations[ordinal]} is the index of an entry of {@code attributes} that names the pod's
 * handle, {@code unallocated} lists the free ordinals.
 */
public final class BlockFill {
  private BlockFill() {}

  /** Rewrites the block of {@code cidr} (e.g. {@code 10.3.240.0/27}) of {@code host} with its first {@code inUse} ordinals taken. */
  public static void fill(KvStore store, String cidr, String host, int inUse) {
    int prefix = Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1));
    int size = 1 << (32 - prefix);
    List<String> allocations = new ArrayList<>();
    List<String> unallocated = new ArrayList<>();
    List<String> attributes = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      if (i < inUse) {
        allocations.add(String.valueOf(i));
        attributes.add("{\"handle_id\":\"k8s-pod-network.pod-" + i + "\",\"secondary\":{\"namespace\":\"default\",\"node\":\"" + host
            + "\",\"pod\":\"pod-" + i + "\"}}");
      } else {
        allocations.add("null");
        unallocated.add(String.valueOf(i));
      }
    }
    String json = "{\"cidr\":\"" + cidr + "\",\"affinity\":\"host:" + host + "\",\"allocations\":[" + String.join(",", allocations)
        + "],\"unallocated\":[" + String.join(",", unallocated) + "],\"attributes\":[" + String.join(",", attributes)
        + "],\"sequenceNumber\":1,\"sequenceNumberForAllocation\":{},\"deleted\":false}";
    String key = CalicoKeys.BLOCKS_V4 + cidr.replace('/', '-');
    KeyValue old = store.get(key).orElseThrow(() -> new IllegalStateException("no block " + key));
    if (!store.commit(Txn.builder().update(old, json).build()).succeeded()) {
      throw new IllegalStateException("block " + key + " changed meanwhile");
    }
  }
}
