package io.netctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netctl.ipam.Allocator;
import io.netctl.ipam.IpamConfig;
import io.netctl.ipam.store.EtcdSettings;
import io.netctl.ipam.store.EtcdStore;
import io.netctl.lab.EtcdExtension;
import io.netctl.lab.Lab;
import io.netctl.lab.Poll;
import io.netctl.lab.Proc;
import io.netctl.lvs.Ipv4;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * netctl lvs end to end, in network namespaces the test creates: a director and two hosts on one
 * link (172.31.0.0/24), each host holding an address of its pool; the datastore is the embedded
 * file (in-process runs) or a real etcd (the --watch run, a separate netctl process).
 */
class LvsCommandsIT {
  static final ObjectMapper M = new ObjectMapper();
  static final String SERVER = String.join("\n",
      "import socket, sys",
      "s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)",
      "s.bind((sys.argv[1], 8080)); s.listen(8)",
      "while True:",
      "    c, a = s.accept(); c.sendall(('hello from ' + sys.argv[1]).encode()); c.close()");
  /** A TCP client in bash (starts in milliseconds): prints what the server says, or bash's connect error. */
  static final String CLIENT = "exec 3<>/dev/tcp/$0/8080 && cat <&3";

  /** Connects from {@code h} to {@code ip}:8080; stdout and stderr together. */
  static String connect(Lab.Host h, String ip) {
    Proc.Result r = h.exec("timeout", "5", "bash", "-c", CLIENT, ip);
    return r.stdout() + r.stderr();
  }

  @RegisterExtension static EtcdExtension etcd = new EtcdExtension(1);
  @TempDir Path home;

  Path config() throws IOException {
    Path c = home.resolve("netctl.yaml");
    Files.writeString(c, "directors:\n  - {name: lvs-test, ip: 172.31.0.1, group: internal}\n");
    return c;
  }

  /** A host namespace holding {@code podIp} on lo, with a TCP server on it (port 8080). */
  static Lab.Host host(Lab lab, String name, String linkCidr, String podIp) {
    Lab.Host h = lab.host(name, linkCidr);
    h.ok("ip", "addr", "add", podIp + "/32", "dev", "lo");
    h.start(name + "-server.log", "python3", "-c", SERVER, podIp);
    Poll.until(Duration.ofSeconds(10), "server on " + podIp, () -> connect(h, podIp).contains("hello from"));
    return h;
  }

