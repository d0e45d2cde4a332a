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
}
