package io.netctl.bgp.calico;

import inet.ipaddr.IPAddress;
import inet.ipaddr.ipv4.IPv4Address;
import io.netctl.ipam.Allocation;
import io.netctl.ipam.MalformedRecord;
import io.netctl.ipam.NetctlKeys;
import io.netctl.ipam.calico.CalicoKeys;
import io.netctl.ipam.calico.CalicoResource;
import io.netctl.ipam.calico.IpPoolSpec;
import io.netctl.ipam.store.KeyValue;
import io.netctl.ipam.store.KvStore;
import io.netctl.ipam.store.Range;
import io.netctl.ipam.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Calico's BGP objects in the datastore, read in one consistent snapshot together with what the
 * checks need: BGPConfiguration {@code default}, every BGPPeer, every Node, every IPPool's CIDR
 * and netctl's allocations.
 *
 * @param bgpConfiguration BGPConfiguration {@code default}, or null when absent (confd then uses the
 *     mesh on and AS 64512, reference A.4)
 * @param peers every BGPPeer, in key order
 * @param nodes every Calico Node, in key order
 * @param pools every IPPool (its name and CIDR; the CIDR is null when unparsable)
 * @param allocations netctl's allocations, in key order (records that cannot be read are left out:
 *     the IPAM checks report them)
 * @param malformed the BGPConfigurations, BGPPeers and Nodes that cannot be read (not JSON, another
 *     kind), passed over above
 * @param revision the store revision of the snapshot
 */
public record CalicoBgpState(
    StoredResource bgpConfiguration, List<StoredResource> peers, List<StoredResource> nodes, List<Pool> pools,
    List<Allocation> allocations, List<MalformedRecord> malformed, long revision) {

  public static final String DEFAULT_CONFIG_KEY = CalicoKeys.BGPCONFIGURATIONS + "default";

  /**
   * An IPPool's name and CIDR.
   *
   * @param name the resource name
   * @param cidr its CIDR, or null when it has none that parses
   */
  public record Pool(String name, IPAddress cidr) {}

  public CalicoBgpState {
    peers = List.copyOf(peers);
    nodes = List.copyOf(nodes);
    pools = List.copyOf(pools);
    allocations = List.copyOf(allocations);
    malformed = List.copyOf(malformed);
  }

  public static CalicoBgpState empty() {
    return new CalicoBgpState(null, List.of(), List.of(), List.of(), List.of(), List.of(), 0);
  }

  /** Reads everything at one revision. */
  public static CalicoBgpState read(KvStore store) {
    List<Range> r = store.ranges(List.of(
        CalicoKeys.BGPCONFIGURATIONS, CalicoKeys.BGPPEERS, CalicoKeys.NODES, CalicoKeys.IPPOOLS, NetctlKeys.ALLOCATIONS));
    return of(r.get(0).kvs(), r.get(1).kvs(), r.get(2).kvs(), r.get(3).kvs(), r.get(4).kvs(), r.get(0).revision());
  }

  /**
   * The state of keys already read at one revision: BGPConfigurations, BGPPeers, Nodes, IPPools and
   * netctl's allocation records (other keys in the lists are ignored).
   */
  public static CalicoBgpState of(List<KeyValue> configs, List<KeyValue> peerKvs, List<KeyValue> nodeKvs, List<KeyValue> poolKvs,
      List<KeyValue> allocationKvs, long revision) {
    List<MalformedRecord> malformed = new ArrayList<>();
    StoredResource config = null;
    for (KeyValue kv : configs) {
      if (kv.key().equals(DEFAULT_CONFIG_KEY)) {
        config = resource(kv, "BGPConfiguration", malformed);
      }
    }
    List<StoredResource> peers = new ArrayList<>();
    for (KeyValue kv : peerKvs) {
      StoredResource r = resource(kv, "BGPPeer", malformed);
      if (r != null) {
        peers.add(r);
      }
    }
    List<StoredResource> nodes = new ArrayList<>();
    for (KeyValue kv : nodeKvs) {
      StoredResource r = resource(kv, "Node", malformed);
      if (r != null) {
        nodes.add(r);
      }
    }
    List<Pool> pools = new ArrayList<>();
    for (KeyValue kv : poolKvs) {
      try {
        CalicoResource p = CalicoResource.parse(kv, null);
        pools.add(new Pool(p.name(), IpPoolSpec.cidrOf(p.spec())));
      } catch (StoreException e) {
        // an IPPool that cannot be read: the IPAM checks report it
      }
    }
    List<Allocation> allocations = new ArrayList<>();
    for (KeyValue kv : allocationKvs) {
      if (kv.key().startsWith(NetctlKeys.ALLOCATIONS)) {
        try {
          allocations.add(Allocation.parse(kv.key(), kv.value()));
        } catch (StoreException e) {
          // the IPAM checks report it
        }
      }
    }
    return new CalicoBgpState(config, peers, nodes, pools, allocations, malformed, revision);
  }

  private static StoredResource resource(KeyValue kv, String kind, List<MalformedRecord> malformed) {
    try {
      return new StoredResource(kv, CalicoResource.parse(kv, kind));
    } catch (StoreException e) {
      malformed.add(MalformedRecord.of(kv, null, null, e));
      return null;
    }
  }

  /** The malformed object at {@code key}, or null. */
  public MalformedRecord malformedAt(String key) {
    return malformed.stream().filter(m -> m.key().equals(key)).findFirst().orElse(null);
  }

  /** The global AS as confd sees it: {@code default}'s asNumber, else 64512 (reference A.4). */
  public long globalAs() {
    if (bgpConfiguration == null) {
      return BgpTopology.DEFAULT_AS;
    }
    try {
      OptionalLong as = AsNumber.fromCalico(bgpConfiguration.resource().spec().get("asNumber"));
      return as.orElse(BgpTopology.DEFAULT_AS);
    } catch (IllegalArgumentException e) {
      return BgpTopology.DEFAULT_AS;
    }
  }

  /** The mesh as confd sees it: {@code nodeToNodeMeshEnabled}, true when unset or when {@code default} is absent. */
  public boolean meshEnabled() {
    return bgpConfiguration == null || bgpConfiguration.resource().spec().path("nodeToNodeMeshEnabled").asBoolean(true);
  }

  public Optional<StoredResource> peer(String name) {
    return peers.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  public Optional<StoredResource> node(String name) {
    return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
  }

  /** The Calico Node whose {@code spec.bgp.ipv4Address} is {@code ip}, if exactly one has it. */
  public Optional<StoredResource> nodeAt(IPv4Address ip) {
    List<StoredResource> m = nodes.stream().filter(n -> ip.equals(NodeBgp.of(n.resource()).ip())).toList();
    return m.size() == 1 ? Optional.of(m.get(0)) : Optional.empty();
  }
}
