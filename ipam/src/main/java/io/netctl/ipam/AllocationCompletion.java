package io.netctl.ipam;

import com.fasterxml.jackson.databind.node.ObjectNode;
import inet.ipaddr.IPAddress;
import io.netctl.ipam.calico.AllocationBlock;
import io.netctl.ipam.calico.BlockAffinity;
import io.netctl.ipam.calico.CalicoKeys;
import io.netctl.ipam.calico.CalicoResource;
import io.netctl.ipam.calico.PoolLabel;
import io.netctl.ipam.store.Compare;
import io.netctl.ipam.store.KeyValue;
import io.netctl.ipam.store.Txn;
import java.time.Instant;

/**
 * The part of an allocation plan that makes the pool live in Calico, and that waits for the node's
 * Calico Node (docs/calico.md, "Allocation in any join order"). Pure: it adds to a transaction
 * being planned from a view already read.
 *
 * <p>An IPAM block with an affinity for a host that has no Calico Node is what kube-controllers'
 * IPAM garbage collection releases: its full sync looks at every host an affine block names
 * ({@code kube-controllers/pkg/controllers/node/ipam.go checkAllocations}), finds no Calico Node
 * for it ({@code kubernetesNodeForCalico} returns "" when {@code Nodes().Get} says it does not
 * exist), and, with no valid pod address on it, releases the host's affinities and deletes its
 * empty blocks ({@code cleanupNode} → libcalico-go {@code ReleaseHostAffinities(host, mustBeEmpty)}).
 * So the block and affinity are created only once the Calico Node exists; from then on the GC
 * leaves them alone while the Node names an existing Kubernetes node (its {@code orchRefs}) or names
 * none ({@code getK8sNodeName}: not a Kubernetes node, skipped).
 */
final class AllocationCompletion {
  private AllocationCompletion() {}

  /** What {@link #plan} found or planned. */
  enum State {
    /** No Calico Node yet: nothing more can be written until calico-node registers it. */
    PENDING,
    /** Something was missing; the transaction now writes it. */
    COMPLETED,
    /** Everything is in place. */
    COMPLETE
  }

  /**
   * Adds to {@code t} what {@code a} still needs in Calico: the IPAM block with its confirmed
   * affinity when no block exists (a block Calico claimed itself is left as it is), the pool label
   * on the Calico Node ({@link PoolLabel}), and for a pool an older netctl wrote, its label-based
   * selector. Without a Calico Node and for a new pool, a guard that the Node still does not exist,
   * so a Node that registers meanwhile makes the transaction fail and the plan is made again.
   *
   * @param newPool whether {@code t} creates the pool (nothing of it exists yet)
   */
  static State plan(AllocationView view, Allocation a, Txn.Builder t, boolean newPool, Instant now) {
    String node = a.node();
    IPAddress cidr = a.cidr();
    String poolName = NetctlKeys.poolName(cidr);
    KeyValue calicoNode = view.calicoNode();
    if (calicoNode == null) {
      if (newPool) {
        t.require(Compare.absent(CalicoKeys.node(node)));
      }
      return State.PENDING;
    }
    boolean changed = false;
    if (!PoolLabel.carries(calicoNode.key(), calicoNode.value(), poolName)) {
      t.update(calicoNode, PoolLabel.labeled(calicoNode.key(), calicoNode.value(), poolName));
      changed = true;
    }
    if (newPool || !view.calicoBlocks().contains(a.cidrText())) {
      t.create(CalicoKeys.block(cidr), AllocationBlock.fresh(cidr, node, now));
      KeyValue leftover = view.affinities().get(CalicoKeys.affinity(node, cidr));
      if (leftover == null) {
        t.create(CalicoKeys.affinity(node, cidr), BlockAffinity.CONFIRMED);
      } else {
        t.update(leftover, BlockAffinity.CONFIRMED);
      }
      changed = true;
    }
    KeyValue pool = view.recordPool();
    if (!newPool && pool != null) {
      CalicoResource r = CalicoResource.parse(pool, null);
      if (r.managedByNetctl() && PoolLabel.legacySelector(node).equals(r.spec().path("nodeSelector").asText(""))) {
        ObjectNode spec = r.spec().deepCopy();
        spec.put("nodeSelector", PoolLabel.selector(poolName));
        t.update(pool, r.update(r.labels(), r.annotations(), spec).toJson());
        changed = true;
      }
    }
    return changed ? State.COMPLETED : State.COMPLETE;
  }
}
