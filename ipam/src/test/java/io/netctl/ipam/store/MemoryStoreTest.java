package io.netctl.ipam.store;

/** The contract on the in-memory store. */
class MemoryStoreTest extends KvStoreContract {
  private MemoryStore shared;

  @Override
  protected KvStore newStore() {
    shared = new MemoryStore();
    return shared;
  }

  @Override
  protected KvStore newClient() {
    // One process, one store: another "client" is a view of the same instance that must not close it.
    MemoryStore s = shared;
    return new KvStore() {
      public java.util.Optional<KeyValue> get(String key) { return s.get(key); }
      public Range range(String prefix) { return s.range(prefix); }
      public java.util.List<Range> read(java.util.List<Read> reads) { return s.read(reads); }
      public TxnResult commit(Txn txn) { return s.commit(txn); }
      public Watch watch(String prefix, long from, WatchListener l) { return s.watch(prefix, from, l); }
      public String describe() { return s.describe(); }
      public void close() {}
    };
  }
}
