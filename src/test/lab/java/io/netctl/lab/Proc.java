package io.netctl.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs commands for tests: short ones to completion, long ones in the background stopped by pid. */
public final class Proc {
  private Proc() {}

  /** The outcome of a finished command. */
  public record Result(int exitCode, String stdout, String stderr) {
    public Result requireOk(String what) {
      if (exitCode != 0) {
        throw new IllegalStateException(what + " failed (exit " + exitCode + "): " + stderr.strip() + " " + stdout.strip());
      }
      return this;
    }
  }

  /** Runs {@code cmd} to completion (at most 60 s), with {@code stdin} as its input when not null. */
  public static Result run(List<String> cmd, String stdin) {
    try {
      Path out = Files.createTempFile("proc", ".out");
      Path err = Files.createTempFile("proc", ".err");
      try {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        if (stdin == null) {
          pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        Process p = pb.start();
        if (stdin != null) {
          try (var in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
          }
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new IllegalStateException("command did not finish within 60 s: " + String.join(" ", cmd));
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + String.join(" ", cmd) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  public static Result run(String... cmd) {
    return run(List.of(cmd), null);
  }

  public static Result ok(String... cmd) {
    return run(cmd).requireOk(String.join(" ", cmd));
  }

  /** Starts {@code cmd} in the background with output to {@code log}; stop it with {@link Daemon#stop}. */
  public static Daemon start(List<String> cmd, Path log) {
    return start(cmd, log, java.util.Map.of());
  }

  /** As {@link #start(List, Path)} with extra environment variables. */
  public static Daemon start(List<String> cmd, Path log, java.util.Map<String, String> env) {
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd);
      pb.environment().putAll(env);
      Process p =
          pb
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
      return new Daemon(String.join(" ", cmd), p, log);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + String.join(" ", cmd) + ": " + e.getMessage(), e);
    }
  }

  /** A background process this test started, known by its pid. */
  public static final class Daemon implements AutoCloseable {
    private final String command;
    private final Process process;
    private final Path log;

    Daemon(String command, Process process, Path log) {
      this.command = command;
      this.process = process;
      this.log = log;
    }

    public long pid() {
      return process.pid();
    }

    public boolean alive() {
      return process.isAlive();
    }

    /** The exit code, once it has exited. */
    public int exitCode() {
      return process.exitValue();
    }

    public Path log() {
      return log;
    }

    public String logText() {
      try {
        return Files.exists(log) ? Files.readString(log) : "";
      } catch (IOException e) {
        return "(log unreadable: " + e.getMessage() + ")";
      }
    }

    /** The last {@code lines} lines of the log, for a failure message. */
    public String logTail(int lines) {
      List<String> all = logText().lines().toList();
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** SIGTERM, then SIGKILL after {@code grace}; waits for the exit. */
    public void stop(Duration grace) {
      if (!process.isAlive()) {
        return;
      }
      process.destroy();
      try {
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly();
          process.waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }

    /** SIGKILL, as a crash. */
    public void kill() {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void close() {
      stop(Duration.ofSeconds(5));
    }

    @Override
    public String toString() {
      return command + " (pid " + pid() + ")";
    }
  }

  /** Fails with the install line when a binary the lab needs is missing. */
  public static void requireBinaries(String... names) {
    List<String> missing = new ArrayList<>();
    for (String n : names) {
      if (which(n) == null) {
        missing.add(n);
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "missing " + missing + ": install with: apt-get install -y etcd-server etcd-client bird2 frr gobgpd iproute2");
    }
  }

  public static Path which(String name) {
    if (name.startsWith("/")) {
      return Files.isExecutable(Path.of(name)) ? Path.of(name) : null;
    }
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      for (String d : List.of(dir, "/usr/sbin", "/sbin")) {
        Path p = Path.of(d, name);
        if (Files.isExecutable(p)) {
          return p;
        }
      }
    }
    return null;
  }
}
