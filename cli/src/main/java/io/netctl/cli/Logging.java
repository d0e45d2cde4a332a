package io.netctl.cli;

import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

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
    System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
    System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSX");
    if (!debug) {
      for (String noisy : new String[] {"io.grpc", "io.etcd", "io.vertx", "io.netty", "io.fabric8", "okhttp3"}) {
        System.setProperty("org.slf4j.simpleLogger.log." + noisy, "off");
      }
      LogManager.getLogManager().reset();
      Logger.getLogger("").setLevel(Level.OFF);
    }
  }

  /** For long-running commands: info level for netctl, warnings for libraries. */
  public static void service() {
    System.setProperty("org.slf4j.simpleLogger.log.io.netctl", "info");
  }
}
