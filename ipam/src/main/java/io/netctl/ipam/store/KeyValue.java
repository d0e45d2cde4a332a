package io.netctl.ipam.store;

import java.util.Objects;

/**
 * One key as the store holds it, with etcd's bookkeeping.
 *
 * @param key the key, e.g. {@code /calico/ipam/v2/assignment/ipv4/block/10.3.240.0-27}
 * @param value the value (netctl and Calico store UTF-8 JSON)
 * @param createRevision the store revision at which the key was (last) created
 * @param modRevision the store revision of the last write to the key
 * @param version how often the key was written since it was created (1 after creation); an absent
 *     key has version 0
 */
public record KeyValue(String key, String value, long createRevision, long modRevision, long version) {
  public KeyValue {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    if (version < 1 || createRevision < 1 || modRevision < createRevision) {
      throw new IllegalArgumentException(
          "inconsistent revisions for " + key + ": create=" + createRevision + " mod=" + modRevision
              + " version=" + version);
    }
  }
}
