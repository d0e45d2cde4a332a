package io.netctl.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netctl.cli.PromText;
import io.netctl.lab.Bird;
import io.netctl.lab.BirdConfig;
import io.netctl.lab.Lab;
import io.netctl.lab.Poll;
import io.netctl.lab.Proc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The controller's routes-ready gate (issue 13, item 1) with real daemons: etcd, a BIRD route
 * reflector the controller watches through its monitor session, a BIRD node whose block
 * announcement starts disabled, and fabric8's mock API server (CRUD mode) with the Node — the mock
 * API, etcd and the controller in one namespace. The controller allocates the Node's pool; its
 * condition {@code NetctlRoutesReady} is False naming the reflector until the node announces, then
 * True, and {@code netctl_route_propagation_seconds{source="rr-1"}} has observed the time from the
 * allocation's commit.
 *
 * <pre>
 *   rr  172.31.0.1  BIRD RR (client .11, netctl's monitor .20)   n1 172.31.0.11 BIRD node-a → rr-1
 *   ops 172.31.0.20 etcd, mock API, netctl controller
 * </pre>
 */
class RoutesReadyControllerE2EIT {
  static final ObjectMapper M = new ObjectMapper();
  static final String ETCD = "http://172.31.0.20:2379";
  static final Duration DEADLINE = Duration.ofSeconds(90);

  @Test
  void theNodeConditionAndTheHistogramFollowTheReflector() throws Exception {
    Proc.requireBinaries("etcd", "etcdctl", "bird", "birdc", "ip", "python3");
    try (Lab lab = Lab.create("routes-ready")) {
      Lab.Host rrHost = lab.host("rr", "172.31.0.1/24");
      Lab.Host n1 = lab.host("n1", "172.31.0.11/24");
      Lab.Host ops = lab.host("ops", "172.31.0.20/24");
      ops.start("etcd.log", "etcd", "--name", "rr", "--data-dir", lab.dir().resolve("etcd").toString(),
          "--listen-client-urls", ETCD, "--advertise-client-urls", ETCD,
          "--listen-peer-urls", "http://127.0.0.1:2380", "--initial-advertise-peer-urls", "http://127.0.0.1:2380",
          "--initial-cluster", "rr=http://127.0.0.1:2380", "--logger", "zap", "--log-level", "warn");
      Poll.until(Duration.ofSeconds(60), "etcd in its namespace",
          () -> ops.exec("etcdctl", "--endpoints=" + ETCD, "--command-timeout=2s", "endpoint", "health").exitCode() == 0);
      Path conf = Files.writeString(lab.dir().resolve("netctl.yaml"),
          "monitors: [172.31.0.20]\nrouteReflectors:\n  - {name: rr-1, ip: 172.31.0.1, clusterId: 1.0.0.1}\n");
      Bird rr = Bird.start(rrHost, BirdConfig.reflector("172.31.0.1", "1.0.0.1").peer("172.31.0.11").peer("172.31.0.20", "passive on;"));
      String node = BirdConfig.node("172.31.0.11").announce("10.3.240.0/27").peer("172.31.0.1").text();
      Bird nodeA = Bird.start(n1, node.replace("protocol static blocks { ipv4;", "protocol static blocks { disabled; ipv4;"));
      nodeA.awaitEstablished("172.31.0.1");

      Proc.Daemon api = ops.start("mockapi.log", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), MockApiMain.class.getName(), lab.dir().toString(), "node-a=172.31.0.11");
      String kubeconfig = Poll.forValue(Duration.ofSeconds(60), "the mock API server", () -> api.logText().lines()
          .filter(l -> l.startsWith("KUBECONFIG ")).map(l -> l.substring(11)).findFirst().orElse(null));
      String server = Files.readAllLines(Path.of(kubeconfig)).stream().map(String::strip).filter(l -> l.startsWith("server:"))
          .map(l -> l.substring(7).strip().replaceAll("/+$", "")).findFirst().orElseThrow();
      NetctlRunner netctl = new NetctlRunner(List.of("--etcd-endpoints", ETCD, "--etcd-timeout", "60s"));
      Proc.Daemon controller = ops.start("controller.log", netctl.command("controller", "--kubeconfig", kubeconfig,
          "--listen", "127.0.0.1:9099", "--monitor", "--monitor-router-id", "172.31.0.20", "--interval", "5s", "--resync", "5s",
          "--lease-namespace", "netctl", "--lease-duration", "5s", "--identity", "e2e", "-c", conf.toString()));

      // allocated by the controller; the node does not announce yet: False, naming the reflector
      JsonNode[] cond = new JsonNode[1];
      Poll.until(DEADLINE, () -> "NetctlRoutesReady False; last: " + cond[0] + "; controller: " + controller.logTail(20), () -> {
        cond[0] = condition(ops, server);
        return cond[0] != null && cond[0].get("status").asText().equals("False");
      });
      assertThat(cond[0].get("reason").asText()).isEqualTo("RoutesMissing");
      assertThat(cond[0].get("message").asText()).isEqualTo("10.3.240.0/27 via 172.31.0.11 is not yet at rr-1");
      JsonNode record = M.readTree(ops.ok("etcdctl", "--endpoints=" + ETCD, "get", "/netctl/v1/allocations/node-a", "--print-value-only").stdout());
      Instant committed = Instant.parse(record.get("updatedAt").asText());

      Instant announced = Instant.now();
      nodeA.birdc("enable", "blocks");
      Poll.until(DEADLINE, () -> "NetctlRoutesReady True; last: " + cond[0], () -> {
        cond[0] = condition(ops, server);
        return cond[0] != null && cond[0].get("status").asText().equals("True");
      });
      assertThat(cond[0].get("reason").asText()).isEqualTo("RoutesPresent");
      assertThat(rr.hasRoute("10.3.240.0/27")).isTrue();

      PromText m = scrape(ops);
      assertThat(m.value("netctl_route_propagation_seconds_count", "source", "rr-1")).isEqualTo(1.0);
      double seconds = m.value("netctl_route_propagation_seconds_sum", "source", "rr-1");
      System.out.println("netctl_route_propagation_seconds{source=rr-1}: " + seconds + " s; announced "
          + Duration.between(committed, announced).toMillis() / 1000.0 + " s after the commit (the record's time, whole seconds)");
      assertThat(seconds).as("from the commit to the reflector: at least until the node announced")
          .isGreaterThanOrEqualTo(Duration.between(committed, announced).toMillis() / 1000.0);

      controller.stop(Duration.ofSeconds(20));
      assertThat(controller.exitCode()).as(controller.logText()).isZero();
      api.stop(Duration.ofSeconds(5));
    }
  }

  /** The Node's NetctlRoutesReady condition from the mock API (read inside its namespace), or null. */
  static JsonNode condition(Lab.Host host, String server) {
    Proc.Result r = host.exec("python3", "-c",
        "import sys, urllib.request; sys.stdout.write(urllib.request.urlopen(sys.argv[1], timeout=3).read().decode())", server + "/api/v1/nodes/node-a");
    if (r.exitCode() != 0) {
      return null;
    }
    try {
      JsonNode conditions = M.readTree(r.stdout()).path("status").path("conditions");
      for (JsonNode c : conditions) {
        if (c.path("type").asText().equals("NetctlRoutesReady")) {
          return c;
        }
      }
      return null;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static PromText scrape(Lab.Host host) {
    Proc.Result r = host.exec("python3", "-c",
        "import sys, urllib.request; sys.stdout.write(urllib.request.urlopen('http://127.0.0.1:9099/metrics', timeout=3).read().decode())");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    return PromText.parse(r.stdout());
  }
}
