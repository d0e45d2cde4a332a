package io.netctl.ipam;

import io.netctl.ipam.store.KeyValue;
import io.netctl.ipam.store.KvStore;
import io.netctl.ipam.store.MemoryStore;
import io.netctl.ipam.store.Range;
import io.netctl.ipam.store.Read;
import io.netctl.ipam.store.Txn;
import io.netctl.ipam.store.TxnResult;
import io.netctl.ipam.store.WatchListener;
import java.util.List;
import java.util.Optional;

/** A real in-memory store behind a wrapper whose commits a test can change (hold them, make them lose). */
class ForwardingStore implements KvStore {
  final MemoryStore store;

  ForwardingStore(MemoryStore store) {
    this.store = store;
  }

  @Override
  public TxnResult commit(Txn txn) {
    return store.commit(txn);
  }

  @Override
  public Optional<KeyValue> get(String key) {
    return store.get(key);
  }

  @Override
  public Range range(String prefix) {
    return store.range(prefix);
  }

  @Override
  public List<Range> read(List<Read> reads) {
    return store.read(reads);
  }

  @Override
  public Watch watch(String prefix, long fromRevision, WatchListener listener) {
    return store.watch(prefix, fromRevision, listener);
  }

  @Override
  public String describe() {
    return store.describe();
  }

  @Override
  public void close() {}
}
