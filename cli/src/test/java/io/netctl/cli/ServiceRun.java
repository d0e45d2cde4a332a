package io.netctl.cli;

import io.netctl.lab.Poll;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A long-running netctl command (controller, agent) run in-process on its own thread, stopped the
 * way a test can: by interrupting it, which the command treats like SIGTERM.
 */
public final class ServiceRun implements AutoCloseable {
  private final Thread thread;
  private final CompletableFuture<Integer> exit = new CompletableFuture<>();
  private final StringWriter err = new StringWriter();

  private ServiceRun(Map<String, String> env, Clock clock, String... args) {
    CliContext ctx = new CliContext(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), new ByteArrayInputStream(new byte[0]), env, clock);
    thread = new Thread(() -> {
      try {
        exit.complete(Netctl.run(ctx, args));
      } catch (Throwable t) {
        exit.completeExceptionally(t);
      }
    }, "netctl-" + args[0]);
    thread.setDaemon(true);
  }

  public static ServiceRun start(Map<String, String> env, Clock clock, String... args) {
    ServiceRun r = new ServiceRun(env, clock, args);
    r.thread.start();
    return r;
  }

  /** Stops the command (as SIGTERM would) and returns its exit code. */
  public int stop() {
    thread.interrupt();
    try {
      return exit.get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("netctl did not stop within 30 s: " + e, e);
    }
  }

  /** The exit code once it has ended by itself (a start-up failure). */
  public int awaitExit(Duration d) {
    try {
      return exit.get(d.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("netctl still runs: " + e, e);
    }
  }

  public boolean running() {
    return !exit.isDone();
  }

  /** What the command printed to its stderr (its one-line errors; logs go to the process's stderr). */
  public String err() {
    return err.toString();
  }

  /** Waits until /readyz or /metrics answers on {@code port}. */
  public void awaitHttp(int port) {
    Poll.until(Duration.ofSeconds(30), "netctl serving HTTP on " + port, () -> {
      if (!running()) {
        throw new AssertionError("netctl exited early: " + exit.join() + " " + err());
      }
      return Http.get(port, "/healthz").status() == 200;
    });
  }

  @Override
  public void close() {
    if (running()) {
      stop();
    }
  }
}
