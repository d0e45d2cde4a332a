package io.netctl.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.netctl.cli.CliContext;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The progress line: drawn in place with what is awaited and the seconds so far, erased at the end; nothing off a terminal or with --quiet. */
class ProgressTest {
  /** A clock the test moves. */
  static final class Hand extends Clock {
    Instant now = Instant.parse("2026-12-01T00:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void drawsInPlaceCountsSecondsAndErasesItself() {
    StringWriter err = new StringWriter();
    Hand clock = new Hand();
    try (Progress p = Progress.manual(new PrintWriter(err), clock, "waiting for rr-1's routes")) {
      p.draw();
      clock.now = clock.now.plus(Duration.ofMillis(2400));
      p.update("waiting for rr-1's routes: Established");
      p.draw();
    }
    assertThat(err.toString()).isEqualTo("\rnetctl: waiting for rr-1's routes | 0s\033[K"
        + "\rnetctl: waiting for rr-1's routes: Established / 2s\033[K"
        + "\r\033[K");
  }

  @Test
  void aLineNeverDrawnIsNotErasedAndNothingIsDrawnAfterClose() {
    StringWriter err = new StringWriter();
    Progress p = Progress.manual(new PrintWriter(err), new Hand(), "x");
    p.close();
    p.draw();
    assertThat(err.toString()).isEmpty();
  }

  CliContext context(StringWriter err, boolean terminal) {
    return new CliContext(new PrintWriter(new StringWriter()), new PrintWriter(err), new ByteArrayInputStream(new byte[0]), Map.of(),
        new Hand(), terminal);
  }

  @Test
  void offATerminalOrQuietNothingIsShownAndNoThreadRuns() {
    for (boolean[] c : new boolean[][] {{false, false}, {true, true}, {false, true}}) {
      StringWriter err = new StringWriter();
      try (Progress p = Progress.start(context(err, c[0]), c[1], "waiting")) {
        assertThat(p.shown()).isFalse();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("netctl-progress"));
      }
      assertThat(err.toString()).isEmpty();
    }
  }

  @Test
  void onATerminalTheTickerDrawsAtOnceAndTheLineIsGoneAfterClose() {
    StringWriter err = new StringWriter();
    try (Progress p = Progress.start(context(err, true), false, "waiting for BMP feeds")) {
      assertThat(p.shown()).isTrue();
      io.netctl.lab.Poll.until(Duration.ofSeconds(10), "the first frame", () -> err.toString().contains("netctl: waiting for BMP feeds"));
    }
    assertThat(err.toString()).startsWith("\rnetctl: waiting for BMP feeds ").endsWith("\r\033[K");
    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("netctl-progress") && t.isAlive());
  }
}
