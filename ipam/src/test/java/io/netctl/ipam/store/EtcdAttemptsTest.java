package io.netctl.ipam.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netctl.ipam.store.BudgetSpentException.Why;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The attempts of a request, on a driven clock: each scripted attempt answers, fails the way etcd
 * or gRPC fails, or never answers (which costs the attempt's wait on the clock).
 */
class EtcdAttemptsTest {
  static final Duration BUDGET = Duration.ofSeconds(5);
  static final EtcdFailure LEADER_CHANGED = EtcdFailure.of("UNAVAILABLE", "etcdserver: leader changed", false);
  static final EtcdFailure TIMED_OUT = EtcdFailure.of("UNAVAILABLE", "etcdserver: request timed out", false);
  static final EtcdFailure REFUSED = EtcdFailure.of("PERMISSION_DENIED", "etcdserver: permission denied", false);
  static final EtcdFailure CONNECTION = EtcdFailure.of("UNAVAILABLE", "io exception: Connection refused", false);

  /** A clock that moves only when the attempts sleep or wait for an answer that does not come. */
  static final class DrivenTiming implements EtcdAttempts.Timing {
    long now = 1_000_000_000L;

    @Override
    public long nanoTime() {
      return now;
    }

    @Override
    public void sleep(long nanos) {
      now += nanos;
    }

    @Override
    public <T> T await(CompletableFuture<T> f, long nanos) throws ExecutionException, TimeoutException, InterruptedException {
      if (!f.isDone()) {
        now += nanos;
        throw new TimeoutException();
      }
      return f.get();
    }

    @Override
    public String busyNote() {
      return "";
    }

    void advance(Duration d) {
      now += d.toNanos();
    }
  }

  /** An attempt's failure as the store would hand it over. */
  static final class Failed extends RuntimeException {
    final EtcdFailure failure;

    Failed(EtcdFailure failure) {
      super(failure.detail());
      this.failure = failure;
    }
  }

  /** Scripted attempts of one kind of request; records what was asked, in order, into a shared log. */
  static final class Script<T> implements Supplier<CompletableFuture<T>> {
    final String name;
    final List<String> log;
    final Deque<Object> answers = new ArrayDeque<>();

    Script(String name, List<String> log, Object... answers) {
      this.name = name;
      this.log = log;
      this.answers.addAll(List.of(answers));
    }

    @Override
    @SuppressWarnings("unchecked")
    public CompletableFuture<T> get() {
      log.add(name);
      Object a = answers.isEmpty() ? NEVER : answers.size() == 1 ? answers.peek() : answers.poll();
      if (a == NEVER) {
        return new CompletableFuture<>();
      }
      if (a instanceof EtcdFailure f) {
        return CompletableFuture.failedFuture(new Failed(f));
      }
      return CompletableFuture.completedFuture((T) a);
    }
  }

  static final Object NEVER = new Object();

  final DrivenTiming time = new DrivenTiming();
  final List<String> log = new ArrayList<>();

  EtcdAttempts attempts(EtcdSettings.Budget budget) {
    return new EtcdAttempts("etcd http://m1,http://m2,http://m3", BUDGET, budget, t -> ((Failed) t).failure, time);
  }

  @Test
  void aReadThatMetALeaderChangeIsSimplyAskedAgain() {
    String v = attempts(EtcdSettings.Budget.COMMAND).read(new Script<String>("read", log, LEADER_CHANGED, LEADER_CHANGED, "value"));
    assertThat(v).isEqualTo("value");
    assertThat(log).containsExactly("read", "read", "read");
  }

  @Test
  void aRefusalIsAnsweredAtOnceWithoutRetry() {
    assertThatThrownBy(() -> attempts(EtcdSettings.Budget.COMMAND).read(new Script<String>("read", log, REFUSED)))
        .isInstanceOf(StoreException.class)
        .isNotInstanceOf(BudgetSpentException.class)
        .hasMessageContaining("refused a read: PERMISSION_DENIED: etcdserver: permission denied");
    assertThat(log).containsExactly("read");
  }

  @Test
  void noAnswerAtAllSpendsTheBudgetAndSaysSo() {
    long start = time.now;
    assertThatThrownBy(() -> attempts(EtcdSettings.Budget.COMMAND).read(new Script<String>("read", log, NEVER)))
        .isInstanceOfSatisfying(BudgetSpentException.class, e -> assertThat(e.why()).isEqualTo(Why.NO_ANSWER))
        .hasMessageContaining("did not answer a read within 5.0 s (--etcd-timeout, counted from the command's first request to etcd)")
        .hasMessageContaining("is it running and reachable?");
    // each attempt waits at most 2 s (a third of the budget, at least 2 s): more than one member is asked
    assertThat(log).hasSizeGreaterThanOrEqualTo(3);
    assertThat(time.now - start).isEqualTo(BUDGET.toNanos());
  }

  @Test
  void anElectionThatOutlastsTheBudgetIsNamed() {
    assertThatThrownBy(() -> attempts(EtcdSettings.Budget.COMMAND).read(new Script<String>("read", log, LEADER_CHANGED)))
        .isInstanceOfSatisfying(BudgetSpentException.class, e -> assertThat(e.why()).isEqualTo(Why.NO_LEADER))
        .hasMessageContaining("could not serve a read within 5.0 s")
        .hasMessageContaining("UNAVAILABLE: etcdserver: leader changed");
  }

  @Test
  void aTransactionOfUnknownOutcomeThatWasAppliedIsSettledByAReadAndNotRetried() {
    Script<TxnResult> txn = new Script<>("txn", log, TIMED_OUT);
    Script<OptionalLong> settle = new Script<>("settle", log, LEADER_CHANGED, OptionalLong.of(42));
    TxnResult r = attempts(EtcdSettings.Budget.COMMAND).commit(txn, settle);
    assertThat(r).isEqualTo(new TxnResult(true, 42));
    assertThat(log).containsExactly("txn", "settle", "settle");
  }

  @Test
  void aTransactionOfUnknownOutcomeThatWasNotAppliedIsTriedAgainOnlyAfterTheRead() {
    Script<TxnResult> txn = new Script<>("txn", log, NEVER, new TxnResult(false, 50));
    Script<OptionalLong> settle = new Script<>("settle", log, OptionalLong.empty());
    TxnResult r = attempts(EtcdSettings.Budget.COMMAND).commit(txn, settle);
    // the retry's compares failed: the caller plans again from a fresh read (and, being idempotent, finds its own work)
    assertThat(r).isEqualTo(new TxnResult(false, 50));
    assertThat(log).containsExactly("txn", "settle", "txn");
  }

  @Test
  void aConnectionFailureOfATransactionIsSettledToo() {
    Script<TxnResult> txn = new Script<>("txn", log, CONNECTION, new TxnResult(true, 8));
    Script<OptionalLong> settle = new Script<>("settle", log, OptionalLong.empty());
    assertThat(attempts(EtcdSettings.Budget.COMMAND).commit(txn, settle)).isEqualTo(new TxnResult(true, 8));
    assertThat(log).containsExactly("txn", "settle", "txn");
  }

  @Test
  void aTransactionTurnedAwayBeforeItWasProposedIsTriedAgainWithoutARead() {
    EtcdFailure noLeader = EtcdFailure.of("UNAVAILABLE", "etcdserver: no leader", false);
    Script<TxnResult> txn = new Script<>("txn", log, noLeader, noLeader, new TxnResult(true, 9));
    Script<OptionalLong> settle = new Script<>("settle", log, OptionalLong.empty());
    assertThat(attempts(EtcdSettings.Budget.COMMAND).commit(txn, settle)).isEqualTo(new TxnResult(true, 9));
    assertThat(log).containsExactly("txn", "txn", "txn");
  }

  @Test
  void aTransactionLeftUnsettledWhenTheBudgetEndsSaysItsOutcomeIsUnknown() {
    Script<TxnResult> txn = new Script<>("txn", log, TIMED_OUT);
    Script<OptionalLong> settle = new Script<>("settle", log, LEADER_CHANGED);
    assertThatThrownBy(() -> attempts(EtcdSettings.Budget.COMMAND).commit(txn, settle))
        .isInstanceOfSatisfying(BudgetSpentException.class, e -> assertThat(e.why()).isEqualTo(Why.OUTCOME_UNKNOWN))
        .hasMessageContaining("the outcome of a transaction is unknown (UNAVAILABLE: etcdserver: request timed out)")
        .hasMessageContaining("may or may not have been applied; re-run");
    assertThat(log).first().isEqualTo("txn");
    assertThat(log.subList(1, log.size())).as("never retried blind").containsOnly("settle");
  }

  @Test
  void aCommandsBudgetStartsAtItsFirstRequestAndCoversAllOfThem() {
    EtcdAttempts a = attempts(EtcdSettings.Budget.COMMAND);
    time.advance(Duration.ofSeconds(30)); // the JVM starting on a busy machine: not charged
    long firstRequest = time.now;
    assertThat(a.read(new Script<String>("read", log, NEVER, "first"))).isEqualTo("first"); // one 2 s wait, then answered
    time.advance(Duration.ofSeconds(2));
    assertThatThrownBy(() -> a.read(new Script<String>("read", log, LEADER_CHANGED)))
        .isInstanceOfSatisfying(BudgetSpentException.class, e -> assertThat(e.why()).isEqualTo(Why.NO_LEADER));
    assertThat(time.now - firstRequest).as("the second read had only what the first left").isEqualTo(BUDGET.toNanos());
    assertThatThrownBy(() -> a.commit(new Script<TxnResult>("txn", log, new TxnResult(true, 3)), new Script<OptionalLong>("settle", log)))
        .isInstanceOfSatisfying(BudgetSpentException.class, e -> assertThat(e.why()).isEqualTo(Why.NO_ANSWER))
        .hasMessageContaining("no time was left for a transaction of the budget of 5.0 s")
        .hasMessageContaining("the command's earlier requests used it");
    assertThat(log).doesNotContain("txn");
  }

  @Test
  void aLongRunningProcessGivesEachCallTheWholeBudget() {
    EtcdAttempts a = attempts(EtcdSettings.Budget.CALL);
    assertThat(a.read(new Script<String>("read", log, NEVER, "first"))).isEqualTo("first");
    time.advance(Duration.ofSeconds(4));
    long second = time.now;
    assertThat(a.read(new Script<String>("read", log, NEVER, NEVER, "second"))).isEqualTo("second");
    assertThat(time.now - second).as("two 2 s waits and pauses: more than the first call left").isGreaterThan(Duration.ofSeconds(4).toNanos());
  }
}
