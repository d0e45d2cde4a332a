package io.netctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** netctl validate on change files, from a snapshot and from the live (file) store, which it never writes. */
class ValidateCommandTest {
  static final ObjectMapper M = new ObjectMapper();
  @TempDir Path home;
  CliHarness cli;
  Path conf;
  Path snapshot;

  @BeforeEach
  void network() throws Exception {
    cli = new CliHarness(home);
    conf = home.resolve("netctl.yaml");
    Files.writeString(conf, """
        ranges: [10.3.240.0/26]
        routeReflectors:
          - {name: rr-1, ip: 10.3.252.8, clusterId: 1.0.0.1}
        directors:
          - {name: lvs-1, ip: 10.3.214.10}
        """);
    CalicoNodes.register(home, "node-a", "10.3.0.1/24");
    assertThat(cli.run("allocate", "node-a", "--host-ip", "10.3.0.1", "-c", conf.toString()).code()).isZero();
    assertThat(cli.run("bgp", "apply", "-c", conf.toString()).code()).isZero();
    snapshot = home.resolve("state.json");
    CliHarness.Run export = cli.run("snapshot", "export");
    assertThat(export.code()).isZero();
    Files.writeString(snapshot, export.out());
  }

  Path change(String yaml) throws Exception {
    Path p = Files.createTempFile(home, "change", ".yaml");
    Files.writeString(p, yaml);
    return p;
  }

  List<String> codes(String json) throws Exception {
    List<String> out = new ArrayList<>();
    M.readTree(json).get("report").get("findings").forEach(f -> out.add(f.get("code").asText()));
    return out;
  }

  @Test
  void aGoodChangePassesAndPrintsItsPlan() throws Exception {
    byte[] storeBefore = Files.readAllBytes(home.resolve("netctl/store.json"));
    Path c = change("""
        changes:
          - allocate: {node: node-b, hostIp: 10.3.0.2}
          - addRouteReflector: {name: rr-2, ip: 10.3.252.9, clusterId: 1.0.0.1}
        """);
    CliHarness.Run r = cli.run("validate", "--change", c.toString(), "-c", conf.toString());
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("allocate node-b: 10.3.240.32/27 for host 10.3.0.2")
        .contains("add route reflector rr-2").contains("bgp apply: create BGPPeer rr-10-3-252-9")
        .contains("director lvs-1: + route 10.3.240.32/27 via 10.3.0.2").contains("OK: 0 errors");
    assertThat(Files.readAllBytes(home.resolve("netctl/store.json"))).as("the live store is never written").isEqualTo(storeBefore);
    CliHarness.Run json = cli.run("validate", "--change", c.toString(), "--snapshot", snapshot.toString(), "-c", conf.toString(), "--format", "json");
    assertThat(json.code()).isZero();
    JsonNode j = M.readTree(json.out());
    assertThat(j.get("plan")).anyMatch(l -> l.asText().startsWith("allocate node-b"));
    assertThat(j.get("report").get("summary").get("errors").asInt()).isZero();
  }

  @Test
  void allocatingPastExhaustionFails() throws Exception {
    Path c = change("changes:\n  - allocate: {node: node-b}\n  - allocate: {node: node-c}\n");
    CliHarness.Run r = cli.run("validate", "--change", c.toString(), "--snapshot", snapshot.toString(), "-c", conf.toString(), "--format", "json");
    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(codes(r.out())).contains("ranges-exhausted");
  }

  @Test
  void anOverlappingRangeFails() throws Exception {
    Path c = change("changes:\n  - setRanges: [10.3.240.0/26, 10.3.240.32/27]\n");
    CliHarness.Run r = cli.run("validate", "--change", c.toString(), "--snapshot", snapshot.toString(), "-c", conf.toString(), "--format", "json");
    assertThat(r.code()).isEqualTo(1);
    assertThat(codes(r.out())).containsExactly("ranges-invalid");
  }

  @Test
  void aSecondAsFails() throws Exception {
    // a Calico Node that carries the AS explicitly (calico-node's AS setting) keeps the old one
    Path withNode = home.resolve("with-node.json");
    JsonNode snap = M.readTree(Files.readString(snapshot));
    String node = "{\"kind\":\"Node\",\"apiVersion\":\"projectcalico.org/v3\",\"metadata\":{\"name\":\"node-a\",\"uid\":\"u\",\"creationTimestamp\":\"2026-01-01T00:00:00Z\"},"
        + "\"spec\":{\"bgp\":{\"ipv4Address\":\"10.3.0.1/24\",\"asNumber\":64512}},\"status\":{}}";
    var kvs = (com.fasterxml.jackson.databind.node.ArrayNode) snap.get("kvs");
    kvs.addObject().put("key", "/calico/resources/v3/projectcalico.org/nodes/node-a").put("value", node)
        .put("createRevision", 1).put("modRevision", 1).put("version", 1);
    Files.writeString(withNode, M.writeValueAsString(snap));
    Path c = change("changes:\n  - setAsNumber: 64513\n");
    CliHarness.Run r = cli.run("validate", "--change", c.toString(), "--snapshot", withNode.toString(), "-c", conf.toString(), "--format", "json");
    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(codes(r.out())).contains("as-not-uniform", "as-changed");
  }

