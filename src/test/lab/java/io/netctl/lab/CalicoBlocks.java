package io.netctl.lab;

import java.util.ArrayList;
import java.util.List;

/**
 * Calico IPAM blocks with addresses handed out as calico-ipam does (libcalico-go model/block.go):
 * {@code allocations[ordinal]} is the index of an entry of {@code attributes} that names the pod's
 * handle, {@code unallocated} lists the free ordinals. Tests write the value at the block's key.
 */
public final class CalicoBlocks {
  private CalicoBlocks() {}

  /** The key of the block of {@code cidr} ({@code 10.3.240.0/27}) in Calico's etcd layout. */
  public static String key(String cidr) {
    return "/calico/ipam/v2/assignment/ipv4/block/" + cidr.replace('/', '-');
  }

  /** The block of {@code cidr}, affine to {@code host}, with its first {@code inUse} ordinals taken by pods. */
  public static String json(String cidr, String host, int inUse) {
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
    return "{\"cidr\":\"" + cidr + "\",\"affinity\":\"host:" + host + "\",\"allocations\":[" + String.join(",", allocations)
        + "],\"unallocated\":[" + String.join(",", unallocated) + "],\"attributes\":[" + String.join(",", attributes)
        + "],\"sequenceNumber\":1,\"sequenceNumberForAllocation\":{},\"deleted\":false}";
  }
}
