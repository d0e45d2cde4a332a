package io.netctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netctl.ipam.calico.CalicoKeys;
import io.netctl.ipam.store.FileStore;
import io.netctl.ipam.store.Txn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** bgp plan, apply, show and render-rr on the embedded store, and bad input as a new user types it. */
class BgpCommandsTest {
  static final ObjectMapper M = new ObjectMapper();
  static final String YAML = """
      asNumber: 64512
      routeReflectors:
        - {name: rr-1, ip: 10.3.252.8, clusterId: 1.0.0.1}
        - {name: rr-2, ip: 10.3.252.9, clusterId: 1.0.0.1}
      coreSwitches:
        - {name: core-1, ip: 10.3.0.1, asNumber: 65000, password: {secretKeyRef: {name: bgp, key: core}}}
      bgpPassword: {secretKeyRef: {name: bgp, key: rr}}
      """;

  @TempDir Path home;
  CliHarness cli;
  Path storeFile;
  Path config;

  @BeforeEach
  void setUp() throws IOException {
    config = home.resolve("netctl.yaml");
    Files.writeString(config, YAML);
    cli = new CliHarness(home).env("NETCTL_CONFIG", config.toString());
    storeFile = home.resolve("netctl/store.json");
  }

  byte[] storeBytes() throws IOException {
    return Files.exists(storeFile) ? Files.readAllBytes(storeFile) : new byte[0];
  }

  void putForeign(String key, String json) {
    try (FileStore s = new FileStore(storeFile)) {
      s.commit(Txn.builder().create(key, json).build());
    }
  }

  @Test
  void planApplyPlanShow() throws Exception {
    assertThat(cli.run("allocate", "node-a", "--host-ip", "10.3.0.5").code()).isZero();
    CliHarness.Run plan = cli.run("bgp", "plan");
    assertThat(plan.code()).as(plan.toString()).isEqualTo(1);
    assertThat(plan.out()).contains("+ create BGPConfiguration default", "spec.nodeToNodeMeshEnabled: false", "+ create BGPPeer rr-10-3-252-8",
        "spec.password.secretKeyRef.key: \"rr\"", "note: route reflector rr-1", "3 changes (3 create, 0 update, 0 delete)");
    JsonNode j = M.readTree(cli.run("bgp", "plan", "-o", "json").out());
    assertThat(j.get("inSync").asBoolean()).isFalse();
    assertThat(j.get("changes")).hasSize(3);
    assertThat(j.at("/changes/1/action").asText()).isEqualTo("create");
    assertThat(j.at("/changes/1/key").asText()).isEqualTo(CalicoKeys.BGPPEERS + "rr-10-3-252-8");
    assertThat(j.at("/changes/1/object/spec/peerIP").asText()).isEqualTo("10.3.252.8");

    CliHarness.Run apply = cli.run("bgp", "apply");
    assertThat(apply.code()).as(apply.toString()).isZero();
    assertThat(apply.out()).contains("+ created BGPPeer rr-10-3-252-9", "applied 3 changes");
    CliHarness.Run again = cli.run("bgp", "plan");
    assertThat(again.code()).as(again.toString()).isZero();
    assertThat(again.out()).contains("in sync");
    assertThat(cli.run("bgp", "apply").out()).contains("in sync");

    // an AS change is an update, field by field
    Files.writeString(config, YAML.replace("asNumber: 64512", "asNumber: 1.10"));
    CliHarness.Run upd = cli.run("bgp", "plan", "--output", "json");
    assertThat(upd.code()).isEqualTo(1);
    JsonNode u = M.readTree(upd.out());
    assertThat(u.at("/changes/0/action").asText()).isEqualTo("update");
    assertThat(u.at("/changes/0/fields/0/field").asText()).isEqualTo("spec.asNumber");
    assertThat(u.at("/changes/0/fields/0/from").asLong()).isEqualTo(64512);
    assertThat(u.at("/changes/0/fields/0/to").asLong()).isEqualTo(65546);
    assertThat(cli.run("bgp", "plan").out()).contains("~ update BGPPeer rr-10-3-252-8", "spec.asNumber: 64512 -> 65546");

    Files.writeString(config, YAML);
    JsonNode show = M.readTree(cli.run("bgp", "show", "-o", "json").out());
    assertThat(show.get("asNumber").asLong()).isEqualTo(64512);
    assertThat(show.get("nodeToNodeMeshEnabled").asBoolean()).isFalse();
    assertThat(show.get("peers")).extracting(p -> p.get("name").asText()).containsExactly("rr-10-3-252-8", "rr-10-3-252-9");
    assertThat(show.at("/routeReflectors/0/calicoNode").isNull()).isTrue();
    assertThat(show.at("/routeReflectors/0/protocols")).extracting(p -> p.get("name").asText())
        .containsExactly("Global_10_3_0_5", "Mesh_10_3_252_9", "Core_10_3_0_1");
    CliHarness.Run text = cli.run("bgp", "show");
    assertThat(text.code()).isZero();
    assertThat(text.out()).contains("node-to-node mesh disabled", "rr-10-3-252-8  global", "standalone route reflector", "Global_10_3_0_5");
  }