  @Test
  void removingTheLastRouteReflectorFails() throws Exception {
    Path c = change("changes:\n  - removeRouteReflector: {name: rr-1}\n");
    CliHarness.Run r = cli.run("validate", "--change", c.toString(), "--snapshot", snapshot.toString(), "-c", conf.toString(), "--format", "json");
    assertThat(r.code()).isEqualTo(1);
    assertThat(codes(r.out())).contains("no-route-reflector");
  }

  @Test
  void junitReportGoesToTheReportFile() throws Exception {
    Path c = change("changes:\n  - removeRouteReflector: {name: rr-1}\n");
    Path out = home.resolve("report.xml");
    CliHarness.Run r = cli.run("validate", "--change", c.toString(), "--snapshot", snapshot.toString(), "-c", conf.toString(),
        "--format", "junit", "--report-file", out.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(Files.readString(out)).startsWith("<?xml").contains("<failure type=\"no-route-reflector\"");
    assertThat(r.err()).contains("FAIL: ").contains(out.toString());
    assertThat(r.out()).isEmpty();

    Path yaml = home.resolve("report.yaml");
    CliHarness.Run y = cli.run("-o", "yaml", "validate", "--change", c.toString(), "--snapshot", snapshot.toString(), "-c", conf.toString(),
        "--report-file", yaml.toString());
    assertThat(y.code()).as(y.toString()).isEqualTo(1);
    assertThat(Files.readString(yaml)).startsWith("plan:").contains("  findings:").contains("code: no-route-reflector");
    assertThat(y.out()).isEmpty();
  }

  @Test
  void htmlShowsTheNetworkAfterTheChange() throws Exception {
    Path c = change("changes:\n  - removeRouteReflector: {name: rr-1}\n");
    CliHarness.Run r = cli.run("validate", "--change", c.toString(), "--snapshot", snapshot.toString(), "-c", conf.toString(), "--format", "html");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).startsWith("<!DOCTYPE html>").contains("<tr data-code=\"no-route-reflector\"").contains("FAIL: ");
  }

  @Test
  void badInputsAreOneLineWithTheirExitCode() throws Exception {
    CliHarness.Run missingSnapshot = cli.run("validate", "--change", change("changes: []\n").toString(), "--snapshot", home.resolve("nope.json").toString());
    assertThat(missingSnapshot.code()).isEqualTo(2);
    assertThat(missingSnapshot.errLines()).hasSize(1);
    assertThat(missingSnapshot.err()).contains("nope.json").contains("snapshot export");

    Path notSnapshot = home.resolve("not.json");
    Files.writeString(notSnapshot, "{\"hello\":1}");
    CliHarness.Run foreign = cli.run("validate", "--change", change("changes: []\n").toString(), "--snapshot", notSnapshot.toString());
    assertThat(foreign.code()).isEqualTo(2);
    assertThat(foreign.err()).contains("not a netctl snapshot");

    for (String bad : List.of(
        "changes:\n  - alocate: {node: x}\n",
        "changes:\n  - allocate: {node: Bad_Name}\n",
        "changes:\n  - allocate: {node: x, hostIp: 10.3.0}\n",
        "changes:\n  - setRanges: [banana]\n",
        "changes:\n  - addRouteReflector: {name: rr-9, ip: 10.3.252.9, clusterId: 1.0.0}\n",
        "changes: [\n",
        "changes: nothing\n",
        "something: else\n")) {
      CliHarness.Run r = cli.run("validate", "--change", change(bad).toString(), "--snapshot", snapshot.toString());
      assertThat(r.code()).as(bad + "\n" + r).isEqualTo(2);
      assertThat(r.errLines()).as(bad).hasSize(1);
      assertThat(r.err()).as(bad).containsPattern("change[0-9]+\\.yaml:\\d+");
    }
    CliHarness.Run noFile = cli.run("validate", "--change", home.resolve("none.yaml").toString());
    assertThat(noFile.code()).isEqualTo(2);
    assertThat(noFile.err()).contains("no such file");
  }
}
