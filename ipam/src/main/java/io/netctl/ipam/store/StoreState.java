package io.netctl.ipam.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The state of a local store (memory or file) and the one place where etcd's transaction
 * semantics are implemented for them: compares, revision, version and create revision.
 * Not thread-safe; its owner serialises access. Keys sort by UTF-16 order, which equals etcd's
 * byte order for the ASCII keys netctl and Calico use.
 */
final class StoreState {
  private final TreeMap<String, KeyValue> kvs;
  private long revision;

  StoreState(long revision, Map<String, KeyValue> kvs) {
    this.revision = revision;
    this.kvs = new TreeMap<>(kvs);
  }

  static StoreState empty() {
    return new StoreState(1, Map.of());
  }

  long revision() {
    return revision;
  }

  Map<String, KeyValue> kvs() {
    return Collections.unmodifiableMap(kvs);
  }

  KeyValue get(String key) {
    return kvs.get(key);
  }

  Range range(String prefix) {
    List<KeyValue> out = new ArrayList<>(kvs.subMap(prefix, true, prefix + Character.MAX_VALUE, false).values());
    return new Range(out, revision);
  }

  Range read(Read r) {
    return switch (r.kind()) {
      case KEY -> {
        KeyValue kv = kvs.get(r.key());
        yield new Range(kv == null ? List.of() : List.of(kv), revision);
      }
      case PREFIX -> range(r.key());
      case PREFIX_KEYS_ONLY -> new Range(
          range(r.key()).kvs().stream().map(kv -> new KeyValue(kv.key(), "", kv.createRevision(), kv.modRevision(), kv.version())).toList(),
          revision);
    };
  }

  /** Applies the transaction when its compares hold; returns the events it caused (empty when it failed or wrote nothing). */
  Applied apply(Txn txn) {
    for (Compare compare : txn.compares()) {
      if (!compare.holdsFor(kvs.get(compare.key()))) {
        return new Applied(new TxnResult(false, revision), List.of());
      }
    }
    if (txn.ops().isEmpty()) {
      return new Applied(new TxnResult(true, revision), List.of());
    }
    long next = revision + 1;
    List<WatchEvent> events = new ArrayList<>();
    for (Op op : txn.ops()) {
      if (op instanceof Op.Put put) {
        KeyValue old = kvs.get(put.key());
        KeyValue now =
            old == null
                ? new KeyValue(put.key(), put.value(), next, next, 1)
                : new KeyValue(put.key(), put.value(), old.createRevision(), next, old.version() + 1);
        kvs.put(put.key(), now);
        events.add(new WatchEvent(WatchEvent.Type.PUT, put.key(), put.value(), next));
      } else if (kvs.remove(op.key()) != null) {
        events.add(new WatchEvent(WatchEvent.Type.DELETE, op.key(), "", next));
      }
    }
    // Like etcd, the revision moves only when something changed (a delete of nothing changes nothing).
    if (!events.isEmpty()) {
      revision = next;
    }
    return new Applied(new TxnResult(true, revision), events);
  }

  /** The result of {@link #apply} and the events it produced. */
  record Applied(TxnResult result, List<WatchEvent> events) {}
}
