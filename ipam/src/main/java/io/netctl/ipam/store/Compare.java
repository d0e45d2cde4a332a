package io.netctl.ipam.store;

import java.util.Objects;

/**
 * An equality compare guarding a {@link Txn}, as in etcd's {@code Txn.If}. An absent key has
 * version 0 and mod revision 0.
 *
 * @param key the key compared
 * @param target what of the key is compared
 * @param expected the value it must have for the transaction to succeed
 */
public record Compare(String key, Target target, long expected) {

  /** What a compare looks at. */
  public enum Target {
    VERSION,
    MOD_REVISION
  }

  public Compare {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(target, "target");
    if (expected < 0) {
      throw new IllegalArgumentException("negative expected value for " + key);
    }
  }

  /** The key must not exist: how every create is guarded. */
  public static Compare absent(String key) {
    return new Compare(key, Target.VERSION, 0);
  }

  /** The key must still be exactly as it was read: how every update and delete is guarded. */
  public static Compare unchanged(KeyValue read) {
    return new Compare(read.key(), Target.MOD_REVISION, read.modRevision());
  }

  /** True when {@code current} (null when absent) satisfies this compare. */
  public boolean holdsFor(KeyValue current) {
    long actual =
        current == null
            ? 0
            : switch (target) {
              case VERSION -> current.version();
              case MOD_REVISION -> current.modRevision();
            };
    return actual == expected;
  }
}
