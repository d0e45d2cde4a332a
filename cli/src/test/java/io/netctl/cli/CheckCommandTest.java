package io.netctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** netctl check on the embedded store and snapshots: scopes, formats, what it could not run, and bad input. */
class CheckCommandTest {
  static final ObjectMapper M = new ObjectMapper();
  @TempDir Path home;
  CliHarness cli;
  Path conf;

  @BeforeEach
  void network() throws Exception {
    cli = new CliHarness(home);
    conf = home.resolve("netctl.yaml");
    Files.writeString(conf, "routeReflectors:\n  - {name: rr-1, ip: 10.3.252.8, clusterId: 1.0.0.1}\n");
    CalicoNodes.register(home, "node-a", "10.3.0.1/24");
    cli.run("allocate", "node-a", "--host-ip", "10.3.0.1", "-c", conf.toString());
    cli.run("bgp", "apply", "-c", conf.toString());
  }

  @Test
  void aHealthyConfigurationPassesAndSaysWhatDidNotRun() throws Exception {
    CliHarness.Run r = cli.run("check", "-c", conf.toString(), "--format", "json");
    assertThat(r.code()).as(r.toString()).isZero();
    JsonNode j = M.readTree(r.out());
    assertThat(j.get("findings")).isEmpty();
    assertThat(j.get("checks")).anyMatch(c -> c.get("scope").asText().equals("sessions") && !c.get("ran").asBoolean()
        && c.get("reason").asText().contains("--monitor"));
    CliHarness.Run text = cli.run("check", "-c", conf.toString(), "--scope", "config");
    assertThat(text.code()).isZero();
    assertThat(text.out()).endsWith("OK: 0 errors, 0 warnings; 3 checks ran\n");
  }

  @Test
  void aBrokenConfigurationFailsWithItsFinding() throws Exception {
    cli.run("allocate", "node-b", "-c", conf.toString());
    CliHarness.Run r = cli.run("check", "-c", conf.toString(), "--scope", "config");
    assertThat(r.code()).isZero(); // a missing host IP is a warning
    assertThat(r.out()).contains("warning host-ip-missing  node-b");
    Path snap = home.resolve("s.json");
    Files.writeString(snap, cli.run("snapshot", "export").out().replace("\"nodeToNodeMeshEnabled\\\":false", "\"nodeToNodeMeshEnabled\\\":true"));
    CliHarness.Run offline = cli.run("check", "-c", conf.toString(), "--scope", "config", "--snapshot", snap.toString(), "--format", "junit");
    assertThat(offline.code()).as(offline.toString()).isEqualTo(1);
    assertThat(offline.out()).contains("<failure type=\"mesh-on\"");
  }