  @Test
  void afterSyncTheDirectorReachesEveryPoolAndAfterReleaseItDoesNot() throws Exception {
    try (Lab lab = Lab.create("lvs-e2e")) {
      Lab.Host d = lab.host("dir", "172.31.0.1/24");
      host(lab, "a", "172.31.0.2/24", "10.3.240.1");
      host(lab, "b", "172.31.0.3/24", "10.3.240.33");
      CliHarness cli = new CliHarness(home);
      String c = config().toString();
      assertThat(cli.run("allocate", "node-a", "--host-ip", "172.31.0.2").code()).isZero();
      assertThat(cli.run("allocate", "node-b", "--host-ip", "172.31.0.3").code()).isZero();
      assertThat(connect(d, "10.3.240.1")).contains("Network is unreachable");

      CliHarness.Run plan = cli.run("lvs", "plan", "--director", "lvs-test", "-c", c, "--netns", d.ns(), "-o", "json");
      assertThat(plan.code()).as(plan.toString()).isEqualTo(1);
      JsonNode p = M.readTree(plan.out());
      assertThat(p.get("inSync").asBoolean()).isFalse();
      assertThat(p.get("differences")).hasSize(2).allMatch(x -> x.get("kind").asText().equals("missing"));
      assertThat(p.get("changes").get(0).asText()).isEqualTo("route add 10.3.240.0/27 via 172.31.0.2 proto 76 metric 0 table 254");

      CliHarness.Run sync = cli.run("lvs", "sync", "--director", "lvs-test", "-c", c, "--netns", d.ns(), "--fix-sysctl");
      assertThat(sync.code()).as(sync.toString()).isZero();
      assertThat(sync.out()).contains("in sync: 2 routes of netctl's in place (2 changes applied)");
      assertThat(sync.err()).contains("set net.ipv4.ip_forward=1 in network namespace " + d.ns());
      assertThat(d.ok("cat", "/proc/sys/net/ipv4/ip_forward").stdout().strip()).isEqualTo("1");
      assertThat(connect(d, "10.3.240.1")).contains("hello from 10.3.240.1");
      assertThat(connect(d, "10.3.240.33")).contains("hello from 10.3.240.33");

      CliHarness.Run again = cli.run("lvs", "sync", "--director", "lvs-test", "-c", c, "--netns", d.ns(), "-o", "json");
      assertThat(again.code()).isZero();
      assertThat(M.readTree(again.out()).get("applied").asInt()).isZero();
      assertThat(cli.run("lvs", "plan", "--director", "lvs-test", "-c", c, "--netns", d.ns()).code()).isZero();

      Path ipvs = home.resolve("ipvs.txt");
      Files.writeString(ipvs, "TCP  10.3.214.100:80 rr\n  -> 10.3.240.1:8080  FullNat 1 0 0\n  -> 10.3.240.33:8080  FullNat 1 0 0\n");
      assertThat(cli.run("lvs", "coverage", "--director", "lvs-test", "-c", c, "--netns", d.ns(), ipvs.toString()).code()).isZero();

      assertThat(cli.run("release", "node-a").code()).isZero();
      CliHarness.Run afterRelease = cli.run("lvs", "sync", "--director", "lvs-test", "-c", c, "--netns", d.ns());
      assertThat(afterRelease.code()).as(afterRelease.toString()).isZero();
      assertThat(afterRelease.out()).contains("stale").contains("10.3.240.0/27");
      assertThat(connect(d, "10.3.240.1")).contains("Network is unreachable");
      assertThat(connect(d, "10.3.240.33")).contains("hello from 10.3.240.33");
      CliHarness.Run cov = cli.run("lvs", "coverage", "--director", "lvs-test", "-c", c, "--netns", d.ns(), ipvs.toString());
      assertThat(cov.code()).isEqualTo(1);
      assertThat(cov.out()).contains("10.3.240.1").contains("not-allocated");
    }
  }

  /** netctl as its own process (java from this JVM, the test classpath), for what only a process shows. */
  static Process netctl(Path home, Map<String, String> env, List<String> prefix, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(prefix);
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.netctl.cli.Main"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(home.resolve("out.log").toFile()).redirectError(home.resolve("err.log").toFile());
    pb.environment().put("XDG_STATE_HOME", home.toString());
    pb.environment().putAll(env);
    return pb.start();
  }

  static int waitFor(Process p) throws InterruptedException {
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("netctl finished").isTrue();
    return p.exitValue();
  }

  @Test
  void withoutPermissionOrWithoutIpTheCommandSaysSoAndChangesNothing() throws Exception {
    try (Lab lab = Lab.create("lvs-perm")) {
      Lab.Host d = lab.host("dir", "172.31.0.1/24");
      String c = config().toString();
      assertThat(new CliHarness(home).run("allocate", "node-a", "--host-ip", "172.31.0.2").code()).isZero();
      String before = d.ok("ip", "-4", "route", "show", "table", "all").stdout();

      // root without CAP_NET_ADMIN (as a user without the capability would run it)
      Process p = netctl(home, Map.of(), List.of("setpriv", "--inh-caps=-net_admin", "--bounding-set=-net_admin", "--"),
          "lvs", "sync", "--director", "lvs-test", "-c", c, "--netns", d.ns());
      assertThat(waitFor(p)).isEqualTo(3);
      List<String> err = Files.readAllLines(home.resolve("err.log")).stream().filter(l -> !l.startsWith("warning:")).toList();
      assertThat(err).containsExactly("netctl: no permission to change routes in network namespace " + d.ns()
          + " (Operation not permitted): run as root or with CAP_NET_ADMIN; no route was changed");
      assertThat(d.ok("ip", "-4", "route", "show", "table", "all").stdout()).isEqualTo(before);

      // no ip on PATH
      Process q = netctl(home, Map.of("PATH", home.resolve("empty").toString()), List.of(),
          "lvs", "plan", "--director", "lvs-test", "-c", c, "--netns", d.ns());
      assertThat(waitFor(q)).isEqualTo(3);
      assertThat(Files.readAllLines(home.resolve("err.log"))).containsExactly("netctl: cannot run ip (iproute2): not found; install iproute2");
    }
  }

