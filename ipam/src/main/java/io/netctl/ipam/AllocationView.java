package io.netctl.ipam;

import inet.ipaddr.ipv4.IPv4Address;
import io.netctl.ipam.calico.CalicoKeys;
import io.netctl.ipam.calico.CalicoResource;
import io.netctl.ipam.calico.IpPoolSpec;
import io.netctl.ipam.store.KeyValue;
import io.netctl.ipam.store.KvStore;
import io.netctl.ipam.store.Range;
import io.netctl.ipam.store.Read;
import io.netctl.ipam.store.StoreException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What planning one node's allocation needs, read in one round trip at one revision, mostly
 * without values: the node's record, the names of every indexed pool, IPPool and IPAM block
 * (their keys spell their CIDRs), the values of foreign IPPools only, the owner of the requested
 * host IP, and the node's block affinities.
 *
 * @param record the node's allocation, or null
 * @param indexed CIDRs in netctl's index (held by netctl allocations)
 * @param calicoBlocks CIDRs of existing Calico IPAM blocks
 * @param netctlPools CIDRs of IPPools named by netctl ({@code netctl-a-b-c-d-len})
 * @param foreignPools other IPPools, parsed (they may be any size)
 * @param hostIpOwner the index key of the requested host IP, or null
 * @param affinities the node's affinity keys
 * @param malformed what was read but cannot be: the node's own record when it is malformed (the
 *     planner refuses it), foreign IPPools that are not JSON (passed over)
 * @param calicoNode the node's Calico Node ({@code /calico/resources/v3/projectcalico.org/nodes/<node>}),
 *     or null while calico-node has not registered it
 * @param recordPool the IPPool of the node's allocation, or null (no allocation, or the pool is gone)
 * @param revision the read's revision
 */
