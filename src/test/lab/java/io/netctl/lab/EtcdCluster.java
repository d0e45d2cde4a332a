package io.netctl.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One or more real {@code etcd} processes on loopback with free ports, in a temporary folder.
 * Stopped by pid and removed on {@link #close()}.
 */
public final class EtcdCluster implements AutoCloseable {
  /**
   * The etcd client timeout for tests that do not test timeouts: a bound for a shared 2-core machine
   * where etcd and a dozen JVMs compete for the CPU, never a wait (stores answer as soon as etcd does).
   */
  public static final java.time.Duration CLIENT_TIMEOUT = java.time.Duration.ofSeconds(60);

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private static final Pattern MEMBER_ID = Pattern.compile("\"member_id\":\"?(\\d+)");
  private static final Pattern LEADER = Pattern.compile("\"leader\":\"?(\\d+)");

  private final Path dir;
  private final List<Member> members = new ArrayList<>();
  private String scheme = "http";

  /** A member: its name, ports and process. */
  public static final class Member {
    final String name;
    final int clientPort;
    final int peerPort;
    Proc.Daemon process;

    Member(String name, int clientPort, int peerPort) {
      this.name = name;
      this.clientPort = clientPort;
      this.peerPort = peerPort;
    }

    public String name() {
      return name;
    }

    String scheme = "http";

    public URI endpoint() {
      return URI.create(scheme + "://127.0.0.1:" + clientPort);
    }

    public boolean running() {
      return process != null && process.alive();
    }

    @Override
    public String toString() {
      return name + "@" + endpoint();
    }
  }

  private EtcdCluster(Path dir) {
    this.dir = dir;
  }

  /** Starts {@code size} members and waits until the cluster is healthy. */
  public static EtcdCluster start(int size) {
    return start(size, List.of());
  }

  /** Client TLS material: the CA that signed the server and client certificates, and the client's pair. */
  public record Tls(Path caCert, Path serverCert, Path serverKey, Path clientCert, Path clientKey) {}

  /** Starts one member serving clients over TLS only, requiring client certificates signed by {@code tls.caCert}. */
  public static EtcdCluster startTls(Tls tls) {
    return start(1, List.of(
        "--cert-file", tls.serverCert().toString(),
        "--key-file", tls.serverKey().toString(),
        "--trusted-ca-file", tls.caCert().toString(),
        "--client-cert-auth"), tls);
  }

  /** Starts {@code size} members with extra flags for each and waits until healthy. */
  public static EtcdCluster start(int size, List<String> extraFlags) {
    return start(size, extraFlags, null);
  }

  private static EtcdCluster start(int size, List<String> extraFlags, Tls tls) {
    Proc.requireBinaries("etcd");
    Path dir;
    try {
      dir = Files.createTempDirectory("netctl-etcd");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    EtcdCluster c = new EtcdCluster(dir);
    try {
      for (int i = 1; i <= size; i++) {
        Member m = new Member("m" + i, freePort(), freePort());
        m.scheme = tls == null ? "http" : "https";
        c.members.add(m);
      }
      String initial =
          c.members.stream().map(m -> m.name + "=http://127.0.0.1:" + m.peerPort).collect(Collectors.joining(","));
      String token = "netctl-" + UUID.randomUUID();
      for (Member m : c.members) {
        List<String> cmd = new ArrayList<>(List.of(
            "etcd",
            "--name", m.name,
            "--data-dir", dir.resolve(m.name + ".etcd").toString(),
            "--listen-client-urls", m.endpoint().toString(),
            "--advertise-client-urls", m.endpoint().toString(),
            "--listen-peer-urls", "http://127.0.0.1:" + m.peerPort,
            "--initial-advertise-peer-urls", "http://127.0.0.1:" + m.peerPort,
            "--initial-cluster", initial,
            "--initial-cluster-state", "new",
            "--initial-cluster-token", token,
            "--logger", "zap",
            "--log-level", "warn"));
        if (!extraFlags.isEmpty()) {
          cmd.addAll(extraFlags.stream().map(f -> f.replace("{client}", String.valueOf(m.clientPort))).toList());
        }
        m.process = Proc.start(cmd, dir.resolve(m.name + ".log"), java.util.Map.of("ETCDCTL_API", "3"));
      }
      if (tls == null) {
        Poll.until(Duration.ofSeconds(30), "etcd cluster healthy: " + c.members, c::healthy);
      } else {
        Member m = c.members.get(0);
        Poll.until(Duration.ofSeconds(30), "etcd (TLS) healthy: " + m, () -> Proc.run(List.of(
            "etcdctl", "--endpoints", m.endpoint().toString(), "--cacert", tls.caCert().toString(),
            "--cert", tls.clientCert().toString(), "--key", tls.clientKey().toString(),
            "--command-timeout=2s", "endpoint", "health"), null).exitCode() == 0 || !m.running());
        if (!m.running()) {
          throw new IllegalStateException("etcd exited");
        }
      }
      return c;
    } catch (RuntimeException | Error e) {
      String logs = c.members.stream().map(m -> m.process == null ? "" : m.name + ": " + tail(m.process.logText())).collect(Collectors.joining("\n"));
      c.close();
      throw new IllegalStateException("etcd did not start: " + e.getMessage() + "\n" + logs, e);
    }
  }

  private static String tail(String s) {
    return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
  }

  public List<Member> members() {
    return List.copyOf(members);
  }

  /** All client endpoints, e.g. for {@code --etcd-endpoints}. */
  public List<URI> endpoints() {
    return members.stream().map(Member::endpoint).toList();
  }

  public String endpointsFlag() {
    return endpoints().stream().map(URI::toString).collect(Collectors.joining(","));
  }

  public Path dir() {
    return dir;
  }

  /** True when every running member answers /health with true. */
  public boolean healthy() {
    return members.stream().filter(Member::running).allMatch(m -> health(m));
  }

  private static boolean health(Member m) {
    try {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(m.endpoint().resolve("/health")).timeout(Duration.ofSeconds(2)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 && r.body().contains("\"true\"");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The current leader among the running members (polls until one is elected). */
  public Member leader() {
    return Poll.forValue(Duration.ofSeconds(20), "an etcd leader", () -> {
      for (Member m : members) {
        if (!m.running()) {
          continue;
        }
        String status = status(m);
        if (status == null) {
          continue;
        }
        Matcher id = MEMBER_ID.matcher(status);
        Matcher leader = LEADER.matcher(status);
        if (id.find() && leader.find() && id.group(1).equals(leader.group(1))) {
          return m;
        }
      }
      return null;
    });
  }

  /** The last {@code lines} lines of every member's log, for a failure message. */
  public String logTails(int lines) {
    return members.stream().map(m -> "--- " + m + (m.running() ? "" : " (not running)") + "\n" + (m.process == null ? "" : m.process.logTail(lines)))
        .collect(Collectors.joining("\n"));
  }

  /** True when {@code m} answers and knows a leader (false while it has none, e.g. after losing a majority). */
  public boolean hasLeader(Member m) {
    String status = status(m);
    if (status == null) {
      return false;
    }
    Matcher leader = LEADER.matcher(status);
    return leader.find() && !leader.group(1).equals("0");
  }

  private static String status(Member m) {
    try {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(m.endpoint().resolve("/v3/maintenance/status"))
                  .timeout(Duration.ofSeconds(2))
                  .POST(HttpRequest.BodyPublishers.ofString("{}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? r.body() : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** SIGKILLs one member (a crash), by the pid this cluster started. */
  public void kill(Member m) {
    m.process.kill();
  }

  @Override
  public void close() {
    for (Member m : members) {
      if (m.process != null) {
        m.process.stop(Duration.ofSeconds(5));
      }
    }
    deleteTree(dir);
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a temp folder left behind is harmless
    }
  }

  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
