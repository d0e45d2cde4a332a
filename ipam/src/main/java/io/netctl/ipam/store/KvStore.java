package io.netctl.ipam.store;

import java.util.List;
import java.util.Optional;

/**
 * A transactional key-value store with etcd v3's semantics. Implementations throw {@link
 * StoreException} (one line, for an operator) when the store cannot be used, never another
 * exception, and never block longer than their configured timeout.
 */
public interface KvStore extends AutoCloseable {

  /** The key, if it exists. */
  Optional<KeyValue> get(String key);

  /** All keys starting with {@code prefix}, read at one revision. */
  Range range(String prefix);

  /**
   * Several prefixes read at one revision (one round trip where the store allows it): a
   * consistent snapshot across prefixes.
   */
  default List<Range> ranges(List<String> prefixes) {
    return read(prefixes.stream().map(Read::prefix).toList());
  }

  /**
   * A batch of reads at one revision, in one round trip where the store allows it: exact keys,
   * prefixes, and prefixes without their values (cheap when only the key names matter).
   */
  List<Range> read(List<Read> reads);

  /**
   * Applies {@code txn} atomically. Returns {@code succeeded=false} (and writes nothing) when a
   * compare does not hold.
   *
   * @throws StoreException when the store is unreachable; for etcd the outcome of a transaction
   *     that timed out is unknown, so callers make their transactions safe to retry
   */
  TxnResult commit(Txn txn);

  /**
   * Watches {@code prefix} for changes at revisions {@code >= fromRevision}. Events are
   * delivered in revision order on a thread of the store; applying them in order to the state
   * read at {@code fromRevision - 1} gives the current state (a store may coalesce several
   * changes of one key into its latest).
   */
  Watch watch(String prefix, long fromRevision, WatchListener listener);

  /** What the store is, for messages: {@code etcd http://127.0.0.1:2379} or {@code file /path}. */
  String describe();

  @Override
  void close();

  /** A running watch. */
  interface Watch extends AutoCloseable {
    @Override
    void close();
  }
}