  @Test
  void htmlReportIsOneSelfContainedPageWithThePictures() throws Exception {
    cli.run("allocate", "node-b", "-c", conf.toString());
    Path out = home.resolve("report.html");
    CliHarness.Run r = cli.run("check", "-c", conf.toString(), "--format", "html", "--report-file", out.toString());
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.err()).contains("OK: ").contains(out.toString());
    String html = Files.readString(out);
    assertThat(html).startsWith("<!DOCTYPE html>").contains("default-src 'none'").contains("id=\"version\">" + Version.VERSION);
    assertThat(html.split("<i class=\"c ", -1)).hasSize(128 + 1); // both /21s of /27s
    assertThat(html).contains("data-cidr=\"10.3.240.0/27\" data-state=\"healthy\"").contains("data-node=\"node-a\"");
    assertThat(html).contains("<tr data-code=\"host-ip-missing\"").contains("data-state=\"findings\" id=\"p-10.3.240.32/27\"");
    assertThat(html).contains("data-node=\"node-a\" data-peer=\"rr-1\" data-state=\"unobserved\"");
    assertThat(html).contains("not run: sessions");
    CliHarness.Run stdout = cli.run("check", "-c", conf.toString(), "--scope", "config", "-f", "html");
    assertThat(stdout.out()).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
  }

  @Test
  void nothingObservableIsExitThree() {
    CliHarness.Run r = cli.run("check", "-c", conf.toString(), "--scope", "sessions");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.out()).contains("not run: sessions");
  }

  @Test
  void badInputIsOneLineWithItsExitCode() throws Exception {
    assertThat(cli.run("check", "--scope", "everything").code()).isEqualTo(2);
    assertThat(cli.run("check", "--snapshot", home.resolve("missing.json").toString()).code()).isEqualTo(2);
    assertThat(cli.run("check", "--routes", home.resolve("r.json").toString()).err()).contains("--as");
    CliHarness.Run unknownHost = cli.run("check", "-c", conf.toString(), "--local", "--as", "nobody");
    assertThat(unknownHost.code()).isEqualTo(2);
    assertThat(unknownHost.errLines()).hasSize(1);
    Path dump = home.resolve("r.json");
    Files.writeString(dump, "[{\"dst\": 7}");
    CliHarness.Run badDump = cli.run("check", "-c", conf.toString(), "--routes", dump.toString(), "--as", "node-a", "--scope", "routes");
    assertThat(badDump.code()).as(badDump.toString()).isEqualTo(2);
    assertThat(badDump.errLines()).hasSize(1);
  }

  @Test
  void anUnreadableBirdSocketIsExitThree() throws Exception {
    Path notASocket = home.resolve("bird.ctl");
    Files.writeString(notASocket, "");
    CliHarness.Run r = cli.run("check", "-c", conf.toString(), "--bird-socket", notASocket.toString(), "--bird-of", "rr-1");
    assertThat(r.code()).as(r.toString()).isEqualTo(3);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.err()).contains(notASocket.toString());
    CliHarness.Run missing = cli.run("check", "-c", conf.toString(), "--bird-socket", home.resolve("none.ctl").toString(), "--bird-of", "rr-1");
    assertThat(missing.code()).isEqualTo(3);
    assertThat(missing.err()).contains("does not exist");
  }

  @Test
  void theSecretCalicoNodeReadsIsComparedWithWhatRenderRrWasGiven() throws Exception {
    Files.writeString(conf, "routeReflectors:\n  - {name: rr-1, ip: 10.3.252.8, clusterId: 1.0.0.1}\n"
        + "bgpPassword: {secretKeyRef: {name: bgp-secrets, key: rr-password}}\n");
    assertThat(cli.run("bgp", "apply", "-c", conf.toString()).code()).isZero();
    Path file = Files.writeString(home.resolve("rr-password"), "s3cret");
    // made with kubectl create secret --from-file from a file written by echo: a trailing newline
    Path saved = Files.writeString(home.resolve("secret.bin"), "s3cret\n");
    CliHarness.Run r = cli.run("check", "-c", conf.toString(), "--scope", "config", "--calico-secret", "bgp-secrets/rr-password=" + saved,
        "--password-file", "bgp-secrets/rr-password=" + file, "--format", "json");
    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(M.readTree(r.out()).get("findings")).singleElement().satisfies(f -> {
      assertThat(f.get("code").asText()).isEqualTo("bgp-password-mismatch");
      assertThat(f.get("observed").asText()).startsWith("the Secret holds 7 bytes and it ends in a newline");
    });
    assertThat(r.out()).doesNotContain("s3cret");
    Files.writeString(saved, "s3cret");
    CliHarness.Run same = cli.run("check", "-c", conf.toString(), "--scope", "config", "--calico-secret", "bgp-secrets/rr-password=" + saved,
        "--password-file", "bgp-secrets/rr-password=" + file);
    assertThat(same.code()).as(same.toString()).isZero();
    assertThat(same.out()).contains("OK: 0 errors, 0 warnings; 4 checks ran"); // ipam, bgp-config, pool-pressure and bgp-passwords
    CliHarness.Run alone = cli.run("check", "-c", conf.toString(), "--scope", "config", "--password-file", "bgp-secrets/rr-password=" + file);
    assertThat(alone.code()).isEqualTo(2);
    assertThat(alone.err()).isEqualTo("netctl: --password-file is compared with the Secret calico-node reads: give --calico-secret SECRET/KEY=FILE too\n");
  }
}