public record AllocationView(
    IpamState.Stored<Allocation> record,
    Set<String> indexed,
    Set<String> calicoBlocks,
    Set<String> netctlPools,
    List<IpamState.Pool> foreignPools,
    KeyValue hostIpOwner,
    Map<String, KeyValue> affinities,
    List<MalformedRecord> malformed,
    KeyValue calicoNode,
    KeyValue recordPool,
    long revision) {

  public AllocationView {
    malformed = List.copyOf(malformed);
  }

  /** The node's own record when it cannot be read, else null. */
  public MalformedRecord malformedRecord() {
    return malformed.stream().filter(m -> m.key().startsWith(NetctlKeys.ALLOCATIONS)).findFirst().orElse(null);
  }

  public static AllocationView read(KvStore store, String node, IPv4Address hostIp) {
    List<Read> reads = new ArrayList<>(List.of(
        Read.key(NetctlKeys.allocation(node)),
        Read.keysOnly(NetctlKeys.CIDRS),
        Read.keysOnly(CalicoKeys.BLOCKS_V4),
        Read.keysOnly(CalicoKeys.IPPOOLS),
        Read.prefix(CalicoKeys.affinities(node))));
    if (hostIp != null) {
      reads.add(Read.key(NetctlKeys.hostIp(hostIp)));
    }
    int nodeRead = reads.size();
    reads.add(Read.key(CalicoKeys.node(node)));
    List<Range> r = store.read(reads);
    List<MalformedRecord> malformed = new ArrayList<>();
    IpamState.Stored<Allocation> record = r.get(0).kvs().stream().findFirst().map(kv -> parsedRecord(kv, node, malformed)).orElse(null);
    Set<String> indexed = cidrs(r.get(1), NetctlKeys.CIDRS);
    Set<String> blocks = cidrs(r.get(2), CalicoKeys.BLOCKS_V4);
    Set<String> netctlPools = new HashSet<>();
    List<String> foreignKeys = new ArrayList<>();
    for (KeyValue kv : r.get(3).kvs()) {
      String name = kv.key().substring(CalicoKeys.IPPOOLS.length());
      String cidr = name.startsWith("netctl-") ? cidrFromName(name.substring(7)) : null;
      if (cidr != null) {
        netctlPools.add(cidr);
      } else {
        foreignKeys.add(kv.key());
      }
    }
    List<IpamState.Pool> foreign = new ArrayList<>();
    if (!foreignKeys.isEmpty()) {
      for (Range fr : store.read(foreignKeys.stream().map(Read::key).toList())) {
        for (KeyValue kv : fr.kvs()) {
          try {
            CalicoResource res = CalicoResource.parse(kv, null);
            foreign.add(new IpamState.Pool(kv, res, IpPoolSpec.cidrOf(res.spec())));
          } catch (StoreException e) {
            malformed.add(MalformedRecord.of(kv, null, null, e));
          }
        }
      }
    }
    Map<String, KeyValue> affinities = new HashMap<>();
    r.get(4).kvs().forEach(kv -> affinities.put(kv.key(), kv));
    KeyValue owner = hostIp == null ? null : r.get(5).kvs().stream().findFirst().orElse(null);
    KeyValue calicoNode = r.get(nodeRead).kvs().stream().findFirst().orElse(null);
    KeyValue recordPool = null;
    if (record != null && netctlPools.contains(record.value().cidrText())) {
      // a second round trip only for a node that has a pool: its IPPool's value (for its selector)
      recordPool = store.get(CalicoKeys.resource("ippools", NetctlKeys.poolName(record.value().cidr()))).orElse(null);
    }
    return new AllocationView(record, indexed, blocks, netctlPools, foreign, owner, affinities, malformed, calicoNode, recordPool, r.get(0).revision());
  }

  /** The node's record parsed, or null after adding it to {@code malformed} when it cannot be. */
  static IpamState.Stored<Allocation> parsedRecord(KeyValue kv, String node, List<MalformedRecord> malformed) {
    try {
      return new IpamState.Stored<>(Allocation.parse(kv.key(), kv.value()), kv);
    } catch (StoreException e) {
      malformed.add(MalformedRecord.of(kv, node, null, e));
      return null;
    }
  }

  /** The view of a full state (for tests and offline planning), without a Calico Node. */
  public static AllocationView of(IpamState s, String node, IPv4Address hostIp) {
    return of(s, node, hostIp, null);
  }

  /** The view of a full state (for tests and offline planning) and the node's Calico Node ({@code calicoNode}, or null). */
  public static AllocationView of(IpamState s, String node, IPv4Address hostIp, KeyValue calicoNode) {
    Set<String> indexed = new HashSet<>();
    for (String k : s.netctlKeys().keySet()) {
      if (k.startsWith(NetctlKeys.CIDRS)) {
        indexed.add(segmentToCidr(k.substring(NetctlKeys.CIDRS.length())));
      }
    }
    Set<String> netctlPools = new HashSet<>();
    List<IpamState.Pool> foreign = new ArrayList<>();
    for (IpamState.Pool p : s.pools()) {
      String name = p.resource().name();
      String cidr = name.startsWith("netctl-") ? cidrFromName(name.substring(7)) : null;
      if (cidr != null) {
        netctlPools.add(cidr);
      } else {
        foreign.add(p);
      }
    }
    Map<String, KeyValue> affinities = new HashMap<>();
    s.affinities().forEach(affinities::put);
    Set<String> blocks = new HashSet<>(s.blocks().keySet());
    List<MalformedRecord> malformed = new ArrayList<>();
    for (MalformedRecord m : s.malformed()) {
      if (m.key().equals(NetctlKeys.allocation(node))) {
        malformed.add(m);
      } else if (m.key().startsWith(CalicoKeys.BLOCKS_V4) && m.cidr() != null) {
        blocks.add(m.cidr()); // its key still holds the pool
      } else if (m.key().startsWith(CalicoKeys.IPPOOLS)) {
        if (m.cidr() != null) {
          netctlPools.add(m.cidr());
        } else {
          malformed.add(m);
        }
      }
    }
    IpamState.Stored<Allocation> record = s.allocations().get(node);
    KeyValue recordPool = null;
    if (record != null) {
      String poolKey = CalicoKeys.resource("ippools", NetctlKeys.poolName(record.value().cidr()));
      recordPool = s.pools().stream().map(IpamState.Pool::kv).filter(kv -> kv.key().equals(poolKey)).findFirst().orElse(null);
    }
    return new AllocationView(
        record, indexed, blocks, netctlPools, foreign,
        hostIp == null ? null : s.netctlKeys().get(NetctlKeys.hostIp(hostIp)), affinities, malformed, calicoNode, recordPool, s.revision());
  }

  private static Set<String> cidrs(Range r, String prefix) {
    Set<String> out = new HashSet<>();
    for (KeyValue kv : r.kvs()) {
      out.add(segmentToCidr(kv.key().substring(prefix.length())));
    }
    return out;
  }

  /** {@code 10.3.240.0-27} (Calico's key segment) → {@code 10.3.240.0/27}. */
  static String segmentToCidr(String segment) {
    int dash = segment.lastIndexOf('-');
    return dash < 0 ? segment : segment.substring(0, dash) + "/" + segment.substring(dash + 1);
  }

  /** {@code 10-3-240-0-27} (a pool name netctl gave) → {@code 10.3.240.0/27}, or null when it is not one. */
  static String cidrFromName(String name) {
    String[] p = name.split("-");
    if (p.length != 5) {
      return null;
    }
    return PoolGrid.canonical(p[0] + "." + p[1] + "." + p[2] + "." + p[3] + "/" + p[4]);
  }
}
