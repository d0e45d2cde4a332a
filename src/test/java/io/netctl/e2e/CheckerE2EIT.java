package io.netctl.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netctl.cli.metrics.PromQlNames;
import io.netctl.lab.Bird;
import io.netctl.lab.BirdConfig;
import io.netctl.lab.HeadlessChromium;
import io.netctl.lab.Lab;
import io.netctl.lab.Poll;
import io.netctl.lab.Proc;
import io.netctl.lab.ReportPage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The checker end to end (issue 6): real etcd, a BIRD route reflector configured by {@code netctl
 * bgp render-rr}, three BIRD "nodes" each announcing the /27 netctl allocated to it, and an LVS
 * director synced by {@code netctl lvs sync} — all in namespaces on one bridge. netctl runs as a
 * process in the director's namespace, as an operator would run it there: {@code netctl check
 * --monitor --bird-socket RR.ctl --bird-of rr-1 --local}.
 *
 * <p>The healthy network gives zero findings; then each breakage, one at a time (and repaired
 * before the next), gives exactly its expected findings and nothing else. The node's BIRD stop
 * comes last, since BIRD's reconnect back-off would slow its repair.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CheckerE2EIT {
  static final ObjectMapper M = new ObjectMapper();
  static final Duration DEADLINE = Duration.ofSeconds(90);
  static final String ETCD = "http://172.31.0.100:2379";
  static final String ETCDCTL_ENDPOINT = "--endpoints=" + ETCD;

  static Lab lab;
  static Lab.Host etcd;
  static Lab.Host rr2;
  static Lab.Host lvs;
  /** rr-1's BIRD, and each node's. */
  static Bird rr1;
  static Bird[] nodes = new Bird[3];
  static final String[] NAMES = {"node-a", "node-b", "node-c"};
  static final String[] POOLS = {"10.3.240.0/27", "10.3.240.32/27", "10.3.240.64/27"};
  static Path conf;
  static Path conf2;
  static NetctlRunner netctl;

  @BeforeAll
  static void network() throws Exception {
    Proc.requireBinaries("etcd", "etcdctl", "bird", "birdc", "ip");
    lab = Lab.create("checker");
    try {
      etcd = lab.host("etcd", "172.31.0.100/24");
      Lab.Host rr1Host = lab.host("rr1", "172.31.0.1/24");
      rr2 = lab.host("rr2", "172.31.0.2/24");
      lvs = lab.host("lvs", "172.31.0.20/24");
      Lab.Host[] nodeHosts = new Lab.Host[3];
      for (int i = 0; i < 3; i++) {
        nodeHosts[i] = lab.host("n" + i, "172.31.0." + (11 + i) + "/24");
      }
      etcd.start("etcd.log", "etcd", "--name", "e2e", "--data-dir", lab.dir().resolve("etcd").toString(),
          "--listen-client-urls", ETCD, "--advertise-client-urls", ETCD,
          "--listen-peer-urls", "http://127.0.0.1:2380", "--initial-advertise-peer-urls", "http://127.0.0.1:2380",
          "--initial-cluster", "e2e=http://127.0.0.1:2380", "--logger", "zap", "--log-level", "warn");
      Poll.until(Duration.ofSeconds(30), "etcd in its namespace",
          () -> etcd.exec("etcdctl", ETCDCTL_ENDPOINT, "--command-timeout=2s", "endpoint", "health").exitCode() == 0);

      String base = """
          asNumber: 64512
          ranges: [10.3.240.0/21, 10.3.216.0/21]
          directors:
            - {name: lvs-1, ip: 172.31.0.20, group: internal}
          monitors: [172.31.0.20]
          routeReflectors:
            - {name: rr-1, ip: 172.31.0.1, clusterId: 1.0.0.1}
          """;
      conf = lab.dir().resolve("netctl.yaml");
      Files.writeString(conf, base);
      conf2 = lab.dir().resolve("netctl-2rr.yaml");
      Files.writeString(conf2, base + "  - {name: rr-2, ip: 172.31.0.2, clusterId: 1.0.0.1}\n");
      netctl = new NetctlRunner(List.of("--etcd-endpoints", ETCD, "--etcd-timeout", "60s")); // a bound for the shared machine, not a wait

      for (int i = 0; i < 3; i++) { // calico-node has registered each node (else its allocation is pending: docs/calico.md)
        etcd.ok("etcdctl", ETCDCTL_ENDPOINT, "put", "/calico/resources/v3/projectcalico.org/nodes/" + NAMES[i],
            io.netctl.cli.CalicoNodes.json(NAMES[i], "172.31.0." + (11 + i) + "/24"));
      }
      for (int i = 0; i < 3; i++) {
        Proc.Result r = netctl.ok(lvs, "allocate", NAMES[i], "--host-ip", "172.31.0." + (11 + i), "-c", conf.toString(), "-o", "json");
        assertThat(M.readTree(r.stdout()).get("cidr").asText()).isEqualTo(POOLS[i]);
      }
      netctl.ok(lvs, "bgp", "apply", "-c", conf.toString());
      rr1 = startRr(rr1Host, "rr-1", conf);
      for (int i = 0; i < 3; i++) {
        nodes[i] = Bird.start(nodeHosts[i], node(i, List.of("172.31.0.1"), List.of()));
      }
      netctl.ok(lvs, "lvs", "sync", "--director", "lvs-1", "-c", conf.toString());
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

  // ---- the lab's pieces -------------------------------------------------------------------------

  static Bird startRr(Lab.Host host, String name, Path config) throws Exception {
    Proc.Result r = netctl.ok(lvs, "bgp", "render-rr", "--rr", name, "-c", config.toString());
    Path file = lab.dir().resolve(name + ".conf");
    Files.writeString(file, r.stdout().replace("log syslog all;", "")); // the lab kit logs BIRD to the daemon's log
    assertThat(Proc.run("bird", "-p", "-c", file.toString()).exitCode()).as("render-rr output parses").isZero();
    return Bird.start(host, Files.readString(file));
  }

  /** A node's BIRD as calico-node's confd renders its essentials: its block as a blackhole, a Global_ peer per reflector. */
  static BirdConfig node(int i, List<String> reflectors, List<String> extraStatic) {
    BirdConfig c = BirdConfig.node("172.31.0." + (11 + i)).announce(POOLS[i]).announce(extraStatic.toArray(String[]::new))
        .option("graceful restart;");
    for (String rr : reflectors) {
      c.peer(rr);
    }
    return c;
  }

  // ---- the check ---------------------------------------------------------------------------------

  static JsonNode check(Path config) throws Exception {
    Proc.Result r = netctl.run(lvs, "check", "--monitor", "--bird-socket", rr1.socket().toString(), "--bird-of", "rr-1", "--local",
        "--format", "json", "-c", config.toString(), "--settle", "1s");
    assertThat(r.exitCode()).as(r.stderr()).isIn(0, 1);
    return M.readTree(r.stdout());
  }

  /** Every finding as "code subject". */
  static Set<String> findings(JsonNode report) {
    Set<String> out = new TreeSet<>();
    report.get("findings").forEach(f -> out.add(f.get("code").asText() + " " + f.get("subject").asText()));
    return out;
  }

  /** Polls the check until its findings are exactly {@code expected} (BGP converges in seconds, not at once). */
  static JsonNode expect(Path config, Set<String> expected) {
    JsonNode[] last = new JsonNode[1];
    try {
      Poll.until(DEADLINE, "findings " + expected, () -> {
        try {
          last[0] = check(config);
          return findings(last[0]).equals(expected);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; last report: " + (last[0] == null ? "none" : last[0].toPrettyString()), e);
    }
    assertThat(last[0].get("checks")).as("every check ran").allMatch(c -> c.get("ran").asBoolean());
    return last[0];
  }

  // ---- the scenarios -------------------------------------------------------------------------------

  @Test
  @Order(1)
  void theHealthyNetworkHasNoFindings() {
    JsonNode r = expect(conf, Set.of());
    Set<String> ran = new TreeSet<>();
    r.get("checks").forEach(c -> ran.add(c.get("scope").asText()));
    assertThat(ran).containsExactlyInAnyOrder("config", "sessions", "routes", "lvs");
  }

  @Test
  @Order(2)
  void aPeerWithAnotherAsIsNonUniform() throws Exception {
    String key = "/calico/resources/v3/projectcalico.org/bgppeers/rr-172-31-0-1";
    String before = etcd.ok("etcdctl", ETCDCTL_ENDPOINT, "get", key, "--print-value-only").stdout().strip();
    try {
      etcd.ok("etcdctl", ETCDCTL_ENDPOINT, "put", key, before.replace("\"asNumber\":64512", "\"asNumber\":64513"));
      expect(conf, Set.of("as-not-uniform bgppeer/rr-172-31-0-1"));
    } finally {
      etcd.ok("etcdctl", ETCDCTL_ENDPOINT, "put", key, before);
    }
  }

  @Test
  @Order(3)
  void anIpPoolDeletedByHandIsMissing() {
    String key = "/calico/resources/v3/projectcalico.org/ippools/netctl-10-3-240-32-27";
    String before = etcd.ok("etcdctl", ETCDCTL_ENDPOINT, "get", key, "--print-value-only").stdout().strip();
    try {
      etcd.ok("etcdctl", ETCDCTL_ENDPOINT, "del", key);
      expect(conf, Set.of("pool-missing node-b"));
    } finally {
      etcd.ok("etcdctl", ETCDCTL_ENDPOINT, "put", key, before);
    }
  }

  @Test
  @Order(4)
  void aDirectorRouteDeletedIsMissing() {
    try {
      lvs.ok("ip", "route", "del", "10.3.240.64/27");
      expect(conf, Set.of("director-route-missing lvs-1 10.3.240.64/27"));
    } finally {
      netctl.ok(lvs, "lvs", "sync", "--director", "lvs-1", "-c", conf.toString());
    }
  }

  @Test
  @Order(5)
  void aMoreSpecificAnnouncedByANodeIsStray() throws Exception {
    try {
      nodes[2].reconfigure(node(2, List.of("172.31.0.1"), List.of("10.3.240.80/28")));
      expect(conf, Set.of("route-stray rr-1 10.3.240.80/28"));
    } finally {
      nodes[2].reconfigure(node(2, List.of("172.31.0.1"), List.of()));
    }
    expect(conf, Set.of());
  }

  @Test
  @Order(6)
  void aReflectorThatRefusesTheMonitorIsAFindingNotAnError() throws Exception {
    // rr-2 is in netctl.yaml but its BIRD is not running yet: its address refuses port 179
    Proc.Result r = netctl.run(lvs, "check", "--monitor", "--scope", "sessions,routes", "--format", "json", "-c", conf2.toString(), "--settle", "1s");
    assertThat(r.exitCode()).as(r.stderr()).isEqualTo(1);
    JsonNode report = M.readTree(r.stdout());
    assertThat(findings(report)).contains("monitor-failed monitor rr-2 (172.31.0.2)");
    assertThat(report.get("findings")).filteredOn(f -> f.get("code").asText().equals("monitor-failed"))
        .singleElement().satisfies(f -> assertThat(f.get("observed").asText()).containsIgnoringCase("refused"));
    assertThat(report.get("checks")).anyMatch(c -> !c.get("ran").asBoolean() && c.get("name").asText().equals("routes rr-2"));
    assertThat(findings(report)).noneMatch(f -> f.startsWith("route-missing"));
  }

  @Test
  @Order(7)
  void aSecondReflectorWithOnlySomeRoutesIsARedundancyWarning() throws Exception {
    try {
      netctl.ok(lvs, "bgp", "apply", "-c", conf2.toString());
      startRr(rr2, "rr-2", conf2);
      for (int i = 0; i < 2; i++) { // node-a and node-b peer with rr-2; node-c does not
        nodes[i].reconfigure(node(i, List.of("172.31.0.1", "172.31.0.2"), List.of()));
      }
      JsonNode r = expect(conf2, Set.of("route-single-rr 10.3.240.64/27"));
      assertThat(r.get("findings").get(0).get("severity").asText()).isEqualTo("warning");
    } finally {
      for (int i = 0; i < 2; i++) {
        nodes[i].reconfigure(node(i, List.of("172.31.0.1"), List.of()));
      }
      netctl.ok(lvs, "bgp", "apply", "-c", conf.toString());
    }
    expect(conf, Set.of());
  }

  @Test
  @Order(8)
  void aNodesBirdStoppedShowsItsSessionItsMissingPoolAndTheStalePath() {
    Proc.ok("birdc", "-s", nodes[1].socket().toString(), "down");
    netctl.ok(lvs, "lvs", "sync", "--director", "lvs-1", "-c", conf.toString()); // the allocation stays: so does the route
    JsonNode r = expect(conf, Set.of(
        "session-not-established rr-1 -> 172.31.0.12",
        "route-missing 10.3.240.32/27",
        "director-path-stale lvs-1 10.3.240.32/27"));
    assertThat(r.get("summary").get("errors").asInt()).isEqualTo(2);
  }

  /** The controller's Prometheus text, scraped from inside the director's namespace. */
  static io.netctl.cli.PromText scrape() {
    Proc.Result r = lvs.exec("python3", "-c",
        "import sys, urllib.request; sys.stdout.write(urllib.request.urlopen('http://127.0.0.1:9099/metrics', timeout=3).read().decode())");
    return r.exitCode() == 0 ? io.netctl.cli.PromText.parse(r.stdout()) : null;
  }

  static double findings(io.netctl.cli.PromText m, String code) {
    return m.samples().entrySet().stream().filter(e -> e.getKey().startsWith("netctl_findings{code=\"" + code + "\""))
        .mapToDouble(java.util.Map.Entry::getValue).sum();
  }

  @Test
  @Order(9)
  void theHtmlReportOfTheBrokenNetworkInChromiumShowsItsPoolsSessionsAndFindings() throws Exception {
    // the network is still broken from the previous test: node-b's BIRD is down
    expect(conf, Set.of("session-not-established rr-1 -> 172.31.0.12", "route-missing 10.3.240.32/27", "director-path-stale lvs-1 10.3.240.32/27"));
    Path html = lab.dir().resolve("report.html");
    Proc.Result r = netctl.run(lvs, "check", "--monitor", "--bird-socket", rr1.socket().toString(), "--bird-of", "rr-1", "--local",
        "--format", "html", "--report-file", html.toString(), "-c", conf.toString(), "--settle", "1s");
    assertThat(r.exitCode()).as(r.stderr()).isEqualTo(1);
    // rr-1's BIRD keeps retrying the dead node-b, so the check may also see that session change
    // state while it samples (session-flapping, a warning): true, and the only extra finding allowed
    boolean flapping = r.stderr().contains("2 warnings");
    assertThat(r.stderr()).containsPattern("FAIL: 2 errors, (1 warning|2 warnings)");
    int shown = flapping ? 4 : 3;
    String url = html.toUri().toString();
    try (HeadlessChromium chromium = HeadlessChromium.start(1400, 1000)) {
      chromium.open(url);
      ReportPage page = new ReportPage(chromium);
      assertThat(page.cells("healthy")).isEqualTo(2); // node-a, node-c
      assertThat(page.cells("findings")).isEqualTo(1); // node-b: route missing, the director's path stale
      assertThat(page.cells("free")).isEqualTo(128 - 3);
      assertThat(page.cells("foreign") + page.cells("seen")).isZero();
      assertThat(page.edges("established")).isEqualTo(3); // node-a and node-c with rr-1, netctl's monitor with rr-1
      assertThat(page.edges("down")).isEqualTo(1); // node-b with rr-1
      assertThat(page.edges("unobserved") + page.edges("unexpected")).isZero();
      assertThat(page.edge("node-b", "rr-1").getAttribute("data-state")).isEqualTo("down");

      assertThat(page.clickCell("10.3.240.32/27")).contains("node: node-b").contains("host IP: 172.31.0.12")
          .contains("route-missing").contains("director-path-stale");
      assertThat(page.clickCell("10.3.240.0/27")).contains("node: node-a").contains("0 findings");
      assertThat(page.click(page.edge("node-b", "rr-1"))).contains("down").contains("session-not-established");

      assertThat(page.filterByCode("route-missing")).containsExactly("route-missing");
      if (flapping) {
        assertThat(page.filterByCode("session-flapping")).containsExactly("session-flapping");
      }
      assertThat(page.filterByCode("")).hasSize(shown);
      assertThat(page.filterBySeverity("error")).containsExactlyInAnyOrder("session-not-established", "route-missing");
      assertThat(page.filterBySeverity("")).hasSize(shown);
      assertThat(page.filterBySubject("172.31.0.12")).containsExactlyInAnyOrderElementsOf(
          flapping ? List.of("session-not-established", "session-flapping") : List.of("session-not-established"));
      assertThat(page.filterBySubject("")).hasSize(shown);

      assertThat(chromium.consoleErrors()).isEmpty();
      assertThat(page.resourcesLoaded()).isZero();
      assertThat(chromium.requests()).containsOnly(url);
      chromium.script("window.scrollTo(0, 0)");
      chromium.screenshot(ReportPage.docs().resolve("pictures/check-report.png"));
    }
  }

  @Test
  @Order(10)
  void theControllersDriftLoopShowsTheBrokenNetworkInItsMetricsAndTheRepair() throws Exception {
    // the network is still broken from the previous test: node-b's BIRD is down
    Proc.Daemon api = lvs.start("mockapi.log", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), MockApiMain.class.getName(), lab.dir().toString(),
        "node-a=172.31.0.11", "node-b=172.31.0.12", "node-c=172.31.0.13");
    String kubeconfig = Poll.forValue(Duration.ofSeconds(60), "the mock API server", () -> api.logText().lines()
        .filter(l -> l.startsWith("KUBECONFIG ")).map(l -> l.substring(11)).findFirst().orElse(null));
    Proc.Daemon controller = lvs.start("controller.log", netctl.command("controller", "--kubeconfig", kubeconfig,
        "--listen", "127.0.0.1:9099", "--monitor", "--monitor-router-id", "172.31.0.20", "--interval", "2s", "--resync", "5s",
        "--lease-namespace", "netctl", "--lease-duration", "5s", "--identity", "e2e", "-c", conf.toString()));
    Poll.until(DEADLINE, "the controller leads and its drift check reports the missing pool", () -> {
      io.netctl.cli.PromText m = scrape();
      return m != null && m.valueOr0("netctl_leader") == 1 && findings(m, "route-missing") == 1
          && m.valueOr0("netctl_bgp_session_state", "peer", "172.31.0.1") == 6;
    });
    io.netctl.cli.PromText broken = scrape();
    assertThat(broken.valueOr0("netctl_bgp_routes_received", "peer", "172.31.0.1")).as("routes of node-a and node-c").isEqualTo(2);
    assertThat(controller.logText()).contains("route-missing");

    nodes[1].restart();
    Poll.until(DEADLINE, "the finding resolves in the metrics", () -> {
      io.netctl.cli.PromText m = scrape();
      return m != null && findings(m, "route-missing") == 0 && m.valueOr0("netctl_bgp_routes_received", "peer", "172.31.0.1") == 3;
    });
    Poll.until(Duration.ofSeconds(10), "the resolution logged", () -> controller.logText().contains("resolved route-missing"));

    // route churn (issue 14): node-c toggles its static protocol five times, each toggle once the controller counted the
    // previous change: ten changes of its pool at rr-1, and route-flapping naming node-c; node-a's pool never changed
    String poolC = POOLS[2];
    for (int i = 1; i <= 10; i++) {
      int n = i;
      Proc.ok("birdc", "-s", nodes[2].socket().toString(), n % 2 == 1 ? "disable" : "enable", "blocks");
      Poll.until(DEADLINE, "change " + n + " of node-c's pool counted", () -> {
        io.netctl.cli.PromText m = scrape();
        return m != null && m.valueOr0("netctl_route_changes_total", "pool", poolC, "source", "rr-1") == n;
      });
    }
    Poll.until(DEADLINE, "route-flapping in the metrics", () -> {
      io.netctl.cli.PromText m = scrape();
      return m != null && findings(m, "route-flapping") == 1;
    });
    assertThat(controller.logText()).contains("route-flapping " + poolC + " at rr-1").contains("originator 172.31.0.13; allocated to node node-c");
    assertThat(scrape().valueOr0("netctl_route_changes_total", "pool", POOLS[0], "source", "rr-1")).as("node-a's pool never changed").isZero();

    // the route churn counters exist now: every metric the Grafana dashboard and the PrometheusRule read from the
    // controller is in this real scrape (the agent's are AgentBfdIT's), the propagation histogram at zero from the start
    io.netctl.cli.PromText all = scrape();
    Set<String> scraped = new TreeSet<>();
    all.samples().keySet().forEach(k -> scraped.add(k.contains("{") ? k.substring(0, k.indexOf('{')) : k));
    assertThat(PromQlNames.deployed(PromQlNames.Exporter.CONTROLLER))
        .as("every controller metric the Grafana dashboard and the PrometheusRule read is in a real scrape").isSubsetOf(scraped);
    assertThat(all.value("netctl_route_propagation_seconds_count", "source", "rr-1")).as("no allocation was made while it ran").isZero();

    controller.stop(Duration.ofSeconds(20));
    assertThat(controller.exitCode()).as(controller.logText()).isZero();
    Poll.until(Duration.ofSeconds(20), "the reflector saw the monitor session closed with a Cease",
        () -> rr1.birdc("show", "protocols", "Monitor_172_31_0_20").contains("Administrative shutdown"));
    api.stop(Duration.ofSeconds(5));
  }
}
