package io.netctl.cli.controller;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Whether this replica may write now: it holds the lease, and its last successful renewal is
 * younger than the renew deadline (two thirds of the lease duration), counted from when that
 * renewal was attempted.
 *
 * <p>A standby takes the lease only when it has not been renewed for a whole lease duration
 * (Kubernetes' leader election, fabric8's {@code LeaderElector}), so a leader cut off from the API
 * server stops writing at least a third of a lease before anyone else can start — however long
 * its requests to the API server hang, which the elector alone would wait out while still
 * calling itself the leader. The elector's lock reports each attempt and success ({@code
 * cli.kube.LeaseElection}); every write of the controller asks {@link #mayWrite()} first.
 *
 * <p>Its time is the elector's, not the controller's injected clock (which tests drive for grace
 * periods): a monotonic clock, so a step of the wall clock cannot stretch the deadline. Tests of
 * the fence itself drive that clock.
 */
public final class LeaderFence {
  private final String identity;
  private final LongSupplier nanoTime;
  private final long renewDeadline;
  private volatile boolean holding;
  private volatile boolean renewed;
  private volatile long validUntil;

  /**
   * @param identity this replica's name in the lease
   * @param leaseDuration how long a lease lasts without renewal
   */
  public LeaderFence(String identity, Duration leaseDuration) {
    this(identity, leaseDuration, System::nanoTime);
  }

  LeaderFence(String identity, Duration leaseDuration, LongSupplier nanoTime) {
    this.identity = Objects.requireNonNull(identity, "identity");
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    this.renewDeadline = renewDeadline(leaseDuration).toNanos();
  }

  /** How long after a renewal the leader writes without another: two thirds of the lease. */
  public static Duration renewDeadline(Duration leaseDuration) {
    return leaseDuration.multipliedBy(2).dividedBy(3);
  }

  public String identity() {
    return identity;
  }

  /** The fence's time, what a renewal attempt is stamped with (nanoseconds, monotonic). */
  public long now() {
    return nanoTime.getAsLong();
  }

  /** A renewal (or the acquisition) attempted at {@code attempted} ({@link #now()}) succeeded. */
  public synchronized void renewed(long attempted) {
    long until = attempted + renewDeadline;
    if (!renewed || until - validUntil > 0) {
      validUntil = until;
      renewed = true;
    }
  }

  /** The elector says this replica holds the lease (or not any more: then writing stops at once). */
  public synchronized void holding(boolean holds) {
    holding = holds;
    if (!holds) {
      renewed = false;
    }
  }

  /** Whether the elector last said this replica holds the lease (renewed in time or not). */
  public boolean holding() {
    return holding;
  }

  /** True while this replica holds the lease and renewed it within the renew deadline. */
  public boolean mayWrite() {
    return holding && renewed && validUntil - nanoTime.getAsLong() > 0;
  }

  /** How long ago writing stopped being allowed (zero or negative while it is allowed), for messages. */
  public Duration lapsedFor() {
    return renewed ? Duration.ofNanos(nanoTime.getAsLong() - validUntil) : Duration.ZERO;
  }
}
