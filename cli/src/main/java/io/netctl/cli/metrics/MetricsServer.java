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
 * {@code /metrics} (Prometheus text), {@code /healthz} (200 while the process runs), {@code
 * /readyz} (200 when {@code readiness} returns null, else 503 with its reason) and, for the
 * controller, {@code /status} and {@code /status.json} ({@link StatusPages}: 503 until the first
 * drift check) on the JDK's HTTP server, with two threads of its own. Every path answers GET and
 * HEAD only.
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
    return start(listen, metrics, readiness, null);
  }

  /**
   * Starts serving, with {@code /status} and {@code /status.json} when {@code status} is given.
   *
   * @param status the controller's status pages, or null
   */
  public static MetricsServer start(String listen, NetctlMetrics metrics, Supplier<String> readiness, StatusPages status) {
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
    if (status != null) {
      s.createContext("/status", ex -> {
        if (!"/status".equals(ex.getRequestURI().getPath())) {
          reply(ex, 404, "text/plain", "not found\n");
          return;
        }
        page(ex, status.html(), "text/html; charset=utf-8");
      });
      s.createContext("/status.json", ex -> page(ex, status.json(), "application/json"));
    }
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

  private static void page(HttpExchange ex, String body, String type) throws IOException {
    if (body == null) {
      reply(ex, 503, "text/plain", "no drift check has completed yet\n");
      return;
    }
    ex.getResponseHeaders().set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'");
    ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    reply(ex, 200, type, body);
  }

  private static void reply(HttpExchange ex, int status, String type, String body) throws IOException {
    String method = ex.getRequestMethod();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      ex.getResponseHeaders().set("Allow", "GET, HEAD");
      status = 405;
      type = "text/plain";
      body = "read-only: GET or HEAD\n";
    }
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    boolean head = method.equals("HEAD");
    ex.sendResponseHeaders(status, head ? -1 : b.length);
    try (OutputStream out = ex.getResponseBody()) {
      if (!head) {
        out.write(b);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
