package io.netctl.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * @param errTerminal whether stderr is a terminal (progress lines are drawn only there)
 */
public record CliContext(PrintWriter out, PrintWriter err, InputStream in, Map<String, String> env, Clock clock, boolean errTerminal) {
  public CliContext {
    env = Map.copyOf(env);
  }

  /** A context whose stderr is no terminal. */
  public CliContext(PrintWriter out, PrintWriter err, InputStream in, Map<String, String> env, Clock clock) {
    this(out, err, in, env, clock, false);
  }

  public static CliContext system() {
    return new CliContext(
        new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.in, System.getenv(), Clock.systemUTC(), stderrIsTerminal());
  }

  /** Whether file descriptor 2 is a terminal: on Linux, a link to a tty or pseudo-terminal device. */
  static boolean stderrIsTerminal() {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return false;
    }
  }
}
