package io.netctl.ipam;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InFlightPoolsTest {
  static final Instant T = Instant.parse("2026-11-27T10:00:00Z");
  /** A clock that stands still: only an ended reservation can end a wait. */
  static final Clock STILL = Clock.fixed(T, ZoneOffset.UTC);
  final InFlightPools pools = new InFlightPools();

  @Test
  void aPoolIsReservedByOneThreadAtATime() {
    assertThat(pools.reserve("10.3.240.0/27")).isTrue();
    assertThat(pools.reserve("10.3.240.0/27")).isFalse();
    assertThat(pools.snapshot().pools()).containsExactly("10.3.240.0/27");
    pools.end("10.3.240.0/27");
    assertThat(pools.isEmpty()).isTrue();
    assertThat(pools.reserve("10.3.240.0/27")).isTrue();
  }

  @Test
  void aWaitEndsWhenAReservationEnds() throws Exception {
    pools.reserve("10.3.240.0/27");
    InFlightPools.Snapshot busy = pools.snapshot();
    CompletableFuture<Boolean> waited = CompletableFuture.supplyAsync(() -> pools.awaitEnd(busy, T.plusSeconds(10), STILL));
    pools.end("10.3.240.0/27"); // before or after the waiter parks: either way it sees the end
    assertThat(waited.get(60, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aWaitEndsAtOnceWhenSomethingEndedSinceTheSnapshot() {
    pools.reserve("10.3.240.0/27");
    InFlightPools.Snapshot busy = pools.snapshot();
    pools.end("10.3.240.0/27");
    assertThat(pools.awaitEnd(busy, T.plusSeconds(10), STILL)).isTrue();
  }

  @Test
  void noWaitPastTheDeadlineOnTheInjectedClockNorWithNothingInFlight() {
    InFlightPools.Snapshot none = pools.snapshot();
    assertThat(pools.awaitEnd(none, T.plusSeconds(10), STILL)).as("nothing in flight").isFalse();
    pools.reserve("10.3.240.0/27");
    InFlightPools.Snapshot busy = pools.snapshot();
    assertThat(pools.awaitEnd(busy, T, STILL)).as("deadline reached").isFalse();
    assertThat(pools.awaitEnd(busy, T.minusSeconds(1), STILL)).as("deadline passed").isFalse();
  }
}
