package io.netctl.cli.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.netctl.ipam.BadInputException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * {@code /metrics} (Prometheus text), {@code /healthz} (200 while the process runs) and {@code
 * /readyz} (200 when {@code readiness} returns null, else 503 with its reason) on the JDK's HTTP
 * server, with two threads of its own.
 */
public final class MetricsServer implements AutoCloseable {
  private final HttpServer server;

  private MetricsServer(HttpServer server) {
    this.server = server;
  }

  /**
   * Starts serving on {@code listen} ({@code :9090}, {@code 127.0.0.1:9090}, {@code :0} for any free port).
   *
   * @param readiness null when ready, else why not (one line)
   */
  public static MetricsServer start(String listen, NetctlMetrics metrics, Supplier<String> readiness) {
    InetSocketAddress at = address(listen);
    HttpServer s;
    try {
      s = HttpServer.create(at, 16);
    } catch (BindException e) {
      throw new BadInputException("--listen " + listen + ": cannot listen there (" + e.getMessage() + ")");
    } catch (IOException e) {
      throw new BadInputException("--listen " + listen + ": " + e.getMessage());
    }
    s.createContext("/metrics", ex -> reply(ex, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape()));
    s.createContext("/healthz", ex -> reply(ex, 200, "text/plain", "ok\n"));
    s.createContext("/readyz", ex -> {
      String why = readiness.get();
      reply(ex, why == null ? 200 : 503, "text/plain", why == null ? "ready\n" : "not ready: " + why + "\n");
    });
    s.setExecutor(Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "netctl-http");
      t.setDaemon(true);
      return t;
    }));
    s.start();
    return new MetricsServer(s);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public static InetSocketAddress address(String listen) {
    int colon = listen.lastIndexOf(':');
    if (colon < 0) {
      throw new BadInputException("--listen " + listen + ": expected [HOST]:PORT, e.g. :9090");
    }
    String host = listen.substring(0, colon);
    int port;
    try {
      port = Integer.parseInt(listen.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new BadInputException("--listen " + listen + ": the port is no number");
    }
    if (port < 0 || port > 65535) {
      throw new BadInputException("--listen " + listen + ": port out of range");
    }
    return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
  }

  private static void reply(HttpExchange ex, int status, String type, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, b.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(b);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
