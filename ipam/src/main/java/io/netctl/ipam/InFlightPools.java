package io.netctl.ipam;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The pools an allocator's threads are committing right now, so that threads sharing one {@link
 * Allocator} (a controller's workers) never race each other for the same pool; other processes are
 * kept apart by the transactions' compares. The allocator ends every reservation in a {@code
 * finally} once its commit is done, so a wait for one to end is bounded by a commit; ending one
 * wakes the threads waiting.
 */
final class InFlightPools {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition ended = lock.newCondition();
  private final Set<String> pools = new HashSet<>();
  /** How many reservations have ended so far: what a waiter compares its snapshot with. */
  private long endings;

  /** The pools in flight at one moment, and how many reservations had ended by then. */
  record Snapshot(Set<String> pools, long endings) {
    Snapshot {
      pools = Set.copyOf(pools);
    }
  }

  Snapshot snapshot() {
    lock.lock();
    try {
      return new Snapshot(pools, endings);
    } finally {
      lock.unlock();
    }
  }

  /** Marks {@code pool} in flight; false when another thread has it. */
  boolean reserve(String pool) {
    lock.lock();
    try {
      return pools.add(pool);
    } finally {
      lock.unlock();
    }
  }

  /** Ends the reservation of {@code pool} and wakes the threads waiting for one to end. */
  void end(String pool) {
    lock.lock();
    try {
      if (pools.remove(pool)) {
        endings++;
        ended.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  boolean isEmpty() {
    lock.lock();
    try {
      return pools.isEmpty();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until a reservation ends that was in flight at {@code since}.
   *
   * @param deadline when to stop waiting, on {@code clock} (a clock that stands still waits for an end only)
   * @return true when one has ended (plan again); false when nothing was in flight, the deadline
   *     passed first, or the thread was interrupted (its interrupt flag is set again)
   */
  boolean awaitEnd(Snapshot since, Instant deadline, Clock clock) {
    lock.lock();
    try {
      while (endings == since.endings()) {
        if (pools.isEmpty()) {
          return false;
        }
        Duration left = Duration.between(clock.instant(), deadline);
        if (left.isNegative() || left.isZero()) {
          return false;
        }
        ended.await(left.toNanos(), TimeUnit.NANOSECONDS);
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      lock.unlock();
    }
  }

  /** True while some thread waits in {@link #awaitEnd} (for tests). */
  boolean hasWaiters() {
    lock.lock();
    try {
      return lock.hasWaiters(ended);
    } finally {
      lock.unlock();
    }
  }
}
