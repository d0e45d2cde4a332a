package io.netctl.validator;

import io.netctl.ipam.IpamState;
import io.netctl.ipam.calico.CalicoKeys;
import io.netctl.ipam.store.KeyValue;
import io.netctl.ipam.store.KvStore;
import io.netctl.ipam.store.Range;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every key the checks look at, read at one revision: netctl's records, Calico's IPPools,
 * BGPPeers, BGPConfigurations and Nodes, IPv4 IPAM blocks and block affinities, and netctl's
 * allocation history. The same prefixes make a snapshot ({@code netctl snapshot export}).
 *
 * @param ranges one range per entry of {@link #PREFIXES}, in that order
 */
public record ClusterState(List<Range> ranges) {
  public static final List<String> PREFIXES = List.of(
      io.netctl.ipam.NetctlKeys.ROOT,
      CalicoKeys.IPPOOLS,
      CalicoKeys.BGPPEERS,
      CalicoKeys.BGPCONFIGURATIONS,
      CalicoKeys.NODES,
      CalicoKeys.BLOCKS_V4,
      CalicoKeys.HOSTS,
      io.netctl.ipam.NetctlKeys.HISTORY);

  public ClusterState {
    ranges = List.copyOf(ranges);
    if (ranges.size() != PREFIXES.size()) {
      throw new IllegalArgumentException("expected " + PREFIXES.size() + " ranges");
    }
  }

  public static ClusterState read(KvStore store) {
    return new ClusterState(store.ranges(PREFIXES));
  }

  public long revision() {
    return ranges.get(0).revision();
  }

  public List<KeyValue> netctl() {
    return ranges.get(0).kvs();
  }

  public List<KeyValue> ipPools() {
    return ranges.get(1).kvs();
  }

  public List<KeyValue> bgpPeers() {
    return ranges.get(2).kvs();
  }

  public List<KeyValue> bgpConfigurations() {
    return ranges.get(3).kvs();
  }

  public List<KeyValue> nodes() {
    return ranges.get(4).kvs();
  }

  public List<KeyValue> blocks() {
    return ranges.get(5).kvs();
  }

  public List<KeyValue> affinities() {
    return ranges.get(6).kvs();
  }

  /** netctl's allocation history ({@link io.netctl.ipam.HistoryEntry}). */
  public List<KeyValue> history() {
    return ranges.get(7).kvs();
  }

  /** The allocation view of the same keys (records, indexes, pools, blocks). */
  public IpamState ipam() {
    return IpamState.of(ranges.get(0), ranges.get(1), ranges.get(5), null);
  }

  /** Calico's BGP objects and the allocations of the same read. */
  public io.netctl.bgp.calico.CalicoBgpState bgp() {
    return io.netctl.bgp.calico.CalicoBgpState.of(bgpConfigurations(), bgpPeers(), nodes(), ipPools(), netctl(), revision());
  }

  /** The allocations of the same read. */
  public java.util.List<io.netctl.ipam.Allocation> allocations() {
    return ipam().allocations().values().stream().map(IpamState.Stored::value).toList();
  }

  public Stream<KeyValue> all() {
    return ranges.stream().flatMap(r -> r.kvs().stream());
  }
}
