package io.netctl.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * A BGP daemon in the foreground inside a lab host (lab-recipes.md §3), so that the pid the lab holds
 * is the daemon's own: started with a configuration file in the lab folder, waited for until it
 * answers on its control interface, stopped by that pid (also when the lab closes). Waiting for a
 * session or a route polls the daemon's own view with a deadline, and a timeout says what the daemon
 * showed last and the tail of its log.
 *
 * <p>A daemon's files in the lab folder are named after its host: {@code <host>.bird.conf}, {@code
 * <host>.bird.log}, {@code <host>.bird.ctl} (FRR: {@code .frr.conf}, {@code .frr.run/}; GoBGP:
 * {@code .gobgp.toml}), so a host runs one daemon of each kind.
 */
public abstract sealed class BgpDaemon permits Bird, Frr, Gobgp {
  /** How long a daemon may take to answer on its control interface after start. */
  static final Duration START = Duration.ofSeconds(30);
  /** The default deadline of the waits: BGP in a lab converges in seconds, this allows a loaded machine. */
  public static final Duration CONVERGE = Duration.ofSeconds(60);
  private static final int LOG_TAIL_LINES = 30;

  private final Lab.Host host;
  private final String kind;
  private final Path config;
  private Proc.Daemon process;

  BgpDaemon(Lab.Host host, String kind, String configSuffix, String configText) {
    this.host = host;
    this.kind = kind;
    this.config = file(configSuffix);
    try {
      Files.writeString(config, configText);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The host it runs in. */
  public Lab.Host host() {
    return host;
  }

  /** Its configuration file in the lab folder. */
  public Path config() {
    return config;
  }

  /** Its output (stdout and stderr) in the lab folder. */
  public Path log() {
    return file("log");
  }

  /** The pid of the running daemon. */
  public long pid() {
    return process.pid();
  }

  public boolean alive() {
    return process != null && process.alive();
  }

  /** The running process (for its exit code or log). */
  public Proc.Daemon process() {
    return process;
  }

  /** A file of this daemon in the lab folder: {@code <host>.<kind>.<suffix>}. */
  final Path file(String suffix) {
    return host.lab().dir().resolve(host.name() + "." + kind + "." + suffix);
  }

  /** The daemon's foreground command line (run inside the host's namespace). */
  abstract List<String> command();

  /** True when the daemon answers on its control interface. */
  abstract boolean answers();

  /** What the daemon says about its sessions, for a failure message. */
  abstract String sessions();

  /** True when the session with the neighbour at {@code address} is Established. */
  public abstract boolean established(String address);

  /** True when {@code prefix} (IPv4 or IPv6) is in the daemon's BGP table. */
  public abstract boolean hasRoute(String prefix);

  /** Starts the daemon and waits until it answers; a daemon that exits or stays silent fails with its log. */
  final void start() {
    process = host.start(log().getFileName().toString(), command().toArray(String[]::new));
    await(START, "answering on its control interface", d -> d.answers());
  }

  /** Starts it again with the same configuration file, after {@link #stop()}, {@link #kill()} or its own exit. */
  public void restart() {
    stop();
    start();
  }

  /** SIGTERM by pid (the daemon closes its sessions with a Cease), SIGKILL after 5 s. */
  public void stop() {
    stop(Duration.ofSeconds(5));
  }

  /** SIGTERM by pid, SIGKILL after {@code grace}. */
  public void stop(Duration grace) {
    if (process != null) {
      process.stop(grace);
    }
  }

  /** SIGKILL by pid: a crash, no NOTIFICATION sent. */
  public void kill() {
    if (process != null) {
      process.kill();
    }
  }

  /** Waits until the sessions with every neighbour in {@code addresses} are Established. */
  public void awaitEstablished(String... addresses) {
    await(CONVERGE, "sessions Established with " + List.of(addresses),
        d -> List.of(addresses).stream().allMatch(d::established));
  }

  /** Waits until every prefix in {@code prefixes} is in the daemon's BGP table. */
  public void awaitRoutes(String... prefixes) {
    await(CONVERGE, "routes " + List.of(prefixes), d -> List.of(prefixes).stream().allMatch(d::hasRoute));
  }

  /**
   * Waits until {@code state} holds for this daemon. Fails at once when the daemon exits, and after
   * {@code timeout} with what it showed last and the tail of its log.
   */
  public void await(Duration timeout, String what, Predicate<BgpDaemon> state) {
    Poll.until(timeout, () -> this + ": " + what + "\n" + diagnosis(), () -> {
      if (!alive()) {
        throw new AssertionError(this + " exited (code " + process.exitCode() + ") while waiting for " + what + "\n" + diagnosis());
      }
      return state.test(this);
    });
  }

  private String diagnosis() {
    String shown;
    try {
      shown = alive() ? sessions() : "(not running)";
    } catch (RuntimeException e) {
      shown = "(no answer: " + e.getMessage() + ")";
    }
    return "--- sessions:\n" + shown.strip() + "\n--- last " + LOG_TAIL_LINES + " lines of " + log() + ":\n"
        + (process == null ? "" : process.logTail(LOG_TAIL_LINES));
  }

  /** Runs a command inside the daemon's host. */
  final Proc.Result exec(String... cmd) {
    return host.exec(cmd);
  }

  @Override
  public String toString() {
    return kind + " in " + host + (alive() ? " (pid " + pid() + ")" : "");
  }
}
