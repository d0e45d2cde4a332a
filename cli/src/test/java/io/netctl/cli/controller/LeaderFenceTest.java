package io.netctl.cli.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** When a leader may write, on a driven clock: the fence ends a third of a lease before a standby may take over. */
class LeaderFenceTest {
  static final Duration LEASE = Duration.ofSeconds(15);
  final AtomicLong nanos = new AtomicLong(1_000_000_000_000L);
  final LeaderFence fence = new LeaderFence("ctl-a", LEASE, nanos::get);

  void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
  }

  @Test
  void writingNeedsTheLeaseAndARenewal() {
    assertThat(fence.mayWrite()).isFalse();
    fence.renewed(fence.now());
    assertThat(fence.mayWrite()).as("renewed but not told it holds the lease").isFalse();
    fence.holding(true);
    assertThat(fence.mayWrite()).isTrue();
  }

  @Test
  void writingStopsAtTheRenewDeadlineCountedFromTheAttempt() {
    fence.holding(true);
    long attempt = fence.now();
    advance(Duration.ofSeconds(3)); // the renewal's request took 3 s to succeed
    fence.renewed(attempt);
    advance(Duration.ofSeconds(6)); // 9 s after the attempt
    assertThat(fence.mayWrite()).isTrue();
    advance(Duration.ofMillis(999)); // 1 ms before 2/3 of the lease
    assertThat(fence.mayWrite()).isTrue();
    advance(Duration.ofMillis(1)); // 10 s = the renew deadline
    assertThat(fence.mayWrite()).isFalse();
    assertThat(fence.holding()).as("the elector has not noticed yet: its request hangs").isTrue();
    advance(Duration.ofSeconds(1));
    assertThat(fence.lapsedFor()).isEqualTo(Duration.ofSeconds(1));
    // a standby may take the lease a whole lease after the renew time: 4 s from now, never before this
  }

  @Test
  void aLaterRenewalExtendsAndALateReportOfAnOlderOneDoesNotShorten() {
    fence.holding(true);
    long first = fence.now();
    advance(Duration.ofSeconds(2));
    long second = fence.now();
    fence.renewed(second);
    fence.renewed(first);
    advance(Duration.ofSeconds(10).minusMillis(1));
    assertThat(fence.mayWrite()).as("11.999 s after the first attempt, 9.999 s after the second").isTrue();
    advance(Duration.ofMillis(1));
    assertThat(fence.mayWrite()).isFalse();
    // a renewal that succeeds after a lapse (nobody took the lease meanwhile) allows writing again
    fence.renewed(fence.now());
    assertThat(fence.mayWrite()).isTrue();
  }

  @Test
  void losingOrReleasingTheLeaseStopsWritingAtOnceUntilTheNextAcquisition() {
    fence.holding(true);
    fence.renewed(fence.now());
    fence.holding(false);
    assertThat(fence.mayWrite()).isFalse();
    fence.holding(true);
    assertThat(fence.mayWrite()).as("the old renewal does not count for a new term").isFalse();
    fence.renewed(fence.now());
    assertThat(fence.mayWrite()).isTrue();
  }

  @Test
  void theRenewDeadlineIsTwoThirdsOfTheLease() {
    assertThat(LeaderFence.renewDeadline(Duration.ofSeconds(15))).isEqualTo(Duration.ofSeconds(10));
    assertThat(LeaderFence.renewDeadline(Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(2));
  }
}
