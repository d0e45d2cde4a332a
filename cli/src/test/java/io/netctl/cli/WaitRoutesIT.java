package io.netctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netctl.lab.Bird;
import io.netctl.lab.BirdConfig;
import io.netctl.lab.Frr;
import io.netctl.lab.FrrConfig;
import io.netctl.lab.Lab;
import io.netctl.lab.Poll;
import io.netctl.lab.Proc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The routes-ready gate (issue 13, item 1) against real daemons: etcd, a BIRD route reflector seen
 * through netctl's monitor session, an FRR route reflector seen through BMP, and BIRD nodes whose
 * block announcement ({@code protocol static blocks}) starts disabled, so the test decides when the
 * node starts announcing its /27. netctl runs as a process in the operator's namespace.
 *
 * <pre>
 *   rr  172.31.0.1  BIRD RR (clients .11 .12, netctl's monitor .20)   n1 172.31.0.11 BIRD node-a → rr-1
 *   frr 172.31.0.5  FRR RR, BMP to .20:11019                          n3 172.31.0.13 BIRD node-c → rr-frr
 *   ops 172.31.0.20 etcd, netctl                                      (node-b, .12: never started)
 * </pre>
 *
 * The allocations come in order (the lowest free /27 each): node-a 10.3.240.0/27, node-b
 * 10.3.240.32/27, node-c 10.3.240.64/27.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WaitRoutesIT {
  static final ObjectMapper M = new ObjectMapper();
  static final String ETCD = "http://172.31.0.20:2379";
  /** A bound for the loaded machine, never a wait: every await returns once its state is there. */
  static final Duration DEADLINE = Duration.ofSeconds(90);
  /** How long after its allocation a node starts announcing its block: the delay under test. */
  static final Duration DELAY = Duration.ofSeconds(4);

  static Lab lab;
  static Lab.Host ops;
  static Bird rr;
  static Bird nodeA;
  static Bird nodeC;
  static Path birdConf;
  static Path frrConf;

  @BeforeAll
  static void network() throws Exception {
    Proc.requireBinaries("etcd", "etcdctl", "bird", "birdc", "ip");
    lab = Lab.create("wait-routes");
    try {
      Lab.Host rrHost = lab.host("rr", "172.31.0.1/24");
      Lab.Host frrHost = lab.host("frr", "172.31.0.5/24");
      Lab.Host n1 = lab.host("n1", "172.31.0.11/24");
      Lab.Host n3 = lab.host("n3", "172.31.0.13/24");
      ops = lab.host("ops", "172.31.0.20/24");
      ops.start("etcd.log", "etcd", "--name", "wr", "--data-dir", lab.dir().resolve("etcd").toString(),
          "--listen-client-urls", ETCD, "--advertise-client-urls", ETCD,
          "--listen-peer-urls", "http://127.0.0.1:2380", "--initial-advertise-peer-urls", "http://127.0.0.1:2380",
          "--initial-cluster", "wr=http://127.0.0.1:2380", "--logger", "zap", "--log-level", "warn");
      Poll.until(Duration.ofSeconds(60), "etcd in its namespace",
          () -> ops.exec("etcdctl", "--endpoints=" + ETCD, "--command-timeout=2s", "endpoint", "health").exitCode() == 0);

      birdConf = lab.dir().resolve("bird-rr.yaml");
      Files.writeString(birdConf, "monitors: [172.31.0.20]\nrouteReflectors:\n  - {name: rr-1, ip: 172.31.0.1, clusterId: 1.0.0.1}\n");
      frrConf = lab.dir().resolve("frr-rr.yaml");
      Files.writeString(frrConf, "routeReflectors:\n  - {name: rr-frr, ip: 172.31.0.5, clusterId: 1.0.0.5}\n");

      rr = Bird.start(rrHost, BirdConfig.reflector("172.31.0.1", "1.0.0.1").peer("172.31.0.11").peer("172.31.0.12")
          .peer("172.31.0.20", "passive on;"));
      nodeA = Bird.start(n1, silent(BirdConfig.node("172.31.0.11").announce("10.3.240.0/27").peer("172.31.0.1")));
      Frr.start(frrHost, FrrConfig.reflector("172.31.0.5", "1.0.0.5").peer("172.31.0.13").bmp("172.31.0.20", 11019));
      nodeC = Bird.start(n3, silent(BirdConfig.node("172.31.0.13").announce("10.3.240.64/27").peer("172.31.0.5")));
      nodeA.awaitEstablished("172.31.0.1");
      nodeC.awaitEstablished("172.31.0.5");
    } catch (Exception | Error e) {
      lab.close();
      throw e;
    }
  }

  @AfterAll
  static void down() {
    if (lab != null) {
      lab.close();
    }
  }

  /** The node's BIRD with its block announcement disabled until {@code birdc enable blocks}. */
  static String silent(BirdConfig c) {
    String text = c.text();
    assertThat(text).contains("protocol static blocks { ipv4;");
    return text.replace("protocol static blocks { ipv4;", "protocol static blocks { disabled; ipv4;");
  }

  static Proc.Result netctl(String... args) {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(List.of(args));
    cmd.addAll(List.of("--etcd-endpoints", ETCD, "--etcd-timeout", "60s"));
    return ops.exec(cmd.toArray(String[]::new));
  }

  static boolean allocated(String node) {
    return !ops.exec("etcdctl", "--endpoints=" + ETCD, "get", "/netctl/v1/allocations/" + node, "--print-value-only").stdout().isBlank();
  }

  /** Whether the operator's namespace has an established TCP connection with {@code peer} (netctl's monitor session or BMP feed). */
  static boolean connectedTo(String peer) {
    return !ops.exec("ss", "-Htn", "state", "established", "dst", peer).stdout().isBlank();
  }

  /**
   * Runs {@code allocate NODE --wait-routes} in the background, waits for the allocation's commit
   * and for the command to be watching the reflector ({@code reflectorIp}: its monitor session or
   * BMP connection up), and for {@link #DELAY} to have passed since the commit (the scenario's
   * input: when the node starts announcing); checks the command is still waiting, then has the
   * node announce.
   */
  static JsonNode allocateThenAnnounce(String node, String hostIp, Bird nodeBird, String reflectorIp, String... observe) throws Exception {
    List<String> args = new ArrayList<>(List.of("allocate", node, "--host-ip", hostIp, "--wait-routes", "90s", "-o", "json"));
    args.addAll(List.of(observe));
    CompletableFuture<Proc.Result> run = CompletableFuture.supplyAsync(() -> netctl(args.toArray(String[]::new)));
    Poll.until(DEADLINE, () -> node + "'s allocation committed" + (run.isDone() ? "; netctl ended: " + run.join() : ""), () -> allocated(node));
    long committed = System.nanoTime();
    Poll.until(DEADLINE, () -> "netctl watching " + reflectorIp + " and " + DELAY + " since the commit" + (run.isDone() ? "; netctl ended: " + run.join() : ""),
        () -> connectedTo(reflectorIp) && System.nanoTime() - committed >= DELAY.toNanos());
    assertThat(run.isDone()).as("allocate --wait-routes returned before the node announced its block: " + (run.isDone() ? run.join() : "")).isFalse();
    nodeBird.birdc("enable", "blocks");
    Proc.Result r = run.get(DEADLINE.toSeconds() + 30, TimeUnit.SECONDS);
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    System.out.println("allocate " + node + " --wait-routes " + String.join(" ", observe) + " (announced " + DELAY.toSeconds() + " s after the commit): "
        + r.stdout().replaceAll("\\s+", " "));
    return M.readTree(r.stdout());
  }

  @Test
  @Order(1)
  void allocateWaitsUntilTheReflectorHasThePoolFromTheNode() throws Exception {
    JsonNode out = allocateThenAnnounce("node-a", "172.31.0.11", nodeA, "172.31.0.1", "--monitor", "-c", birdConf.toString());
    assertThat(out.get("cidr").asText()).isEqualTo("10.3.240.0/27");
    assertThat(out.get("routesReady").asBoolean()).isTrue();
    assertThat(out.get("sources")).hasSize(1);
    JsonNode s = out.get("sources").get(0);
    assertThat(s.get("source").asText()).isEqualTo("rr-1");
    assertThat(s.get("present").asBoolean()).isTrue();
    assertThat(s.get("nextHop").asText()).isEqualTo("172.31.0.11");
    assertThat(s.get("seconds").asDouble()).as("timed from the allocation's commit").isGreaterThanOrEqualTo(DELAY.toMillis() / 1000.0);
    assertThat(rr.hasRoute("10.3.240.0/27")).isTrue();
  }

  @Test
  @Order(2)
  void aPoolAlreadyLiveIsReadyAtOnceOnARun() throws Exception {
    Proc.Result r = netctl("wait-routes", "node-a", "--timeout", "60s", "--monitor", "-c", birdConf.toString());
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdout()).contains("node-a 10.3.240.0/27 via 172.31.0.11: routes ready").contains("rr-1: present via 172.31.0.11 after ");
  }

  @Test
  @Order(3)
  void aNodeThatNeverAnnouncesTimesOutNamingTheReflectorAndKeepsItsAllocation() throws Exception {
    Proc.Result r = netctl("allocate", "node-b", "--host-ip", "172.31.0.12", "--wait-routes", "10s", "--monitor", "-c", birdConf.toString());
    assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isEqualTo(1);
    assertThat(r.stdout()).contains("node-b 10.3.240.32/27 (host IP 172.31.0.12): allocated").contains("rr-1: missing after 10s");
    assertThat(r.stderr().lines().filter(l -> l.startsWith("netctl:")).toList())
        .containsExactly("netctl: timed out after 10s: 10.3.240.32/27 via 172.31.0.12 (node-b) still missing at rr-1"
            + " (the allocation stays; run again to keep waiting)");
    assertThat(allocated("node-b")).isTrue();

    Proc.Result again = netctl("allocate", "node-b", "--host-ip", "172.31.0.12", "--wait-routes", "5s", "--monitor", "-c", birdConf.toString(),
        "-o", "json");
    assertThat(again.exitCode()).as(again.stderr()).isEqualTo(1);
    JsonNode out = M.readTree(again.stdout());
    assertThat(out.get("outcome").asText()).as("re-running is safe: the same pool").isEqualTo("existing");
    assertThat(out.get("cidr").asText()).isEqualTo("10.3.240.32/27");
    JsonNode s = out.get("sources").get(0);
    assertThat(s.get("source").asText()).isEqualTo("rr-1");
    assertThat(s.get("present").asBoolean()).isFalse();
    assertThat(s.get("nextHop").isNull()).isTrue();
    assertThat(s.get("seconds").isNull()).isTrue();
  }

  @Test
  @Order(4)
  void nothingObservableIsExit3() {
    Proc.Result r = netctl("wait-routes", "node-b", "--timeout", "3s", "--monitor", "-c", frrConf.toString());
    assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isEqualTo(3);
    assertThat(r.stderr().lines().filter(l -> l.startsWith("netctl:")).toList()).singleElement().asString()
        .startsWith("netctl: nothing could be observed within 3s: rr-frr: monitor session");
  }

  @Test
  @Order(5)
  void throughBmpFromAnFrrReflector() throws Exception {
    JsonNode out = allocateThenAnnounce("node-c", "172.31.0.13", nodeC, "172.31.0.5", "--bmp-listen", "172.31.0.20:11019", "-c", frrConf.toString());
    assertThat(out.get("cidr").asText()).isEqualTo("10.3.240.64/27");
    JsonNode s = out.get("sources").get(0);
    assertThat(s.get("source").asText()).isEqualTo("rr-frr (BMP)");
    assertThat(s.get("present").asBoolean()).isTrue();
    assertThat(s.get("nextHop").asText()).isEqualTo("172.31.0.13");
    assertThat(s.get("seconds").asDouble()).isGreaterThanOrEqualTo(DELAY.toMillis() / 1000.0);
  }

  @Test
  @Order(6)
  void throughBmpANodeThatNeverAnnouncesTimesOut() throws Exception {
    Proc.Result r = netctl("wait-routes", "node-b", "--timeout", "10s", "--bmp-listen", "172.31.0.20:11019", "-c", frrConf.toString());
    assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isEqualTo(1);
    assertThat(r.stderr()).contains("still missing at rr-frr (BMP)");
  }
}
