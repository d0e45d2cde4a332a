package io.netctl.cli.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netctl.cli.check.PoolWatch.Look;
import io.netctl.cli.controller.MutableClock;
import io.netctl.validator.routes.PoolPresence.Seen;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The wait loop, driven by a clock the sleeper advances: no real time passes. */
class RouteWaitTest {
  private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
  private static final Seen HERE = new Seen(true, "172.31.0.12");

  private final MutableClock clock = new MutableClock(T0);
  private final List<String> progress = new ArrayList<>();
  private int looks;

  /** Runs the wait; {@code at} gives the looks for the seconds elapsed since T0. */
  private RouteWait.Outcome run(Duration timeout, Function<Double, List<Look>> at) {
    return RouteWait.await(() -> {
      looks++;
      return at.apply(java.time.Duration.between(T0, clock.instant()).toMillis() / 1000.0);
    }, clock, clock::advance, T0, timeout, progress::add);
  }

  @Test
  void returnsAtTheFirstLookThatShowsThePoolEverywhereWithEachSourcesTime() {
    RouteWait.Outcome o = run(Duration.ofSeconds(60), s -> List.of(
        new Look("rr-1", s >= 3 ? HERE : Seen.ABSENT, null),
        new Look("rr-2", s >= 5 ? HERE : Seen.ABSENT, null)));
    assertTrue(o.ready());
    assertEquals(List.of(new RouteWait.Result("rr-1", true, "172.31.0.12", 3.0, null), new RouteWait.Result("rr-2", true, "172.31.0.12", 5.0, null)),
        o.results());
    assertEquals(21, looks, "one look every 250 ms up to 5 s, then no more");
    assertEquals("rr-1, rr-2", progress.get(0));
    assertEquals("rr-2", progress.get(progress.size() - 1));
  }

  @Test
  void aSourceThatHadThePoolOnceStaysReady() {
    RouteWait.Outcome o = run(Duration.ofSeconds(60), s -> List.of(
        new Look("rr-1", s >= 1 && s < 2 ? HERE : Seen.ABSENT, null),
        new Look("lvs-1", s >= 4 ? HERE : Seen.ABSENT, null)));
    assertTrue(o.ready());
    assertEquals(1.0, o.results().get(0).seconds());
  }

  @Test
  void timesOutNamingTheSourcesStillWithoutThePoolAndTheWrongNextHopSeen() {
    RouteWait.Outcome o = run(Duration.ofSeconds(5), s -> List.of(
        new Look("rr-1", HERE, null),
        new Look("rr-2", new Seen(false, "172.31.0.99"), null),
        new Look("rr-3", null, "monitor session Active, last error: Connection refused")));
    assertFalse(o.ready());
    assertFalse(o.nothingObserved());
    assertEquals(List.of("rr-2", "rr-3"), o.missing());
    assertEquals(new RouteWait.Result("rr-2", false, "172.31.0.99", null, null), o.results().get(1));
    assertEquals("monitor session Active, last error: Connection refused", o.results().get(2).unobserved());
    assertEquals(Instant.parse("2026-12-01T09:00:05Z"), clock.instant(), "stopped at the deadline");
  }

  @Test
  void aSourceObservedOnceIsObservedEvenIfItsSessionDropsLater() {
    RouteWait.Outcome o = run(Duration.ofSeconds(2), s -> List.of(new Look("rr-1", s < 1 ? Seen.ABSENT : null, "monitor session Idle")));
    assertTrue(o.results().get(0).observed());
    assertFalse(o.nothingObserved());
  }

  @Test
  void nothingObservedWhenNoSourceEverAnswered() {
    RouteWait.Outcome o = run(Duration.ofSeconds(2), s -> List.of(new Look("rr-1 (BMP)", null, "no BMP feed from 172.31.0.2 yet")));
    assertFalse(o.ready());
    assertTrue(o.nothingObserved());
    assertNull(o.results().get(0).seconds());
  }

  @Test
  void aReflectorsBmpViewNeverObservedDoesNotHoldItUpWhenItsMonitorSessionShowsThePool() {
    RouteWait.Outcome o = run(Duration.ofSeconds(60), s -> List.of(
        new Look("rr-1", s >= 2 ? HERE : Seen.ABSENT, null),
        new Look("rr-1 (BMP)", null, "no BMP feed from 172.31.0.1 yet")));
    assertTrue(o.ready());
    assertEquals(2.0, o.results().get(0).seconds());
    assertFalse(o.results().get(1).observed());
  }

  @Test
  void aBmpViewNeverObservedCountsAsMissingWhenNoOtherViewOfItsReflectorHasThePool() {
    RouteWait.Outcome o = run(Duration.ofSeconds(2), s -> List.of(
        new Look("rr-1", HERE, null),
        new Look("rr-2 (BMP)", null, "no BMP feed from 172.31.0.2 yet")));
    assertFalse(o.ready());
    assertEquals(List.of("rr-2 (BMP)"), o.missing());
  }

  @Test
  void aPoolAlreadyThereReturnsAtTheFirstLook() {
    RouteWait.Outcome o = run(Duration.ofSeconds(60), s -> List.of(new Look("rr-1", HERE, null)));
    assertTrue(o.ready());
    assertEquals(1, looks);
    assertEquals(0.0, o.results().get(0).seconds());
    assertTrue(progress.isEmpty());
  }
}
