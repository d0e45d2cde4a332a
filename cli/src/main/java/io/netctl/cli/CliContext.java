package io.netctl.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;

/**
 * What a command may touch of the world: its output streams, environment and clock. Tests pass
 * their own.
 *
 * @param out standard output (results)
 * @param err standard error (errors, warnings, progress)
 * @param in standard input
 * @param env the environment variables
 * @param clock the time
 */
public record CliContext(PrintWriter out, PrintWriter err, InputStream in, Map<String, String> env, Clock clock) {
  public CliContext {
    env = Map.copyOf(env);
  }

  public static CliContext system() {
    return new CliContext(
        new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.in, System.getenv(), Clock.systemUTC());
  }
}