  @Test
  void renderRrPeersWithTheCalicoNodesBgpAddressAndCheckReportsAHostIpThatDiffers() throws Exception {
    cli.run("allocate", "node-a", "--host-ip", "10.3.0.5");
    CalicoNodes.register(home, "node-a", "10.3.1.5/24"); // calico-node autodetected another interface
    assertThat(cli.run("allocate", "node-a").code()).isZero();
    assertThat(cli.run("bgp", "apply").code()).isZero();
    Path rrPw = Files.writeString(home.resolve("rr.pw"), "s3cret");
    Path corePw = Files.writeString(home.resolve("core.pw"), "c0re");
    CliHarness.Run render = cli.run("bgp", "render-rr", "--rr", "rr-1", "--password-file", "bgp/rr=" + rrPw, "--password-file", "bgp/core=" + corePw);
    assertThat(render.code()).as(render.toString()).isZero();
    assertThat(render.out()).contains("protocol bgp Global_10_3_1_5 from netctl_client", "neighbor 10.3.1.5 as 64512;").doesNotContain("10.3.0.5");
    JsonNode check = M.readTree(cli.run("check", "--scope", "config", "--format", "json").out());
    assertThat(check.get("findings")).extracting(f -> f.get("code").asText() + " " + f.get("subject").asText())
        .contains("rr-neighbor-address-mismatch node-a");

    CliHarness.Run fix = cli.run("allocate", "node-a", "--host-ip", "10.3.1.5", "--update-host-ip");
    assertThat(fix.code()).as(fix.toString()).isZero();
    JsonNode after = M.readTree(cli.run("check", "--scope", "config", "--format", "json").out());
    assertThat(after.get("findings")).extracting(f -> f.get("code").asText()).doesNotContain("rr-neighbor-address-mismatch");
  }

