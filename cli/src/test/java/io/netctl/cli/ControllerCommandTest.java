package io.netctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netctl.cli.kube.MockApi;
import io.netctl.lab.EtcdCluster;
import io.netctl.lab.Poll;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** netctl controller and agent as a new user first runs them, with nothing set up. */
class ControllerCommandTest {
  @TempDir Path dir;

  CliHarness cli() {
    return new CliHarness(dir);
  }

  @Test
  void withoutKubeconfigAndOutsideAClusterItSaysSoInOneLine() {
    CliHarness.Run r = cli().run("controller", "--store", dir.resolve("s.json").toString());
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.err()).contains("no Kubernetes API to talk to: not running in a cluster").contains("--kubeconfig FILE, $KUBECONFIG or ~/.kube/config");
    assertThat(dir.resolve("s.json")).as("nothing written").doesNotExist();
  }

  @Test
  void aMissingOrBrokenKubeconfigIsBadInput() throws Exception {
    CliHarness.Run missing = cli().run("controller", "--kubeconfig", dir.resolve("nope").toString());
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("--kubeconfig " + dir.resolve("nope") + ": no such file");
    Path garbage = Files.writeString(dir.resolve("garbage"), "this: [is not\n");
    CliHarness.Run broken = cli().run("controller", "--kubeconfig", garbage.toString());
    assertThat(broken.code()).as(broken.toString()).isEqualTo(2);
    assertThat(broken.errLines()).hasSize(1);
    assertThat(broken.err()).contains("not a usable kubeconfig");
    CliHarness.Run fromEnv = cli().env("KUBECONFIG", dir.resolve("also-nope").toString()).run("controller");
    assertThat(fromEnv.code()).isEqualTo(2);
    assertThat(fromEnv.err()).contains("$KUBECONFIG " + dir.resolve("also-nope") + ": no such file");
  }

  @Test
  void badFlagsAreRefusedBeforeAnythingStarts() throws Exception {
    Path kc = Files.writeString(dir.resolve("kc"), MockApi.kubeconfig("http://127.0.0.1:9"));
    assertThat(cli().run("controller", "--kubeconfig", kc.toString(), "--release-grace", "ten minutes").code()).isEqualTo(2);
    CliHarness.Run listen = cli().run("controller", "--kubeconfig", kc.toString(), "--store", dir.resolve("s.json").toString(), "--listen", "9090");
    assertThat(listen.code()).isEqualTo(2);
    assertThat(listen.err()).contains("--listen 9090: expected [HOST]:PORT");
    CliHarness.Run lease = cli().run("controller", "--kubeconfig", kc.toString(), "--lease-duration", "0s");
    assertThat(lease.code()).isEqualTo(2);
  }

  @Test
  void anApiServerThatRefusesIsLoggedWithItsReasonRetriedAndNotReady() throws Exception {
    int refusing = EtcdCluster.freePort(); // nothing listens there
    Path kc = Files.writeString(dir.resolve("kc"), MockApi.kubeconfig("http://127.0.0.1:" + refusing));
    int port = EtcdCluster.freePort();
    try (LogCapture log = new LogCapture();
        ServiceRun c = ServiceRun.start(Map.of("HOME", dir.toString()), Clock.systemUTC(), "controller", "--kubeconfig", kc.toString(),
            "--store", dir.resolve("s.json").toString(), "--listen", "127.0.0.1:" + port, "--identity", "ctl-refused", "--interval", "1s")) {
      c.awaitHttp(port);
      Poll.until(Duration.ofSeconds(30), "the refusal logged", () -> log.text().contains("refused or unreachable"));
      assertThat(log.text()).contains("127.0.0.1:" + refusing);
      Http.Response ready = Http.get(port, "/readyz");
      assertThat(ready.status()).isEqualTo(503);
      assertThat(ready.body()).contains("the Node informer has not synced yet");
      assertThat(PromText.scrape(port).valueOr0("netctl_leader")).isZero();
      assertThat(c.running()).as("keeps retrying instead of crash-looping").isTrue();
      assertThat(c.stop()).isZero();
    }
  }

  @Test
  void theAgentWithoutBirdOrDatastoreStillReportsTheTcpTableAndSaysWhatItSkipped() throws Exception {
    Path procNet = Files.createDirectories(dir.resolve("proc-net"));
    // one established session to 10.3.252.8:179 (a route reflector) from 10.3.0.5
    Files.writeString(procNet.resolve("tcp"), "  sl  local_address rem_address   st\n   0: 0500030A:C738 08FC030A:00B3 01 00000000:00000000 00:00000000 00000000 0 0 1 1\n");
    Path cfg = Files.writeString(dir.resolve("netctl.yaml"), "routeReflectors:\n  - {name: rr-1, ip: 10.3.252.8, clusterId: 1.0.0.1}\n  - {name: rr-2, ip: 10.3.252.9, clusterId: 1.0.0.1}\n");
    int port = EtcdCluster.freePort();
    try (LogCapture log = new LogCapture();
        ServiceRun a = ServiceRun.start(Map.of("HOME", dir.toString()), Clock.systemUTC(), "agent", "--listen", "127.0.0.1:" + port,
            "--proc-net", procNet.toString(), "--bird-socket", dir.resolve("no-bird.ctl").toString(), "--config", cfg.toString(), "--interval", "1s")) {
      a.awaitHttp(port);
      Poll.until(Duration.ofSeconds(20), "sessions in /metrics", () -> PromText.scrape(port).value("netctl_bgp_session_state", "peer", "10.3.252.9") != null);
      PromText m = PromText.scrape(port);
      assertThat(m.value("netctl_bgp_session_state", "peer", "10.3.252.8")).isEqualTo(6);
      assertThat(m.value("netctl_bgp_session_state", "peer", "10.3.252.9")).isEqualTo(1);
      assertThat(m.value("netctl_findings", "code", "session-missing", "severity", "error")).isEqualTo(1);
      Poll.until(Duration.ofSeconds(10), "skips logged", () -> log.text().contains("no BIRD socket at") && log.text().contains("no datastore configured"));
      assertThat(a.stop()).isZero();
    }
  }
}
