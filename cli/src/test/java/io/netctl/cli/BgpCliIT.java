package io.netctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netctl.lab.Lab;
import io.netctl.lab.Poll;
import io.netctl.lab.Proc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code netctl bgp routes|watch} end to end against a BIRD route reflector (172.31.0.1, cluster
 * 1.0.0.1) with two BIRD clients announcing /27s. netctl runs as its own process ({@code java
 * io.netctl.cli.Main}) inside namespace nc (172.31.0.9), since only a process started there can
 * reach the lab; the test checks its exit code, stdout and stderr.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BgpCliIT {
  static final String TIMERS = "connect retry time 1; error wait time 1,2; error forget time 10; hold time 9; keepalive time 3;";
  Lab lab;
  Lab.Host nc;

  @BeforeAll
  void startLab() throws Exception {
    Proc.requireBinaries("bird", "java");
    lab = Lab.create("bgp-cli");
    Lab.Host rr = lab.host("rr", "172.31.0.1/24");
    Lab.Host b = lab.host("b", "172.31.0.2/24");
    Lab.Host c = lab.host("c", "172.31.0.3/24");
    nc = lab.host("nc", "172.31.0.9/24");
    bird(rr, "rr", """
        router id 172.31.0.1;
        protocol device { scan time 10; }
        template bgp rrclient { local 172.31.0.1 as 64512; direct; rr client; rr cluster id 1.0.0.1; %s ipv4 { import all; export all; }; }
        protocol bgp client_b from rrclient { neighbor 172.31.0.2 as 64512; }
        protocol bgp client_c from rrclient { neighbor 172.31.0.3 as 64512; }
        protocol bgp netctl from rrclient { neighbor 172.31.0.9 as 64512; passive on; }
        """.formatted(TIMERS));
    bird(b, "b", client("172.31.0.2", "10.3.240.0/27"));
    bird(c, "c", client("172.31.0.3", "10.3.240.32/27"));
  }

  static String client(String ip, String prefix) {
    return """
        router id %s;
        protocol device { scan time 10; }
        protocol static blocks { ipv4 { import filter { bgp_community.add((64512,100)); accept; }; }; route %s blackhole; }
        protocol bgp to_rr { local %s as 64512; direct; neighbor 172.31.0.1 as 64512; %s ipv4 { import none; export where source = RTS_STATIC; }; }
        """.formatted(ip, prefix, ip, TIMERS);
  }

  void bird(Lab.Host host, String name, String config) throws Exception {
    Path conf = Files.writeString(lab.dir().resolve(name + ".conf"), "log stderr all;\n" + config);
    host.start(name + ".log", "bird", "-f", "-c", conf.toString(), "-s", lab.dir().resolve(name + ".ctl").toString());
  }

  @AfterAll
  void stopLab() {
    if (lab != null) {
      lab.close();
    }
  }

  Proc.Result netctl(String... args) {
    List<String> cmd = new ArrayList<>(List.of("java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
        "io.netctl.cli.Main"));
    cmd.addAll(List.of(args));
    return nc.exec(cmd.toArray(String[]::new));
  }

  @Test
  void routesShowsEveryReflectedRoute() throws Exception {
    Poll.until(Duration.ofSeconds(30), "both /27s at netctl", () -> {
      Proc.Result r = netctl("bgp", "routes", "--peer", "172.31.0.1", "--local-address", "172.31.0.9", "--timeout", "10s");
      return r.exitCode() == 0 && r.stdout().contains("10.3.240.0/27") && r.stdout().contains("10.3.240.32/27");
    });
    Proc.Result text = netctl("bgp", "routes", "--peer", "172.31.0.1", "--local-address", "172.31.0.9");
    assertThat(text.exitCode()).as(text.stderr()).isZero();
    assertThat(text.stdout()).containsPattern("10\\.3\\.240\\.0/27 +172\\.31\\.0\\.2 +- +IGP +100 +- +64512:100 +172\\.31\\.0\\.2 +1\\.0\\.0\\.1");
    assertThat(text.stdout()).containsPattern("10\\.3\\.240\\.32/27 +172\\.31\\.0\\.3 .* 172\\.31\\.0\\.3 +1\\.0\\.0\\.1");
    assertThat(text.stdout()).contains("2 routes from 172.31.0.1 AS 64512 (router id 172.31.0.1); End-of-RIB received after");

    Proc.Result json = netctl("bgp", "routes", "--peer", "172.31.0.1", "--local-address", "172.31.0.9", "--output", "json");
    assertThat(json.exitCode()).isZero();
    JsonNode j = new ObjectMapper().readTree(json.stdout());
    assertThat(j.path("routes")).hasSize(2);
    assertThat(j.path("routes").get(0).path("clusterList").get(0).asText()).isEqualTo("1.0.0.1");
  }

  @Test
  void aWrongAsIsExit3WithTheNotification() {
    Proc.Result theyRefuse = netctl("bgp", "routes", "--peer", "172.31.0.1", "--local-address", "172.31.0.9", "--local-as", "65000", "--peer-as", "64512");
    assertThat(theyRefuse.exitCode()).isEqualTo(3);
    assertThat(theyRefuse.stderr().strip())
        .isEqualTo("netctl: no BGP session with 172.31.0.1 AS 64512: NOTIFICATION received: OPEN Message Error / Bad Peer AS (2/2)");
    Proc.Result weRefuse = netctl("bgp", "routes", "--peer", "172.31.0.1", "--local-address", "172.31.0.9", "--peer-as", "65000");
    assertThat(weRefuse.exitCode()).isEqualTo(3);
    assertThat(weRefuse.stderr().strip())
        .isEqualTo("netctl: no BGP session with 172.31.0.1 AS 65000: refused the peer's OPEN: OPEN Message Error / Bad Peer AS (2/2)");
  }

  @Test
  void ctrlCOnWatchClosesTheSessionWithACease() {
    List<String> cmd = new ArrayList<>(List.of("java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
        "io.netctl.cli.Main", "bgp", "watch", "--peer", "172.31.0.1", "--local-address", "172.31.0.9"));
    Proc.Daemon watch = nc.start("watch.log", cmd.toArray(String[]::new));
    Poll.until(Duration.ofSeconds(30), "watch established\n" + watch.logText(), () -> watch.logText().contains("state Established"));
    // `ip netns exec` execs java, so the pid is the JVM's; SIGINT is what Ctrl-C sends
    Proc.ok("kill", "-INT", String.valueOf(watch.pid()));
    Poll.until(Duration.ofSeconds(10), "watch exits", () -> !watch.alive());
    assertThat(watch.logText()).contains("state Idle (was Established): stopped: netctl watch interrupted");
    String bird = Proc.run("birdc", "-s", lab.dir().resolve("rr.ctl").toString(), "show", "protocols", "all", "netctl").stdout();
    assertThat(bird).as(bird).contains("Received: Administrative shutdown");
  }

  @Test
  void watchStreamsTheTable() {
    Proc.Result r = netctl("bgp", "watch", "--peer", "172.31.0.1", "--local-address", "172.31.0.9", "--duration", "4s");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdout()).contains("state Established (was OpenConfirm)", "+ 10.3.240.0/27 via 172.31.0.2", "end-of-rib ipv4-unicast");
  }
}
