package io.netctl.cli.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netctl.cli.CliHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wait-routes} and {@code allocate --wait-routes} through the CLI on the embedded store, with
 * a director's table as the source ({@code --routes FILE --as DIRECTOR}): the text and JSON output,
 * the exit codes, and that {@code allocate} without the flag is as before.
 */
class WaitRoutesCommandTest {
  static final ObjectMapper M = new ObjectMapper();
  static final String CONFIG = "directors:\n  - {name: lvs-1, ip: 10.3.214.10}\n";

  @TempDir Path home;

  CliHarness cli() throws Exception {
    Path conf = Files.writeString(home.resolve("netctl.yaml"), CONFIG);
    return new CliHarness(home).env("NETCTL_CONFIG", conf.toString());
  }

  Path dump(String json) throws Exception {
    return Files.writeString(home.resolve("routes.json"), json);
  }

  @Test
  void aDirectorThatRoutesThePoolViaTheHostIsReady() throws Exception {
    CliHarness cli = cli();
    assertThat(cli.run("allocate", "node-a", "--host-ip", "10.3.0.5").code()).isZero();
    Path routes = dump("[{\"dst\":\"10.3.240.0/27\",\"gateway\":\"10.3.0.5\",\"dev\":\"eth0\",\"protocol\":\"76\",\"flags\":[]}]");
    CliHarness.Run r = cli.run("wait-routes", "node-a", "--timeout", "30s", "--routes", routes.toString(), "--as", "lvs-1");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).startsWith("node-a 10.3.240.0/27 via 10.3.0.5: routes ready\n").contains("  lvs-1: present via 10.3.0.5 after ");
    assertThat(r.err()).isEmpty();

    CliHarness.Run json = cli.run("wait-routes", "node-a", "--routes", routes.toString(), "--as", "lvs-1", "-o", "json");
    assertThat(json.code()).isZero();
    JsonNode doc = M.readTree(json.out());
    assertThat(doc.get("ready").asBoolean()).isTrue();
    JsonNode s = doc.get("sources").get(0);
    assertThat(s.get("source").asText()).isEqualTo("lvs-1");
    assertThat(s.get("present").asBoolean()).isTrue();
    assertThat(s.get("nextHop").asText()).isEqualTo("10.3.0.5");
    assertThat(s.get("seconds").isNumber()).isTrue();
  }

  @Test
  void aDirectorRoutingViaAnotherHostTimesOutWithExit1AndTheAllocationStays() throws Exception {
    CliHarness cli = cli();
    Path routes = dump("[{\"dst\":\"10.3.240.0/27\",\"gateway\":\"10.3.0.9\",\"dev\":\"eth0\",\"protocol\":\"76\",\"flags\":[]}]");
    CliHarness.Run r = cli.run("allocate", "node-a", "--host-ip", "10.3.0.5", "--wait-routes", "1s", "--routes", routes.toString(), "--as", "lvs-1");
    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.out()).startsWith("node-a 10.3.240.0/27 (host IP 10.3.0.5): allocated\n")
        .endsWith("\n  routes not ready:\n  lvs-1: missing after 1s (seen via 10.3.0.9, the wrong next hop)\n");
    assertThat(r.errLines()).containsExactly("netctl: timed out after 1s: 10.3.240.0/27 via 10.3.0.5 (node-a) still missing at lvs-1"
        + " (the allocation stays; run again to keep waiting)");
    assertThat(cli.run("show", "node-a").out()).contains("10.3.240.0/27");

    CliHarness.Run json = cli.run("allocate", "node-a", "--host-ip", "10.3.0.5", "--wait-routes", "1s", "--routes", routes.toString(), "--as", "lvs-1",
        "-o", "json");
    assertThat(json.code()).isEqualTo(1);
    JsonNode doc = M.readTree(json.out());
    assertThat(doc.get("outcome").asText()).isEqualTo("existing");
    assertThat(doc.get("routesReady").asBoolean()).isFalse();
    JsonNode s = doc.get("sources").get(0);
    assertThat(s.get("present").asBoolean()).isFalse();
    assertThat(s.get("nextHop").asText()).isEqualTo("10.3.0.9");
    assertThat(s.get("seconds").isNull()).isTrue();
  }

  @Test
  void allocateWithoutTheFlagPrintsWhatItAlwaysDid() throws Exception {
    CliHarness.Run r = cli().run("allocate", "node-a", "--host-ip", "10.3.0.5", "-o", "json");
    assertThat(r.code()).isZero();
    JsonNode doc = M.readTree(r.out());
    assertThat(doc.has("sources")).isFalse();
    assertThat(doc.has("routesReady")).isFalse();
  }
}
