package io.netctl.ipam.store;

import java.util.Objects;

/**
 * etcd could not be used within {@code --etcd-timeout}, retries on other members included (exit
 * code 3, like every {@link StoreException}). {@link #why()} says what happened, for callers and
 * tests; the message says it for an operator, in one line.
 */
public final class BudgetSpentException extends StoreException {

  /** What used up the budget. */
  public enum Why {
    /** No member answered at all: etcd down or unreachable, or the machine too busy to talk to it. */
    NO_ANSWER,
    /** Members answered, but that they could not serve the request: no leader for the whole budget. */
    NO_LEADER,
    /** A transaction's outcome was unknown and no read could settle it in time: it may or may not be applied. */
    OUTCOME_UNKNOWN
  }

  private final Why why;

  public BudgetSpentException(Why why, String message) {
    super(message);
    this.why = Objects.requireNonNull(why, "why");
  }

  public Why why() {
    return why;
  }
}
