package io.netctl.ipam.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settling a transaction of unknown outcome from what a later read shows. */
class TxnSettlementTest {
  static final KeyValue POOL_AT_7 = new KeyValue("/pool", "old", 3, 7, 2);

  static Map<String, KeyValue> state(KeyValue... kvs) {
    Map<String, KeyValue> m = new HashMap<>();
    for (KeyValue kv : kvs) {
      m.put(kv.key(), kv);
    }
    return m;
  }

  /** An allocation's shape: two creates and an update, as netctl writes them. */
  static Txn allocation() {
    return Txn.builder().create("/a", "A").create("/b", "B").update(POOL_AT_7, "new").build();
  }

  @Test
  void everyPutAtOneRevisionNewerThanItsGuardsIsApplied() {
    var now = state(new KeyValue("/a", "A", 12, 12, 1), new KeyValue("/b", "B", 12, 12, 1), new KeyValue("/pool", "new", 3, 12, 3));
    assertThat(TxnSettlement.applied(allocation(), now, 15)).hasValue(12);
  }

  @Test
  void notWrittenYetIsNotApplied() {
    assertThat(TxnSettlement.applied(allocation(), state(POOL_AT_7), 9)).isEmpty();
  }

  @Test
  void anotherWritersValueIsNotApplied() {
    var now = state(new KeyValue("/a", "someone else", 12, 12, 1), new KeyValue("/b", "B", 12, 12, 1), new KeyValue("/pool", "new", 3, 12, 3));
    assertThat(TxnSettlement.applied(allocation(), now, 15)).isEmpty();
  }

  @Test
  void putsAtDifferentRevisionsAreNotOneTransaction() {
    var now = state(new KeyValue("/a", "A", 12, 12, 1), new KeyValue("/b", "B", 13, 13, 1), new KeyValue("/pool", "new", 3, 12, 3));
    assertThat(TxnSettlement.applied(allocation(), now, 15)).isEmpty();
  }

  @Test
  void aCreatedKeyThatExistedBeforeIsNotThisTransactions() {
    // same values at one revision, but /a was created earlier and only rewritten at 12 by someone else
    var now = state(new KeyValue("/a", "A", 5, 12, 2), new KeyValue("/b", "B", 12, 12, 1), new KeyValue("/pool", "new", 3, 12, 3));
    assertThat(TxnSettlement.applied(allocation(), now, 15)).isEmpty();
  }

  @Test
  void anUpdateThatWritesTheValueAlreadyThereIsNotMistakenForApplied() {
    Txn rewrite = Txn.builder().update(POOL_AT_7, "old").build();
    assertThat(TxnSettlement.applied(rewrite, state(POOL_AT_7), 9)).as("still at the guarded revision").isEmpty();
    assertThat(TxnSettlement.applied(rewrite, state(new KeyValue("/pool", "old", 3, 9, 3)), 9)).hasValue(9);
  }

  @Test
  void aVersionGuardMustHaveBeenBumpedByOne() {
    Txn guarded = Txn.builder().require(new Compare("/pool", Compare.Target.VERSION, 2)).op(Op.put("/pool", "new")).build();
    assertThat(TxnSettlement.applied(guarded, state(new KeyValue("/pool", "new", 3, 12, 3)), 12)).hasValue(12);
    assertThat(TxnSettlement.applied(guarded, state(new KeyValue("/pool", "new", 3, 12, 5)), 12)).isEmpty();
  }

  @Test
  void deletesShowAsAppliedOnceTheKeysAreGone() {
    Txn release = Txn.builder().delete(POOL_AT_7).delete(new KeyValue("/a", "A", 5, 5, 1)).build();
    assertThat(TxnSettlement.applied(release, state(), 20)).hasValue(20);
    assertThat(TxnSettlement.applied(release, state(POOL_AT_7), 20)).isEmpty();
  }

  @Test
  void putsAndDeletesTogether() {
    Txn move = Txn.builder().delete(POOL_AT_7).create("/a", "A").build();
    assertThat(TxnSettlement.applied(move, state(new KeyValue("/a", "A", 11, 11, 1)), 14)).hasValue(11);
    assertThat(TxnSettlement.applied(move, state(POOL_AT_7, new KeyValue("/a", "A", 11, 11, 1)), 14)).isEmpty();
  }
}
