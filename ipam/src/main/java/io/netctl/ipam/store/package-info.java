/**
 * The datastore: one small transactional key-value interface ({@link io.netctl.ipam.store.KvStore})
 * with the semantics of etcd v3 (revisions, versions, compare-and-swap transactions, prefix watch),
 * and its implementations.
 *
 * <ul>
 *   <li>{@link io.netctl.ipam.store.EtcdStore}: production, over jetcd. The only code in netctl
 *       that imports jetcd.
 *   <li>{@link io.netctl.ipam.store.FileStore}: the embedded default, one JSON file, crash-safe
 *       (temp file, fsync, atomic rename) and locked so that two processes never both win a
 *       compare. The file's format (reading, checking and writing it) is {@code FileStoreFormat}.
 *   <li>{@link io.netctl.ipam.store.MemoryStore}: in memory, for offline validation of a snapshot.
 * </ul>
 *
 * All three pass the same contract test suite. Every write in netctl is a {@link
 * io.netctl.ipam.store.Txn} whose compares guard everything it read; locks are never used for
 * correctness between clients.
 */
package io.netctl.ipam.store;
