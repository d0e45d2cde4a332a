package io.netctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netctl.lab.Bird;
import io.netctl.lab.BirdConfig;
import io.netctl.lab.Lab;
import io.netctl.lab.Poll;
import io.netctl.lab.Proc;
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
  Lab lab;
  Lab.Host nc;
  Bird rr;

  @BeforeAll
  void startLab() {
    Proc.requireBinaries("java");
    lab = Lab.create("bgp-cli");
    Lab.Host rrHost = lab.host("rr", "172.31.0.1/24");
    Lab.Host b = lab.host("b", "172.31.0.2/24");
    Lab.Host c = lab.host("c", "172.31.0.3/24");
    nc = lab.host("nc", "172.31.0.9/24");
    rr = Bird.start(rrHost, BirdConfig.reflector("172.31.0.1", "1.0.0.1").peer("172.31.0.2").peer("172.31.0.3").peer("172.31.0.9", "passive on;"));
    Bird.start(b, BirdConfig.node("172.31.0.2").announce("10.3.240.0/27").community(64512, 100).peer("172.31.0.1"));
    Bird.start(c, BirdConfig.node("172.31.0.3").announce("10.3.240.32/27").community(64512, 100).peer("172.31.0.1"));
    // every test starts from a converged lab: both clients' /27s at the reflector
    rr.awaitRoutes("10.3.240.0/27", "10.3.240.32/27");
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
    // after the refusal BIRD waits out its "error wait time" (1-2 s in the lab) and closes the
    // connections that come meanwhile: the next attempt needs BIRD accepting sessions again
    Proc.Result weRefuse = Poll.forValue(Duration.ofSeconds(60), "BIRD accepting netctl's session after its error wait", () -> {
      Proc.Result r = netctl("bgp", "routes", "--peer", "172.31.0.1", "--local-address", "172.31.0.9", "--peer-as", "65000");
      return r.stderr().contains("connection closed by the peer") ? null : r;
    });
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
    String bird = rr.birdc("show", "protocols", "all", BirdConfig.protocol("172.31.0.9"));
    assertThat(bird).as(bird).contains("Received: Administrative shutdown");
  }

  @Test
  void watchStreamsTheTable() {
    // watch runs until the table has streamed (Established, the routes, End-of-RIB), then is stopped like Ctrl-C
    List<String> cmd = new ArrayList<>(List.of("java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
        "io.netctl.cli.Main", "bgp", "watch", "--peer", "172.31.0.1", "--local-address", "172.31.0.9"));
    Proc.Daemon watch = nc.start("watch-table.log", cmd.toArray(String[]::new));
    Poll.until(Duration.ofSeconds(60), () -> "the table streamed\n" + watch.logText(),
        () -> watch.logText().contains("end-of-rib ipv4-unicast") || !watch.alive());
    assertThat(watch.alive()).as("watch still running\n" + watch.logText()).isTrue();
    Proc.ok("kill", "-INT", String.valueOf(watch.pid()));
    Poll.until(Duration.ofSeconds(10), "watch exits", () -> !watch.alive());
    assertThat(watch.logText()).contains("state Established (was OpenConfirm)", "+ 10.3.240.0/27 via 172.31.0.2", "+ 10.3.240.32/27 via 172.31.0.3",
        "end-of-rib ipv4-unicast");
  }
}
