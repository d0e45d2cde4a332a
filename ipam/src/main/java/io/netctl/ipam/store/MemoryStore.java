package io.netctl.ipam.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A store in memory with the same semantics as etcd: the working copy used by {@code netctl
 * validate} (loaded from a snapshot, never written back) and by unit tests. Watches are delivered
 * synchronously on the committing thread. As in etcd, a watch from a past revision first gets the
 * changes made since then (from the last {@value #HISTORY} events kept; an older revision is
 * compacted and the watch fails with that reason).
 */
public final class MemoryStore implements KvStore {
  static final int HISTORY = 10_000;

  private final StoreState state;
  private final List<Registration> watches = new CopyOnWriteArrayList<>();
  /** The latest events, oldest first, for watches that start in the past. */
  private final java.util.ArrayDeque<WatchEvent> history = new java.util.ArrayDeque<>();
  /** Orders deliveries: a watch's replay and the commits' notifications never interleave or repeat. */
  private final java.util.concurrent.locks.ReentrantLock delivery = new java.util.concurrent.locks.ReentrantLock();
  private long oldestKept;

  public MemoryStore() {
    this.state = StoreState.empty();
    this.oldestKept = 1;
  }

  /** A store holding {@code kvs} at {@code revision} (e.g. from a snapshot). */
  public MemoryStore(long revision, Map<String, KeyValue> kvs) {
    this.state = new StoreState(revision, kvs);
    this.oldestKept = revision + 1;
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
    delivery.lock();
    try {
      StoreState.Applied applied;
      synchronized (this) {
        applied = state.apply(txn);
        for (WatchEvent e : applied.events()) {
          history.addLast(e);
        }
        while (history.size() > HISTORY) {
          oldestKept = history.removeFirst().modRevision() + 1;
        }
      }
      for (Registration r : watches) {
        r.deliver(applied.events());
      }
      return applied.result();
    } finally {
      delivery.unlock();
    }
  }

  @Override
  public Watch watch(String prefix, long fromRevision, WatchListener listener) {
    Registration r = new Registration(prefix, listener);
    delivery.lock();
    try {
      List<WatchEvent> past;
      long oldest;
      long current;
      synchronized (this) {
        past = new ArrayList<>(history);
        oldest = oldestKept;
        current = state.revision();
      }
      if (fromRevision < oldest && fromRevision <= current) {
        listener.onError(new StoreException("watch of " + prefix + ": required revision " + fromRevision + " has been compacted"));
        return () -> {};
      }
      r.next = fromRevision;
      r.deliver(past);
      watches.add(r);
    } finally {
      delivery.unlock();
    }
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

  /** One watch: its prefix, its listener and the first revision not yet delivered. */
  private static final class Registration {
    final String prefix;
    final WatchListener listener;
    long next;

    Registration(String prefix, WatchListener listener) {
      this.prefix = prefix;
      this.listener = listener;
    }

    void deliver(List<WatchEvent> events) {
      List<WatchEvent> mine = new ArrayList<>();
      long last = next - 1;
      for (WatchEvent e : events) {
        if (e.key().startsWith(prefix) && e.modRevision() >= next) {
          mine.add(e);
          last = Math.max(last, e.modRevision());
        }
      }
      if (!mine.isEmpty()) {
        next = last + 1;
        listener.onEvents(mine);
      }
    }
  }
}
