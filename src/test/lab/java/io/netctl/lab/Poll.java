package io.netctl.lab;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waiting for a condition with a deadline, instead of sleeping a fixed time. */
public final class Poll {
  private Poll() {}

  /** Polls {@code condition} every 20-200 ms until it holds; fails with {@code what} after {@code timeout}. */
  public static void until(Duration timeout, String what, BooleanSupplier condition) {
    until(timeout, () -> what, condition);
  }

  /**
   * As {@link #until(Duration, String, BooleanSupplier)}, with the failure message made when the
   * deadline passes, e.g. to show a daemon's state and log at that moment rather than at the start.
   */
  public static void until(Duration timeout, Supplier<String> what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long pause = 20;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for: " + what.get());
      }
      pause(pause);
      pause = Math.min(200, pause * 2);
    }
  }

  /** Polls {@code supplier} until it returns non-null; returns that value. */
  public static <T> T forValue(Duration timeout, String what, Supplier<T> supplier) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long pause = 20;
    while (true) {
      T v = supplier.get();
      if (v != null) {
        return v;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for: " + what);
      }
      pause(pause);
      pause = Math.min(200, pause * 2);
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis); // the polling interval of a deadline-bounded wait, not a wait for a condition
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted");
    }
  }
}
