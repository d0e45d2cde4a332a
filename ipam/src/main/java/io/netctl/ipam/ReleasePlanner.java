package io.netctl.ipam;

import java.time.Instant;
import inet.ipaddr.IPAddress;
import io.netctl.ipam.Allocator.ReleaseResult;
import io.netctl.ipam.calico.AllocationBlock;
import io.netctl.ipam.calico.CalicoKeys;
import io.netctl.ipam.calico.PoolLabel;
import io.netctl.ipam.store.KeyValue;
import io.netctl.ipam.store.Txn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The release half of {@link AllocationPlanner} (pure: a state in, a guarded transaction out):
 * netctl's record and indexes, the IPPool, block and affinity, the Calico Node's pool label, and
 * with {@code --force} the IPAM handles of a block in use. Records that cannot be read go to
 * {@link MalformedRelease}.
 */
final class ReleasePlanner {
  private ReleasePlanner() {}

  static AllocationPlanner.PlannedRelease plan(IpamState state, AllocationPlanner.CalicoReads calico, String node, boolean force, Instant now) {
    Map<String, KeyValue> handles = calico.handles();
    IpamState.Stored<Allocation> existing = state.allocations().get(node);
    MalformedRecord bad = state.malformedAt(NetctlKeys.allocation(node));
    if (existing == null && bad != null) {
      return MalformedRelease.plan(state, node, bad, force);
    }
    if (existing == null) {
      throw new RefusedException(RefusedException.Reason.NO_ALLOCATION, node + " has no allocation; nothing released");
    }
    Allocation a = existing.value();
    IPAddress cidr = a.cidr();
    Txn.Builder t = Txn.builder();
    List<String> deleted = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    int inUse = 0;
    for (MalformedRecord m : state.malformed()) {
      if (a.cidrText().equals(m.cidr()) && (m.key().equals(CalicoKeys.block(cidr))
          || m.key().equals(CalicoKeys.resource("ippools", NetctlKeys.poolName(cidr))))) {
        if (!force) {
          throw MalformedRelease.refusal(node, m);
        }
        guardedDelete(t, deleted, m.kv());
      }
    }
    IpamState.Stored<AllocationBlock> block = state.blocks().get(cidr.toCanonicalString());
    if (block != null) {
      String host = block.value().affineHost();
      if (node.equals(host)) {
        inUse = block.value().inUse();
        if (inUse > 0 && !force) {
          throw new RefusedException(RefusedException.Reason.BLOCK_IN_USE,
              node + "'s block " + a.cidrText() + " has " + inUse + " address" + (inUse == 1 ? "" : "es")
                  + " in use by pods; drain the node first, or release with --force");
        }
        guardedDelete(t, deleted, block.kv());
      } else {
        notes.add("block " + a.cidrText() + " has affinity " + block.value().affinity() + ", not host:" + node + "; left alone");
      }
    } else if (!deleted.contains(CalicoKeys.block(cidr))) {
      notes.add("Calico block " + a.cidrText() + " was already gone");
    }
    guardedDelete(t, deleted, existing.kv());
    HistoryEntry released = new HistoryEntry(cidr, node, a.hostIp(), now, HistoryEntry.Event.RELEASED);
    AllocationPlanner.history(t, released);
    KeyValue cidrIndex = state.netctlKeys().get(NetctlKeys.cidr(cidr));
    if (cidrIndex != null && cidrIndex.value().equals(NetctlKeys.indexValue(node))) {
      guardedDelete(t, deleted, cidrIndex);
    }
    if (a.hostIp() != null) {
      KeyValue ipIndex = state.netctlKeys().get(NetctlKeys.hostIp(a.hostIp()));
      if (ipIndex != null && ipIndex.value().equals(NetctlKeys.indexValue(node))) {
        guardedDelete(t, deleted, ipIndex);
      }
    }
    String poolKey = CalicoKeys.resource("ippools", NetctlKeys.poolName(cidr));
    Optional<IpamState.Pool> pool = state.pools().stream().filter(p -> p.kv().key().equals(poolKey)).findFirst();
    if (pool.isPresent() && pool.get().managed()) {
      guardedDelete(t, deleted, pool.get().kv());
    } else if (pool.isPresent()) {
      notes.add("IPPool " + pool.get().resource().name() + " is not marked as netctl's; left alone");
    } else if (!deleted.contains(poolKey)) {
      notes.add("IPPool " + NetctlKeys.poolName(cidr) + " was already gone");
    }
    KeyValue affinity = state.affinities().get(CalicoKeys.affinity(node, cidr));
    if (affinity != null) {
      guardedDelete(t, deleted, affinity);
    }
    KeyValue calicoNode = calico.calicoNode();
    String poolName = NetctlKeys.poolName(cidr);
    if (calicoNode != null && PoolLabel.carries(calicoNode.key(), calicoNode.value(), poolName)) {
      t.update(calicoNode, PoolLabel.unlabeled(calicoNode.key(), calicoNode.value()));
      notes.add("label " + PoolLabel.KEY + " removed from Calico Node " + node);
    }
    if (inUse > 0 && !block.value().handles().isEmpty()) {
      if (handles == null) {
        throw new IllegalStateException("a forced release of a block in use needs its IPAM handles read");
      }
      BlockHandles.release(block.value(), handles, t, deleted.size() + 2, deleted, notes); // + the label, the history entry
    }
    return new AllocationPlanner.PlannedRelease(t.build(), new ReleaseResult(a, deleted, inUse, notes, null));
  }

  static void guardedDelete(Txn.Builder t, List<String> deleted, KeyValue kv) {
    t.delete(kv);
    deleted.add(kv.key());
  }
}
