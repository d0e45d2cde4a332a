package io.netctl.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** Runs netctl in-process with captured output, an isolated state folder and a chosen environment. */
public final class CliHarness {
  private final Map<String, String> env = new HashMap<>();
  private Clock clock = Clock.systemUTC();
  private String stdin = "";

  public CliHarness(Path stateHome) {
    env.put("XDG_STATE_HOME", stateHome.toString());
    env.put("HOME", stateHome.toString());
  }

  public CliHarness env(String k, String v) {
    env.put(k, v);
    return this;
  }

  public CliHarness clock(Clock c) {
    this.clock = c;
    return this;
  }

  public CliHarness stdin(String s) {
    this.stdin = s;
    return this;
  }

  /** The outcome of one run. */
  public record Run(int code, String out, String err) {
    /** stderr's lines, without a trailing empty one. */
    public String[] errLines() {
      return err.isEmpty() ? new String[0] : err.split("\n");
    }

    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  /** A context with captured output, for building the command tree in tests. */
  public CliContext context() {
    return new CliContext(new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true),
        new ByteArrayInputStream(new byte[0]), env, clock);
  }

  public Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext ctx = new CliContext(new PrintWriter(out, true), new PrintWriter(err, true),
        new ByteArrayInputStream(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8)), env, clock);
    int code = Netctl.run(ctx, args);
    return new Run(code, out.toString(), err.toString());
  }

  /**
   * Starts a long-running command (watch, listen) on a thread of its own; {@link Background#stop()}
   * interrupts it as Ctrl-C would and returns how it ended.
   */
  public Background start(String... args) {
    return new Background(args);
  }

  /** A command running in the background, its output readable while it runs. */
  public final class Background {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final java.util.concurrent.CompletableFuture<Integer> code = new java.util.concurrent.CompletableFuture<>();
    private final Thread thread;

    private Background(String... args) {
      CliContext ctx = new CliContext(new PrintWriter(out, true), new PrintWriter(err, true),
          new ByteArrayInputStream(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8)), env, clock);
      thread = new Thread(() -> code.complete(Netctl.run(ctx, args)), "netctl " + String.join(" ", args));
      thread.setDaemon(true);
      thread.start();
    }

    /** stdout so far. */
    public String out() {
      return out.toString();
    }

    public String err() {
      return err.toString();
    }

    /** Interrupts the command and waits for it to return. */
    public Run stop() throws Exception {
      thread.interrupt();
      int c = code.get(60, java.util.concurrent.TimeUnit.SECONDS);
      return new Run(c, out.toString(), err.toString());
    }
  }
}
