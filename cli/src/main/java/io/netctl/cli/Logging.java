package io.netctl.cli;

import java.util.logging.LogManager;

/**
 * Keeps libraries' logs (gRPC, jetcd, Vert.x, netty and fabric8 use java.util.logging and SLF4J,
 * and log stack traces) off the terminal, so a user sees netctl's one-line messages only; netctl
 * logs what matters of their failures itself, rate-limited ({@link RepeatedFailures}). Long-running
 * commands (controller, agent, watch) log through SLF4J at info. With {@code NETCTL_DEBUG} set,
 * everything is logged, with traces.
 */
public final class Logging {
  private Logging() {}

  public static void quietLibraries(boolean debug) {
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", debug ? "debug" : "warn");
    }
    System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
    if (!debug) {
      for (String noisy : new String[] {"io.grpc", "io.etcd", "io.vertx", "io.netty", "io.fabric8", "okhttp3"}) {
        System.setProperty("org.slf4j.simpleLogger.log." + noisy, "off");
      }
      // java.util.logging starts (and reads this property) only when a library first logs: the
      // commands that never touch gRPC do not pay for it.
      if (System.getProperty("java.util.logging.config.class") == null && System.getProperty("java.util.logging.config.file") == null) {
        System.setProperty("java.util.logging.config.class", Silent.class.getName());
      }
    }
  }

  /**
   * For long-running commands: info level for netctl, warnings for libraries, each line with its
   * time. Before the first logger is made (slf4j-simple reads its configuration then): the command
   * tree calls it before it builds controller or agent. One-shot commands log no times, so they
   * never pay for a date format's locale data.
   */
  public static void service() {
    System.setProperty("org.slf4j.simpleLogger.log.io.netctl", "info");
    System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
    System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSX");
  }

  /**
   * The configuration of java.util.logging in one-shot commands, which its LogManager instantiates
   * when it starts: no handlers, nothing logged.
   */
  public static final class Silent {
    public Silent() throws java.io.IOException {
      LogManager.getLogManager().readConfiguration(
          new java.io.ByteArrayInputStream("handlers=\n.level=OFF\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
    }
  }
}
