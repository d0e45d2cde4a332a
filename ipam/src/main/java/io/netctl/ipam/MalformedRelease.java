package io.netctl.ipam;

import io.netctl.ipam.Allocator.ReleaseResult;
import io.netctl.ipam.AllocationPlanner.PlannedRelease;
import io.netctl.ipam.calico.AllocationBlock;
import io.netctl.ipam.calico.CalicoKeys;
import io.netctl.ipam.store.KeyValue;
import io.netctl.ipam.store.Txn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The release of a node whose allocation record cannot be read: with {@code --force}, the record
 * goes, and with it every key that names the node — netctl's index entries (by pool and by host
 * IP), and for each pool the index gives, its IPPool (netctl's, or malformed under netctl's name),
 * Calico block (affine to the node, or malformed) and the node's affinity. Each delete is guarded
 * by its mod revision; keys that belong to someone else are left alone and noted.
 */
final class MalformedRelease {
  private MalformedRelease() {}

  /** The refusal of a release (or allocation) that would have to trust {@code m}. */
  static RefusedException refusal(String node, MalformedRecord m) {
    return new RefusedException(RefusedException.Reason.RECORD_MALFORMED, "cannot read " + m.describe() + "; netctl neither trusts nor overwrites it: "
        + "'netctl release " + node + " --force' deletes it with the keys that name " + node);
  }

  /**
   * @param state the node's record, netctl's indexes, and the IPPools, blocks and affinities of
   *     the pools the indexes give the node
   * @param bad the node's malformed record
   */
  static PlannedRelease plan(IpamState state, String node, MalformedRecord bad, boolean force) {
    if (!force) {
      throw refusal(node, bad);
    }
    Txn.Builder t = Txn.builder();
    List<String> deleted = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    ReleasePlanner.guardedDelete(t, deleted, bad.kv());
    List<String> pools = new ArrayList<>();
    for (Map.Entry<String, KeyValue> e : state.netctlKeys().entrySet()) {
      String key = e.getKey();
      boolean names = NetctlKeys.indexedNode(e.getValue().value()).filter(node::equals).isPresent();
      if (names && key.startsWith(NetctlKeys.CIDRS)) {
        ReleasePlanner.guardedDelete(t, deleted, e.getValue());
        pools.add(AllocationView.segmentToCidr(key.substring(NetctlKeys.CIDRS.length())));
      } else if (names && key.startsWith(NetctlKeys.HOST_IPS)) {
        ReleasePlanner.guardedDelete(t, deleted, e.getValue());
      }
    }
    int inUse = 0;
    for (String cidr : pools) {
      String poolKey = CalicoKeys.IPPOOLS + "netctl-" + cidr.replace('.', '-').replace('/', '-');
      Optional<IpamState.Pool> pool = state.pools().stream().filter(p -> p.kv().key().equals(poolKey)).findFirst();
      MalformedRecord badPool = state.malformedAt(poolKey);
      if (pool.isPresent() && pool.get().managed()) {
        ReleasePlanner.guardedDelete(t, deleted, pool.get().kv());
      } else if (badPool != null) {
        ReleasePlanner.guardedDelete(t, deleted, badPool.kv());
      } else if (pool.isPresent()) {
        notes.add("IPPool " + pool.get().resource().name() + " is not marked as netctl's; left alone");
      }
      String blockKey = CalicoKeys.BLOCKS_V4 + cidr.replace('/', '-');
      IpamState.Stored<AllocationBlock> block = state.blocks().get(cidr);
      MalformedRecord badBlock = state.malformedAt(blockKey);
      if (block != null && node.equals(block.value().affineHost())) {
        inUse += block.value().inUse();
        ReleasePlanner.guardedDelete(t, deleted, block.kv());
      } else if (badBlock != null) {
        ReleasePlanner.guardedDelete(t, deleted, badBlock.kv());
      } else if (block != null) {
        notes.add("block " + cidr + " has affinity " + block.value().affinity() + ", not host:" + node + "; left alone");
      }
      KeyValue affinity = state.affinities().get(CalicoKeys.affinities(node) + cidr.replace('/', '-'));
      if (affinity != null) {
        ReleasePlanner.guardedDelete(t, deleted, affinity);
      }
    }
    if (pools.isEmpty()) {
      notes.add("netctl's index names no pool of " + node + "; only the record was deleted");
    }
    return new PlannedRelease(t.build(), new ReleaseResult(null, deleted, inUse, notes, bad));
  }
}
