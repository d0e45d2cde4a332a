package io.netctl.ipam.store;

import java.util.List;
import java.util.Optional;

/**
 * The keys under a prefix, sorted by key, read at one store revision.
 *
 * @param kvs the keys, in byte order of their UTF-8 keys (etcd's order)
 * @param revision the store revision the read saw
 */
public record Range(List<KeyValue> kvs, long revision) {
  public Range {
    kvs = List.copyOf(kvs);
  }

  public Optional<KeyValue> find(String key) {
    return kvs.stream().filter(kv -> kv.key().equals(key)).findFirst();
  }
}
