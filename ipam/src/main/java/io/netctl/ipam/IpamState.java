package io.netctl.ipam;

import inet.ipaddr.IPAddress;
import io.netctl.ipam.calico.AllocationBlock;
import io.netctl.ipam.calico.CalicoKeys;
import io.netctl.ipam.calico.CalicoResource;
import io.netctl.ipam.calico.IpPoolSpec;
import io.netctl.ipam.store.KeyValue;
import io.netctl.ipam.store.KvStore;
import io.netctl.ipam.store.Range;
import io.netctl.ipam.store.StoreException;
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
 * @param malformed the keys among these that cannot be read (passed over above), in key order;
 *     each with its owner and pool where netctl's indexes or its key tell them
 * @param revision the revision of the read
 */
public record IpamState(
    Map<String, Stored<Allocation>> allocations,
    Map<String, KeyValue> netctlKeys,
    List<Pool> pools,
    Map<String, Stored<AllocationBlock>> blocks,
    Map<String, KeyValue> affinities,
    List<MalformedRecord> malformed,
    long revision) {

  public IpamState {
    malformed = List.copyOf(malformed);
  }

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

  /**
   * The state from ranges already read (netctl root, IPPools, IPv4 blocks, and optionally one
   * node's affinities). A value that cannot be read is passed over and listed in {@link #malformed}.
   */
  public static IpamState of(Range netctl, Range pools, Range blocks, Range affinities) {
    Map<String, Stored<Allocation>> allocations = new LinkedHashMap<>();
    Map<String, KeyValue> keys = new HashMap<>();
    List<MalformedRecord> bad = new ArrayList<>();
    Map<String, String> poolOfNode = new HashMap<>();
    Map<String, String> nodeOfPool = new HashMap<>();
    for (KeyValue kv : netctl.kvs()) {
      keys.put(kv.key(), kv);
      String k = kv.key();
      if (k.startsWith(NetctlKeys.ALLOCATIONS)) {
        try {
          Allocation a = Allocation.parse(k, kv.value());
          allocations.put(a.node(), new Stored<>(a, kv));
        } catch (StoreException e) {
          bad.add(MalformedRecord.of(kv, k.substring(NetctlKeys.ALLOCATIONS.length()), null, e));
        }
      } else if (k.startsWith(NetctlKeys.CIDRS)) {
        String cidr = AllocationView.segmentToCidr(k.substring(NetctlKeys.CIDRS.length()));
        String node = NetctlKeys.indexedNode(kv.value()).orElse(null);
        if (PoolGrid.parse(cidr) == null) {
          bad.add(new MalformedRecord(kv, node, null, "the key names no IPv4 CIDR"));
        } else if (node != null) {
          poolOfNode.putIfAbsent(node, cidr);
          nodeOfPool.putIfAbsent(cidr, node);
        }
      } else if (k.startsWith(NetctlKeys.HOST_IPS)) {
        if (PoolGrid.parse(k.substring(NetctlKeys.HOST_IPS.length()) + "/32") == null) {
          bad.add(new MalformedRecord(kv, NetctlKeys.indexedNode(kv.value()).orElse(null), null, "the key names no IPv4 address"));
        }
      }
    }
    List<Pool> ps = new ArrayList<>();
    for (KeyValue kv : pools.kvs()) {
      try {
        CalicoResource res = CalicoResource.parse(kv, null);
        ps.add(new Pool(kv, res, IpPoolSpec.cidrOf(res.spec())));
      } catch (StoreException e) {
        String name = kv.key().substring(CalicoKeys.IPPOOLS.length());
        String cidr = name.startsWith("netctl-") ? AllocationView.cidrFromName(name.substring(7)) : null;
        bad.add(MalformedRecord.of(kv, null, cidr, e));
      }
    }
    Map<String, Stored<AllocationBlock>> bs = new HashMap<>();
    for (KeyValue kv : blocks.kvs()) {
      try {
        AllocationBlock b = AllocationBlock.parse(kv.key(), kv.value());
        bs.put(b.cidr().toCanonicalString(), new Stored<>(b, kv));
      } catch (StoreException e) {
        String cidr = AllocationView.segmentToCidr(kv.key().substring(CalicoKeys.BLOCKS_V4.length()));
        bad.add(MalformedRecord.of(kv, null, PoolGrid.parse(cidr) == null ? null : cidr, e));
      }
    }
    Map<String, KeyValue> affs = new HashMap<>();
    if (affinities != null) {
      affinities.kvs().forEach(kv -> affs.put(kv.key(), kv));
    }
    List<MalformedRecord> owned = new ArrayList<>();
    for (MalformedRecord m : bad) {
      boolean record = m.key().startsWith(NetctlKeys.ALLOCATIONS);
      owned.add(m.withOwner(m.cidr() == null ? null : nodeOfPool.get(m.cidr()), record ? poolOfNode.get(m.owner()) : null));
    }
    owned.sort((x, y) -> x.key().compareTo(y.key()));
    return new IpamState(allocations, keys, ps, bs, affs, owned, netctl.revision());
  }

  /** The malformed record at {@code key}, or null. */
  public MalformedRecord malformedAt(String key) {
    return malformed.stream().filter(m -> m.key().equals(key)).findFirst().orElse(null);
  }

  /** The node holding {@code cidr} in netctl's index, or null. */
  public KeyValue cidrIndex(IPAddress cidr) {
    return netctlKeys.get(NetctlKeys.cidr(cidr));
  }
}
