package io.netctl.ipam.store;

import java.util.Objects;

/**
 * One read in a {@link KvStore#read} batch.
 *
 * @param key the exact key ({@link Kind#KEY}) or the prefix
 * @param kind what to read
 */
public record Read(String key, Kind kind) {

  /** What a read returns. */
  public enum Kind {
    /** The one key, if it exists. */
    KEY,
    /** Every key under the prefix, with values. */
    PREFIX,
    /** Every key under the prefix, without values (each value is the empty string). */
    PREFIX_KEYS_ONLY
  }

  public Read {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(kind, "kind");
  }

  public static Read key(String key) {
    return new Read(key, Kind.KEY);
  }

  public static Read prefix(String prefix) {
    return new Read(prefix, Kind.PREFIX);
  }

  public static Read keysOnly(String prefix) {
    return new Read(prefix, Kind.PREFIX_KEYS_ONLY);
  }
}
