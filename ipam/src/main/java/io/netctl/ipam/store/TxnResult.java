package io.netctl.ipam.store;

/**
 * The outcome of {@link KvStore#commit(Txn)}.
 *
 * @param succeeded whether every compare held and the ops were applied
 * @param revision the store revision after the transaction (the new one when it wrote)
 */
public record TxnResult(boolean succeeded, long revision) {}
