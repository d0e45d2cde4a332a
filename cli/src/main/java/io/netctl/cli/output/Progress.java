package io.netctl.cli.output;

import io.netctl.cli.CliContext;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A progress line on stderr while a command waits (BGP sessions and End-of-RIB, BMP feeds, a large
 * validate, an lvs sync): what it waits for, a spinner and the seconds so far, redrawn in place and
 * erased when done, so a long wait never looks like a hang. Only when stderr is a terminal and
 * without {@code --quiet}; otherwise {@link #start} returns one that does nothing, and no thread
 * runs.
 *
 * <pre>{@code
 * try (Progress p = Progress.start(ctx, quiet, "waiting for rr-1's routes")) {
 *   ... p.update("waiting for rr-1's routes: 1,200 so far"); ...
 * }
 * }</pre>
 */
public final class Progress implements AutoCloseable {
  private static final String SPINNER = "|/-\\";
  /** Redraw period of the line. */
  static final Duration TICK = Duration.ofMillis(250);

  private final PrintWriter err;
  private final Clock clock;
  private final Instant started;
  private final ScheduledExecutorService ticker;
  private String what;
  private int frame;
  private boolean drawn;
  private boolean closed;

  private Progress(PrintWriter err, Clock clock, String what, boolean tick) {
    this.err = err;
    this.clock = clock;
    this.started = clock.instant();
    this.what = what;
    if (tick) {
      ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "netctl-progress");
        t.setDaemon(true);
        return t;
      });
      ticker.scheduleAtFixedRate(this::draw, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
    } else {
      ticker = null;
    }
  }

  /** A progress line for {@code what}, shown only when stderr is a terminal and not {@code quiet}. */
  public static Progress start(CliContext ctx, boolean quiet, String what) {
    if (quiet || !ctx.errTerminal()) {
      return new Progress(null, ctx.clock(), what, false);
    }
    return new Progress(ctx.err(), ctx.clock(), what, true);
  }

  /** A line drawn only by {@link #draw()} calls (tests drive it with their own clock). */
  static Progress manual(PrintWriter err, Clock clock, String what) {
    return new Progress(err, clock, what, false);
  }

  /** Whether this one shows anything. */
  public boolean shown() {
    return err != null;
  }

  /** Changes what the line says it waits for. */
  public synchronized void update(String what) {
    this.what = what;
  }

  /** Redraws the line: {@code netctl: WHAT | 3s}. */
  synchronized void draw() {
    if (err == null || closed) {
      return;
    }
    long seconds = Duration.between(started, clock.instant()).toSeconds();
    err.print("\r" + "netctl: " + what + " " + SPINNER.charAt(frame++ % SPINNER.length()) + " " + seconds + "s\033[K");
    err.flush();
    drawn = true;
  }

  /** Stops redrawing and erases the line. */
  @Override
  public void close() {
    if (ticker != null) {
      ticker.shutdownNow();
      try {
        ticker.awaitTermination(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    synchronized (this) {
      if (drawn && !closed) {
        err.print("\r\033[K");
        err.flush();
      }
      closed = true;
    }
  }
}
