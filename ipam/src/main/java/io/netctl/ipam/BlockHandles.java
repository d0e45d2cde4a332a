package io.netctl.ipam;

import io.netctl.ipam.calico.AllocationBlock;
import io.netctl.ipam.calico.CalicoKeys;
import io.netctl.ipam.calico.IpamHandle;
import io.netctl.ipam.store.KeyValue;
import io.netctl.ipam.store.Txn;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The IPAM handles a forced release frees together with a block that still has addresses: as
 * Calico does when it releases addresses ({@code libcalico-go lib/ipam/ipam.go releaseIPsFromBlock}
 * → {@code decrementHandle}), each handle loses its count for the block and is deleted once it
 * counts none, so no handle under {@code /calico/ipam/v2/handle/} is left pointing at a block that
 * is gone. Pure: it adds to a release transaction being planned.
 */
final class BlockHandles {
  private BlockHandles() {}

  /**
   * Adds to {@code t} the release of every handle of {@code block}: an update without the block's
   * entry, or a delete when that was its last, each guarded by the handle's mod revision.
   *
   * @param read the handles read with the state, by handle id; a handle the block names that is
   *     not here is already gone
   * @param deleted the keys deleted, for the result
   * @param notes what was changed, for the result
   * @throws RefusedException {@code BLOCK_IN_USE} when the handles do not fit in one transaction
   *     with the rest of the release
   */
  static void release(AllocationBlock block, Map<String, KeyValue> read, Txn.Builder t, int opsSoFar, List<String> deleted, List<String> notes) {
    List<KeyValue> handles = block.handles().stream().map(read::get).filter(java.util.Objects::nonNull).toList();
    if (opsSoFar + handles.size() > Txn.MAX_OPS) {
      throw new RefusedException(RefusedException.Reason.BLOCK_IN_USE,
          "block " + block.cidr().toCanonicalString() + " has addresses of " + handles.size() + " IPAM handles, more than one transaction can release"
              + " (at most " + (Txn.MAX_OPS - opsSoFar) + "); release the pods' addresses first (calicoctl ipam release), then release the node");
    }
    int updated = 0;
    for (KeyValue h : handles) {
      Optional<String> rest = IpamHandle.without(h.key(), h.value(), block.cidr());
      if (rest.isPresent()) {
        t.update(h, rest.get());
        updated++;
      } else {
        t.delete(h);
        deleted.add(h.key());
      }
    }
    if (!handles.isEmpty()) {
      notes.add("released " + handles.size() + " IPAM handle" + (handles.size() == 1 ? "" : "s") + " of the block's addresses"
          + (updated == 0 ? "" : " (" + updated + " kept for their addresses in other blocks)"));
    }
  }

  /** The keys of the handles {@code block} names. */
  static List<String> keys(AllocationBlock block) {
    return block.handles().stream().map(CalicoKeys::handle).toList();
  }
}
