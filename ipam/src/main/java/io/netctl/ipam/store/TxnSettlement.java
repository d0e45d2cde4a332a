package io.netctl.ipam.store;

import java.util.Map;
import java.util.OptionalLong;

/**
 * Settles a transaction whose outcome is unknown (its attempt timed out, or etcd answered during
 * an election) from a linearizable read of every key it writes, made after that attempt ended.
 * Pure: the store makes the read, this decides.
 *
 * <p>A transaction applies every put at one new revision. So it was applied when every key it
 * puts holds exactly its value, all written at one revision that is newer than every mod revision
 * it was guarded by (and, for a key it created, created at that revision), and every key it
 * deletes is gone. Otherwise it was not applied — or was applied and then overwritten, which a
 * retry shows: the transaction's own compares make a retry safe, since whatever it wrote no
 * longer matches them, so the retry fails and the caller plans again from a fresh read (netctl's
 * writes are idempotent: allocating for a node that has a pool returns it).
 *
 * <p>A transaction that only deletes cannot be told from someone else's delete of the same keys;
 * either way the keys are gone, which is what it asked for, so it counts as applied.
 */
final class TxnSettlement {
  private TxnSettlement() {}

  /**
   * The revision at which {@code txn} was applied, or empty when it was not (or no longer shows).
   *
   * @param now every key {@code txn} writes, as read after the attempt (absent keys missing)
   * @param readRevision the revision of that read
   */
  static OptionalLong applied(Txn txn, Map<String, KeyValue> now, long readRevision) {
    long at = -1;
    for (Op op : txn.ops()) {
      KeyValue kv = now.get(op.key());
      if (op instanceof Op.Put put) {
        if (kv == null || !kv.value().equals(put.value()) || (at != -1 && kv.modRevision() != at)) {
          return OptionalLong.empty();
        }
        at = kv.modRevision();
      } else if (kv != null) {
        return OptionalLong.empty();
      }
    }
    if (at == -1) {
      return OptionalLong.of(readRevision);
    }
    for (Compare c : txn.compares()) {
      KeyValue kv = now.get(c.key());
      boolean written = txn.ops().stream().anyMatch(op -> op.key().equals(c.key()) && op instanceof Op.Put);
      if (c.target() == Compare.Target.MOD_REVISION && c.expected() >= at) {
        return OptionalLong.empty();
      }
      if (written && c.target() == Compare.Target.VERSION
          && (kv.version() != c.expected() + 1 || c.expected() == 0 && kv.createRevision() != at)) {
        return OptionalLong.empty();
      }
    }
    return OptionalLong.of(at);
  }
}
