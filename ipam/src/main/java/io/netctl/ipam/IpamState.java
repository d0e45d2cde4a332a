package io.netctl.ipam;

import inet.ipaddr.IPAddress;
import io.netctl.ipam.calico.AllocationBlock;
import io.netctl.ipam.calico.CalicoKeys;
import io.netctl.ipam.calico.CalicoResource;
import io.netctl.ipam.calico.IpPoolSpec;
import io.netctl.ipam.store.KeyValue;
import io.netctl.ipam.store.KvStore;
import io.netctl.ipam.store.Range;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What allocation planning needs, read at one store revision: netctl's records and indexes, every
 * Calico IPPool and IPv4 block, and (when a node is given) that node's block affinities.
 *
 * @param allocations netctl's records by node
 * @param netctlKeys every key under /netctl/v1/ (records and indexes), by key
 * @param pools every IPPool, in key order
 * @param blocks every IPv4 IPAM block, by canonical CIDR
 * @param affinities the given node's affinity keys, by key
 * @param revision the revision of the read
 */
public record IpamState(
    Map<String, Stored<Allocation>> allocations,
    Map<String, KeyValue> netctlKeys,
    List<Pool> pools,
    Map<String, Stored<AllocationBlock>> blocks,
    Map<String, KeyValue> affinities,
    long revision) {

  /** A parsed value and the key-value it came from (for mod-revision guards). */
  public record Stored<T>(T value, KeyValue kv) {}

  /**
   * A Calico IPPool.
   *
   * @param kv as stored
   * @param resource parsed envelope
   * @param cidr its CIDR, or null when unparsable
   */
  public record Pool(KeyValue kv, CalicoResource resource, IPAddress cidr) {
    public boolean managed() {
      return resource.managedByNetctl();
    }
  }

  /** Reads the state in one consistent snapshot; {@code node} may be null (no affinities read). */
  public static IpamState read(KvStore store, String node) {
    List<String> prefixes = new ArrayList<>(List.of(NetctlKeys.ROOT, CalicoKeys.IPPOOLS, CalicoKeys.BLOCKS_V4));
    if (node != null) {
      prefixes.add(CalicoKeys.affinities(node));
    }
    List<Range> r = store.ranges(prefixes);
    return of(r.get(0), r.get(1), r.get(2), node != null ? r.get(3) : null);
  }

  /** The state from ranges already read (netctl root, IPPools, IPv4 blocks, and optionally one node's affinities). */
  public static IpamState of(Range netctl, Range pools, Range blocks, Range affinities) {
    Map<String, Stored<Allocation>> allocations = new LinkedHashMap<>();
    Map<String, KeyValue> keys = new HashMap<>();
    for (KeyValue kv : netctl.kvs()) {
      keys.put(kv.key(), kv);
      if (kv.key().startsWith(NetctlKeys.ALLOCATIONS)) {
        Allocation a = Allocation.parse(kv.key(), kv.value());
        allocations.put(a.node(), new Stored<>(a, kv));
      }
    }
    List<Pool> ps = new ArrayList<>();
    for (KeyValue kv : pools.kvs()) {
      CalicoResource res = CalicoResource.parse(kv, null);
      ps.add(new Pool(kv, res, IpPoolSpec.cidrOf(res.spec())));
    }
    Map<String, Stored<AllocationBlock>> bs = new HashMap<>();
    for (KeyValue kv : blocks.kvs()) {
      AllocationBlock b = AllocationBlock.parse(kv.key(), kv.value());
      bs.put(b.cidr().toCanonicalString(), new Stored<>(b, kv));
    }
    Map<String, KeyValue> affs = new HashMap<>();
    if (affinities != null) {
      affinities.kvs().forEach(kv -> affs.put(kv.key(), kv));
    }
    return new IpamState(allocations, keys, ps, bs, affs, netctl.revision());
  }

  /** The node holding {@code cidr} in netctl's index, or null. */
  public KeyValue cidrIndex(IPAddress cidr) {
    return netctlKeys.get(NetctlKeys.cidr(cidr));
  }
}
