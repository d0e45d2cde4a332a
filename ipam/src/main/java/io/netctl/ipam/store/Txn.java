package io.netctl.ipam.store;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One atomic multi-key transaction: when every compare holds, every op is applied at one new
 * revision; otherwise nothing is. Like etcd, a key may be written at most once per transaction.
 *
 * @param compares the guards, all of which must hold
 * @param ops the writes
 */
public record Txn(List<Compare> compares, List<Op> ops) {

  /** etcd's default {@code --max-txn-ops}; larger transactions are refused by a default etcd. */
  public static final int MAX_OPS = 128;

  public Txn {
    compares = List.copyOf(compares);
    ops = List.copyOf(ops);
    Set<String> seen = new HashSet<>();
    for (Op op : ops) {
      if (!seen.add(op.key())) {
        throw new IllegalArgumentException("key written twice in one transaction: " + op.key());
      }
    }
    if (ops.size() > MAX_OPS || compares.size() > MAX_OPS) {
      throw new IllegalArgumentException(
          "transaction too large: " + ops.size() + " ops, " + compares.size() + " compares (max "
              + MAX_OPS + ")");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Collects compares and ops. */
  public static final class Builder {
    private final List<Compare> compares = new ArrayList<>();
    private final List<Op> ops = new ArrayList<>();

    public Builder require(Compare compare) {
      compares.add(compare);
      return this;
    }

    /** Creates {@code key}, guarded by "it does not exist". */
    public Builder create(String key, String value) {
      compares.add(Compare.absent(key));
      ops.add(Op.put(key, value));
      return this;
    }

    /** Replaces {@code read}, guarded by "it is unchanged since it was read". */
    public Builder update(KeyValue read, String value) {
      compares.add(Compare.unchanged(read));
      ops.add(Op.put(read.key(), value));
      return this;
    }

    /** Deletes {@code read}, guarded by "it is unchanged since it was read". */
    public Builder delete(KeyValue read) {
      compares.add(Compare.unchanged(read));
      ops.add(Op.delete(read.key()));
      return this;
    }

    /** An op without a guard, e.g. deleting a key that may or may not exist. */
    public Builder op(Op op) {
      ops.add(op);
      return this;
    }

    public boolean isEmpty() {
      return ops.isEmpty();
    }

    public Txn build() {
      return new Txn(compares, ops);
    }
  }
}