  /** netctl.yaml's bfd reaches render-rr: a multihop protocol bfd and bfd on for the clients; without it, no BFD. */
  @Test
  void renderRrWithBfdInNetctlYaml() throws Exception {
    cli.run("allocate", "node-a", "--host-ip", "10.3.0.5");
    Path rrPw = Files.writeString(home.resolve("rr.pw"), "s3cret");
    Path corePw = Files.writeString(home.resolve("core.pw"), "c0re");
    String[] render = {"bgp", "render-rr", "--rr", "rr-1", "--password-file", "bgp/rr=" + rrPw, "--password-file", "bgp/core=" + corePw};
    assertThat(cli.run(render).out()).doesNotContain("bfd");
    Files.writeString(config, YAML + "bfd: {enabled: true, interval: 250ms, multiplier: 4}\n");
    CliHarness.Run on = cli.run(render);
    assertThat(on.code()).as(on.toString()).isZero();
    assertThat(on.out()).contains("protocol bfd {\n  multihop {\n    min rx interval 250 ms;\n    min tx interval 250 ms;\n    multiplier 4;\n  };\n}",
        "  bfd on;\n}");
    Files.writeString(config, YAML + "bfd: {interval: 20s}\n");
    CliHarness.Run bad = cli.run(render);
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err().strip()).isEqualTo("netctl: " + config + ":8: bfd.interval 20000 ms: must be between 10 ms and 10 s");
  }

  @Test
  void renderRrNeedsEveryPasswordAndAKnownReflector() throws Exception {
    cli.run("allocate", "node-a", "--host-ip", "10.3.0.5");
    Path rrPw = Files.writeString(home.resolve("rr.pw"), "s3cret");
    Path withNewline = Files.writeString(home.resolve("nl.pw"), "s3cret\n");
    Path corePw = Files.writeString(home.resolve("core.pw"), "c0re");
    CliHarness.Run ok = cli.run("bgp", "render-rr", "--rr", "rr-1", "--password-file", "bgp/rr=" + rrPw, "--password-file", "bgp/core=" + corePw);
    assertThat(ok.code()).as(ok.toString()).isZero();
    assertThat(ok.out()).contains("router id 10.3.252.8;", "protocol bgp Global_10_3_0_5 from netctl_client", "password \"s3cret\";", "password \"c0re\";");

    byte[] before = storeBytes();
    for (String[] args : new String[][] {
        {"bgp", "render-rr", "--rr", "rr-9"},
        {"bgp", "render-rr", "--rr", "rr-1", "--password-file", "bgp/rr=" + rrPw},
        {"bgp", "render-rr", "--rr", "rr-1", "--password-file", "bgp/rr=" + withNewline, "--password-file", "bgp/core=" + corePw},
        {"bgp", "render-rr", "--rr", "rr-1", "--password-file", "rr=" + rrPw},
        {"bgp", "render-rr", "--rr", "rr-1", "--password-file", "bgp/other=" + rrPw},
        {"bgp", "render-rr", "--rr", "rr-1", "--password-file", "bgp/rr=" + home.resolve("missing"), "--password-file", "bgp/core=" + corePw},
        {"bgp", "render-rr"},
    }) {
      CliHarness.Run r = cli.run(args);
      assertThat(r.code()).as(r.toString()).isEqualTo(2);
      assertThat(r.errLines()).as(r.toString()).hasSize(1);
      assertThat(r.out()).isEmpty();
    }
    assertThat(storeBytes()).isEqualTo(before);
    assertThat(storeBytes()).asString().doesNotContain("s3cret").doesNotContain("c0re");
  }

  @Test
  void renderRrRefusesAReflectorThatIsACalicoNode() {
    putForeign(CalicoKeys.NODES + "rr-1", """
        {"kind":"Node","apiVersion":"projectcalico.org/v3","metadata":{"name":"rr-1","uid":"u","creationTimestamp":"2026-01-02T03:04:05Z"},\
        "spec":{"bgp":{"ipv4Address":"10.3.252.8/24"}},"status":{}}""");
    CliHarness.Run r = cli.run("bgp", "render-rr", "--rr", "rr-1");
    assertThat(r.code()).as(r.toString()).isEqualTo(4);
    assertThat(r.err()).contains("calico-node").contains("Node rr-1");
  }

  @Test
  void aForeignPeerWithAnotherAsIsRefusedByPlanAndApplyWritingNothing() throws Exception {
    putForeign(CalicoKeys.BGPPEERS + "hand-made", """
        {"kind":"BGPPeer","apiVersion":"projectcalico.org/v3","metadata":{"name":"hand-made","uid":"u","creationTimestamp":"2026-01-02T03:04:05Z"},\
        "spec":{"peerIP":"10.3.252.8","asNumber":64513}}""");
    putForeign(CalicoKeys.BGPPEERS + "mystery", """
        {"kind":"BGPPeer","apiVersion":"projectcalico.org/v3","metadata":{"name":"mystery","uid":"u","creationTimestamp":"2026-01-02T03:04:05Z"},\
        "spec":{"peerIP":"10.9.9.9","asNumber":64512}}""");
    byte[] before = storeBytes();
    CliHarness.Run apply = cli.run("bgp", "apply");
    assertThat(apply.code()).as(apply.toString()).isEqualTo(4);
    assertThat(apply.errLines()).hasSize(2);
    assertThat(apply.errLines()[0]).startsWith("netctl: refused: BGPPeer hand-made (peerIP 10.3.252.8) has asNumber 64513");
    assertThat(apply.errLines()[1]).startsWith("netctl: refused: BGPPeer mystery (peerIP 10.9.9.9) peers with 10.9.9.9");
    assertThat(storeBytes()).as("nothing written").isEqualTo(before);
    CliHarness.Run plan = cli.run("bgp", "plan", "-o", "json");
    assertThat(plan.code()).isEqualTo(4);
    assertThat(M.readTree(plan.out()).get("refusals")).extracting(r -> r.get("code").asText()).containsExactly("NON_UNIFORM_AS", "UNKNOWN_PEER");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "malformed YAML        | 'routeReflectors:\\n  - {name: rr-1, ip: 10.3.252.8\\n'                                             | netctl.yaml:3: malformed YAML",
    "duplicate RR IPs      | 'routeReflectors:\\n  - {name: rr-1, ip: 10.3.252.8, clusterId: 1.0.0.1}\\n  - {name: rr-2, ip: 10.3.252.8, clusterId: 1.0.0.1}\\n' | netctl.yaml:3: duplicate IP 10.3.252.8 (first at line 2)",
    "AS 0                  | 'asNumber: 0\\n'                                                                                        | netctl.yaml:1: asNumber 0: out of range",
    "AS 4294967296         | 'asNumber: 4294967296\\n'                                                                               | netctl.yaml:1: asNumber 4294967296: out of range",
    "AS abc                | 'asNumber: \"abc\"\\n'                                                                                  | netctl.yaml:1: asNumber \"abc\": not an AS number",
    "cluster id 1.0.0      | 'routeReflectors:\\n  - {name: rr-1, ip: 10.3.252.8, clusterId: 1.0.0}\\n'                              | netctl.yaml:2: routeReflectors[rr-1].clusterId \"1.0.0\": a cluster id is a dotted quad",
    "unknown top key       | 'routeReflector:\\n  - {name: rr-1, ip: 10.3.252.8, clusterId: 1.0.0.1}\\n'                             | netctl.yaml:1: unknown key \"routeReflector\" in the top level",
    "unknown RR key        | 'routeReflectors:\\n  - {name: rr-1, ip: 10.3.252.8, clusterID: 1.0.0.1}\\n'                            | netctl.yaml:2: unknown key \"clusterID\" in a route reflector",
    "mesh not a bool       | 'nodeToNodeMesh: off-ish\\n'                                                                            | netctl.yaml:1: nodeToNodeMesh \"off-ish\": must be true or false",
    "bad label             | 'routeReflectors:\\n  - {name: rr-1, ip: 10.3.252.8, clusterId: 1.0.0.1, labels: {\"a b\": x}}\\n'      | netctl.yaml:2: routeReflectors[rr-1].labels: invalid label key \"a b\"",
    "bad secret name       | 'bgpPassword: {secretKeyRef: {name: Bad_Name, key: k}}\\n'                                               | netctl.yaml:1: bgpPassword.secretKeyRef.name \"Bad_Name\"",
    "RR IP equals a switch | 'routeReflectors:\\n  - {name: rr-1, ip: 10.3.252.8, clusterId: 1.0.0.1}\\ncoreSwitches:\\n  - {name: c1, ip: 10.3.252.8}\\n' | netctl.yaml:4: duplicate IP 10.3.252.8",
  })
  void badNetctlYamlIsOneLineNamingFieldAndLineAndWritesNothing(String what, String yaml, String expected) throws Exception {
    cli.run("allocate", "seed");
    byte[] before = storeBytes();
    Files.writeString(config, yaml.replace("\\n", "\n"));
    for (String cmd : new String[] {"plan", "apply", "show"}) {
      CliHarness.Run r = cli.run("bgp", cmd, "--config", config.toString());
      assertThat(r.code()).as(what + " " + cmd + ": " + r).isEqualTo(2);
      assertThat(r.errLines()).as(r.toString()).hasSize(1);
      assertThat(r.err()).as(r.toString()).contains(config + ":" + expected.strip().substring("netctl.yaml:".length()));
      assertThat(r.out()).isEmpty();
    }
    assertThat(storeBytes()).isEqualTo(before);
  }
}
