package io.netctl.cli;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How a long-running process logs a failure that repeats (an API server refusing, a lease that
 * cannot be renewed, an agent round failing): the first time and every {@value #EVERY}th, each
 * with its count and one line, and once when it stops. A crash-looping dependency then writes
 * two lines a minute, not a trace a second.
 */
public final class RepeatedFailures {
  /** Every how many failures one is logged (after the first). */
  public static final int EVERY = 30;

  private final AtomicLong count = new AtomicLong();

  /** Counts a failure; returns its number when it is to be logged (the 1st, 30th, 60th ...), else 0. */
  public long failed() {
    long n = count.incrementAndGet();
    return n == 1 || n % EVERY == 0 ? n : 0;
  }

  /** Counts a success; returns how many failures it ends (0 when there were none: nothing to log). */
  public long recovered() {
    return count.getAndSet(0);
  }
}
