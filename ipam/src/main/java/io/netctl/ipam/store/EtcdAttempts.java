package io.netctl.ipam.store;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the attempts of one etcd request within the budget of {@code --etcd-timeout}: what rides
 * out an etcd leader change. It knows nothing of jetcd — {@link EtcdStore} hands it the attempts
 * (each a new request, which gRPC's round robin sends to the next member that is up) and the way
 * to classify their failures ({@link EtcdFailure}).
 *
 * <ul>
 *   <li>A read is idempotent: it is simply tried again after a short pause, until it is answered,
 *       refused for good, or the budget is spent.
 *   <li>A transaction whose attempt failed may or may not have been applied (unless etcd turned
 *       it away before proposing it, {@link EtcdFailure#outcomeUnknown()}). Before any retry its
 *       outcome is settled by a read ({@link TxnSettlement}): applied — its result is returned;
 *       not applied — it is tried again (its compares make that safe).
 *   <li>The budget ({@link EtcdSettings.Budget}) runs from the first request of a one-shot
 *       command, or from the start of each call of a long-running process. One attempt waits at
 *       most a third of it (at least 2 s), so a member that neither answers nor hangs up cannot
 *       use all of it.
 *   <li>When the budget is spent, a {@link BudgetSpentException} says which happened: no answer,
 *       no leader, or a transaction left unsettled.
 * </ul>
 */
final class EtcdAttempts {
  private static final Logger LOG = LoggerFactory.getLogger(EtcdAttempts.class);
  private static final long FIRST_PAUSE = TimeUnit.MILLISECONDS.toNanos(50);
  private static final long MAX_PAUSE = TimeUnit.MILLISECONDS.toNanos(500);

  /** Time as the attempts see it; {@link #SYSTEM} in production, a driven clock in tests. */
  interface Timing {
    long nanoTime();

    void sleep(long nanos) throws InterruptedException;

    <T> T await(CompletableFuture<T> f, long nanos) throws InterruptedException, ExecutionException, TimeoutException;

    /** A remark on the machine for a message when time ran out ("" when none). */
    String busyNote();

    Timing SYSTEM = new Timing() {
      @Override
      public long nanoTime() {
        return System.nanoTime();
      }

      @Override
      public void sleep(long nanos) throws InterruptedException {
        TimeUnit.NANOSECONDS.sleep(nanos);
      }

      @Override
      public <T> T await(CompletableFuture<T> f, long nanos) throws InterruptedException, ExecutionException, TimeoutException {
        return f.get(nanos, TimeUnit.NANOSECONDS);
      }

      @Override
      public String busyNote() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        int cpus = Runtime.getRuntime().availableProcessors();
        return load >= 2.0 * cpus
            ? String.format(Locale.ROOT, "; the machine is busy (load %.1f on %d CPUs), which can spend the budget before etcd is asked", load, cpus)
            : "";
      }
    };
  }

  private final String store;
  private final Duration limit;
  private final EtcdSettings.Budget scope;
  private final Function<Throwable, EtcdFailure> classify;
  private final Timing timing;
  private final long attemptCap;
  private boolean started;
  private long commandDeadline;

  EtcdAttempts(String store, Duration limit, EtcdSettings.Budget scope, Function<Throwable, EtcdFailure> classify, Timing timing) {
    this.store = store;
    this.limit = limit;
    this.scope = scope;
    this.classify = classify;
    this.timing = timing;
    this.attemptCap = Math.max(limit.toNanos() / 3, Math.min(limit.toNanos(), Duration.ofSeconds(2).toNanos()));
  }

  /** An idempotent read: tried until answered, refused for good, or out of budget. */
  <T> T read(Supplier<CompletableFuture<T>> attempt) {
    long deadline = deadline();
    Trail trail = new Trail("a read");
    while (true) {
      Answer<T> a = attempt(attempt, deadline, trail);
      if (a.answered()) {
        return a.value();
      }
      pause(trail, deadline);
    }
  }

  /**
   * A transaction: tried until answered or refused for good; after an attempt whose outcome is
   * unknown, {@code settle} (a read returning the revision at which the transaction shows as
   * applied, or empty) decides before any retry.
   */
  TxnResult commit(Supplier<CompletableFuture<TxnResult>> attempt, Supplier<CompletableFuture<OptionalLong>> settle) {
    long deadline = deadline();
    Trail trail = new Trail("a transaction");
    while (true) {
      Answer<TxnResult> a = attempt(attempt, deadline, trail);
      if (a.answered()) {
        return a.value();
      }
      trail.unknown = trail.last.outcomeUnknown() ? trail.last : null;
      while (trail.unknown != null) {
        pause(trail, deadline);
        Answer<OptionalLong> s = attempt(settle, deadline, trail);
        if (s.answered()) {
          LOG.debug("{}: a transaction of unknown outcome ({}) shows as {}", store, trail.unknown.detail(),
              s.value().isPresent() ? "applied at revision " + s.value().getAsLong() : "not applied: trying again");
          if (s.value().isPresent()) {
            return new TxnResult(true, s.value().getAsLong());
          }
          trail.unknown = null;
        }
      }
      pause(trail, deadline);
    }
  }

  /** When the current call must be done by (nanoTime). */
  private synchronized long deadline() {
    long now = timing.nanoTime();
    if (scope == EtcdSettings.Budget.CALL) {
      return now + limit.toNanos();
    }
    if (!started) {
      started = true;
      commandDeadline = now + limit.toNanos();
    }
    return commandDeadline;
  }

  private record Answer<T>(boolean answered, T value) {}

  /** One attempt: its answer, or its failure recorded in {@code trail}; a failure for good is thrown. */
  private <T> Answer<T> attempt(Supplier<CompletableFuture<T>> attempt, long deadline, Trail trail) {
    long left = deadline - timing.nanoTime();
    if (left <= 0) {
      throw trail.spent();
    }
    long wait = Math.min(left, attemptCap);
    CompletableFuture<T> f = attempt.get();
    EtcdFailure failure;
    try {
      return new Answer<>(true, timing.await(f, wait));
    } catch (TimeoutException e) {
      f.cancel(true);
      failure = EtcdFailure.noAnswer(Duration.ofNanos(wait));
    } catch (InterruptedException e) {
      f.cancel(true);
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while waiting for " + store);
    } catch (ExecutionException e) {
      failure = classify.apply(e.getCause() == null ? e : e.getCause());
    }
    trail.add(failure);
    LOG.debug("{}: attempt {} of {} failed: {}", store, trail.failures, trail.what, failure.detail());
    if (!failure.retryable()) {
      throw new StoreException(store + " refused " + trail.what + ": " + failure.detail()
          + (trail.unknown != null ? " (after an attempt whose outcome is unknown: " + trail.unknown.detail() + ")" : ""));
    }
    return new Answer<>(false, null);
  }

  /** A pause before the next attempt, doubling from 50 ms to 500 ms; never past the deadline. */
  private void pause(Trail trail, long deadline) {
    long left = deadline - timing.nanoTime();
    if (left <= 0) {
      throw trail.spent();
    }
    long pause = Math.min(MAX_PAUSE, FIRST_PAUSE << Math.min(10, Math.max(0, trail.failures - 1)));
    try {
      timing.sleep(Math.min(pause, left));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while waiting for " + store);
    }
  }

  /** What the attempts of one call met, for the message when the budget is spent. */
  private final class Trail {
    final String what;
    int failures;
    EtcdFailure last;
    EtcdFailure election;
    /** The failure of a transaction attempt not yet settled (null when none is pending). */
    EtcdFailure unknown;

    Trail(String what) {
      this.what = what;
    }

    void add(EtcdFailure f) {
      failures++;
      last = f;
      if (f.kind() == EtcdFailure.Kind.ELECTION) {
        election = f;
      }
    }

    BudgetSpentException spent() {
      String budget = EtcdFailure.seconds(limit) + " s (--etcd-timeout, "
          + (scope == EtcdSettings.Budget.COMMAND ? "counted from the command's first request to etcd" : "for each request") + ")";
      String tried = failures + (failures == 1 ? " attempt" : " attempts") + (last == null ? "" : ", last: " + last.detail());
      String busy = timing.busyNote();
      if (unknown != null) {
        return new BudgetSpentException(BudgetSpentException.Why.OUTCOME_UNKNOWN,
            store + ": the outcome of a transaction is unknown (" + unknown.detail() + ") and no read settled it within " + budget
                + "; " + tried + ": it may or may not have been applied; re-run (netctl's writes are safe to repeat)" + busy);
      }
      if (election != null) {
        return new BudgetSpentException(BudgetSpentException.Why.NO_LEADER,
            store + " could not serve " + what + " within " + budget + ": its members answered " + election.detail()
                + " (an election that did not finish in time; " + tried + "): are most of its members up?" + busy);
      }
      if (failures == 0) {
        return new BudgetSpentException(BudgetSpentException.Why.NO_ANSWER,
            store + ": no time was left for " + what + " of the budget of " + budget + ": the command's earlier requests used it" + busy);
      }
      return new BudgetSpentException(BudgetSpentException.Why.NO_ANSWER,
          store + " did not answer " + what + " within " + budget + " (" + tried
              + "): is it running and reachable? (--etcd-endpoints, $ETCD_ENDPOINTS; TLS: --etcd-cacert/--etcd-cert/--etcd-key)" + busy);
    }
  }
}