  @Test
  void watchFollowsEtcdRepairsHandEditsAndStopsCleanlyOnSigterm() throws Exception {
    try (Lab lab = Lab.create("lvs-watch"); EtcdStore store = new EtcdStore(EtcdSettings.plain(etcd.cluster().endpoints()).withTimeout(io.netctl.lab.EtcdCluster.CLIENT_TIMEOUT))) {
      Lab.Host d = lab.host("dir", "172.31.0.1/24");
      Allocator allocator = new Allocator(store, IpamConfig.DEFAULT, Clock.systemUTC());
      allocator.allocate("node-a", Ipv4.address("172.31.0.2"), false);

      // 1. the watch alone: with an hour between full re-syncs, only etcd's watch can explain a change
      Process w = netctl(home, Map.of(), List.of(), "lvs", "sync", "--watch", "--director", "lvs-test", "-c", config().toString(),
          "--netns", d.ns(), "--etcd-endpoints", etcd.cluster().endpointsFlag(), "--resync", "1h");
      try {
        Poll.until(Duration.ofSeconds(60), () -> "first pass and watching\n" + errLog(), () -> errLog().contains("watching ")
            && routes(d).contains("10.3.240.0/27 via 172.31.0.2 dev eth0 proto 76"));
        allocator.allocate("node-b", Ipv4.address("172.31.0.3"), false);
        Poll.until(Duration.ofSeconds(60), "the new allocation's route", () -> routes(d).contains("10.3.240.32/27 via 172.31.0.3 dev eth0 proto 76"));
        allocator.release("node-a", false);
        Poll.until(Duration.ofSeconds(60), "the released pool's route gone", () -> !routes(d).contains("10.3.240.0/27 via 172.31.0.2 dev eth0 proto 76"));
      } finally {
        w.destroy(); // SIGTERM
      }
      assertThat(waitFor(w)).isZero();
      String watched = errLog();
      assertThat(watched).contains("pass (allocation change): 1 change(s) applied").contains("missing 10.3.240.32/27").contains("stale 10.3.240.0/27")
          .contains("stopped").doesNotContain("periodic re-sync").doesNotContain("Exception");

      // 2. the periodic re-sync: nothing changes in etcd, so only the re-sync can repair a hand edit
      Process r = netctl(home, Map.of(), List.of(), "lvs", "sync", "--watch", "--director", "lvs-test", "-c", config().toString(),
          "--netns", d.ns(), "--etcd-endpoints", etcd.cluster().endpointsFlag(), "--resync", "1s");
      try {
        Poll.until(Duration.ofSeconds(60), () -> "watching\n" + errLog(), () -> errLog().contains("watching "));
        d.ok("ip", "route", "del", "10.3.240.32/27", "proto", "76");
        Poll.until(Duration.ofSeconds(60), "periodic re-sync repairs a hand edit", () -> routes(d).contains("10.3.240.32/27 via 172.31.0.3 dev eth0 proto 76"));
      } finally {
        r.destroy();
      }
      assertThat(waitFor(r)).isZero();
      assertThat(errLog()).contains("pass (periodic re-sync): 1 change(s) applied").doesNotContain("Exception");
    }
  }

  private String errLog() {
    try {
      return Files.readString(home.resolve("err.log"));
    } catch (java.io.IOException e) {
      return "";
    }
  }

  static String routes(Lab.Host d) {
    return Proc.run("ip", "-n", d.ns(), "route", "show").stdout();
  }
}
