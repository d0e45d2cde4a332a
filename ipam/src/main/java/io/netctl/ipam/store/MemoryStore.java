package io.netctl.ipam.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A store in memory with the same semantics as etcd: the working copy used by {@code netctl
 * validate} (loaded from a snapshot, never written back) and by unit tests. Watches are delivered
 * synchronously on the committing thread.
 */
public final class MemoryStore implements KvStore {
  private final StoreState state;
  private final List<Registration> watches = new CopyOnWriteArrayList<>();

  public MemoryStore() {
    this.state = StoreState.empty();
  }

  /** A store holding {@code kvs} at {@code revision} (e.g. from a snapshot). */
  public MemoryStore(long revision, Map<String, KeyValue> kvs) {
    this.state = new StoreState(revision, kvs);
  }

  @Override
  public synchronized Optional<KeyValue> get(String key) {
    return Optional.ofNullable(state.get(key));
  }

  @Override
  public synchronized Range range(String prefix) {
    return state.range(prefix);
  }

  @Override
  public synchronized List<Range> read(List<Read> reads) {
    return reads.stream().map(state::read).toList();
  }

  @Override
  public TxnResult commit(Txn txn) {
    StoreState.Applied applied;
    synchronized (this) {
      applied = state.apply(txn);
    }
    for (Registration r : watches) {
      List<WatchEvent> mine = new ArrayList<>();
      for (WatchEvent e : applied.events()) {
        if (e.key().startsWith(r.prefix) && e.modRevision() >= r.fromRevision) {
          mine.add(e);
        }
      }
      if (!mine.isEmpty()) {
        r.listener.onEvents(mine);
      }
    }
    return applied.result();
  }

  @Override
  public Watch watch(String prefix, long fromRevision, WatchListener listener) {
    Registration r = new Registration(prefix, fromRevision, listener);
    watches.add(r);
    return () -> watches.remove(r);
  }

  @Override
  public String describe() {
    return "memory";
  }

  @Override
  public void close() {
    watches.clear();
  }

  private record Registration(String prefix, long fromRevision, WatchListener listener) {}
}
