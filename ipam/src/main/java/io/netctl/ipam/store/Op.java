package io.netctl.ipam.store;

import java.util.Objects;

/** A write inside a {@link Txn}. */
public sealed interface Op permits Op.Put, Op.Delete {

  /** The key written or deleted. */
  String key();

  /** Creates or replaces {@code key}. */
  record Put(String key, String value) implements Op {
    public Put {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
    }
  }

  /** Deletes {@code key}; deleting an absent key is not an error (as in etcd). */
  record Delete(String key) implements Op {
    public Delete {
      Objects.requireNonNull(key, "key");
    }
  }

  static Op put(String key, String value) {
    return new Put(key, value);
  }

  static Op delete(String key) {
    return new Delete(key);
  }
}
