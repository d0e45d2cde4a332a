package io.netctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netctl.lab.EtcdCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** allocate, release, show and pools on the embedded store, and every bad input a new user might type. */
class IpamCommandsTest {
  static final ObjectMapper M = new ObjectMapper();
  @TempDir Path home;
  CliHarness cli;
  Path storeFile;

  @BeforeEach
  void setUp() {
    cli = new CliHarness(home);
    storeFile = home.resolve("netctl/store.json");
  }

  byte[] storeBytes() throws IOException {
    return Files.exists(storeFile) ? Files.readAllBytes(storeFile) : new byte[0];
  }

  @Test
  void allocateShowPoolsReleaseRoundTrip() throws Exception {
    CliHarness.Run a = cli.run("allocate", "node-x", "--host-ip", "10.3.0.5", "--output", "json");
    assertThat(a.code()).as(a.toString()).isZero();
    JsonNode j = M.readTree(a.out());
    assertThat(j.get("node").asText()).isEqualTo("node-x");
    assertThat(j.get("cidr").asText()).isEqualTo("10.3.240.0/27");
    assertThat(j.get("hostIp").asText()).isEqualTo("10.3.0.5");
    assertThat(j.get("createdAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    assertThat(j.get("outcome").asText()).isEqualTo("created");

    CliHarness.Run again = cli.run("allocate", "node-x");
    assertThat(again.code()).isZero();
    assertThat(again.out()).contains("10.3.240.0/27").contains("already allocated");

    CliHarness.Run show = cli.run("show", "node-x", "-o", "json");
    assertThat(M.readTree(show.out()).get("cidr").asText()).isEqualTo("10.3.240.0/27");

    cli.run("allocate", "node-y");
    CliHarness.Run pools = cli.run("pools", "--output", "json");
    JsonNode p = M.readTree(pools.out());
    assertThat(p.get("allocations")).hasSize(2);
    assertThat(p.get("ranges").get(0).get("cidr").asText()).isEqualTo("10.3.240.0/21");
    assertThat(p.get("ranges").get(0).get("total").asInt()).isEqualTo(64);
    assertThat(p.get("ranges").get(0).get("used").asInt()).isEqualTo(2);
    assertThat(p.get("ranges").get(0).get("free").asInt()).isEqualTo(62);
    assertThat(p.get("ranges").get(1).get("used").asInt()).isZero();
    CliHarness.Run text = cli.run("pools");
    assertThat(text.out()).contains("node-x").contains("10.3.240.0/27").contains("10.3.0.5").contains("RANGE");

    CliHarness.Run rel = cli.run("release", "node-y");
    assertThat(rel.code()).isZero();
    assertThat(rel.out()).contains("released");
    assertThat(cli.run("show", "node-y").code()).isEqualTo(4);
  }

  @Test
  void poolsShowsTheAddressesInUseOfEachNodesBlock() throws Exception {
    CalicoNodes.register(home, "node-x", "10.3.0.5/24");
    assertThat(cli.run("allocate", "node-x", "--host-ip", "10.3.0.5").code()).isZero();
    assertThat(cli.run("allocate", "node-y").code()).isZero(); // no Calico Node: pending, no block
    try (io.netctl.ipam.store.FileStore s = new io.netctl.ipam.store.FileStore(storeFile)) {
      String key = io.netctl.lab.CalicoBlocks.key("10.3.240.0/27");
      s.commit(io.netctl.ipam.store.Txn.builder().update(s.get(key).orElseThrow(), io.netctl.lab.CalicoBlocks.json("10.3.240.0/27", "node-x", 29)).build());
    }
    JsonNode p = M.readTree(cli.run("pools", "-o", "json").out());
    assertThat(p.get("addresses")).hasSize(2);
    JsonNode x = p.get("addresses").get(0);
    assertThat(x.get("node").asText()).isEqualTo("node-x");
    assertThat(x.get("cidr").asText()).isEqualTo("10.3.240.0/27");
    assertThat(x.get("inUse").asInt()).isEqualTo(29);
    assertThat(x.get("total").asInt()).isEqualTo(32);
    assertThat(x.get("percent").asInt()).isEqualTo(90);
    JsonNode y = p.get("addresses").get(1);
    assertThat(y.get("node").asText()).isEqualTo("node-y");
    assertThat(y.get("inUse").isNull()).isTrue();
    String text = cli.run("pools").out();
    assertThat(text).contains("ADDRESSES IN USE").contains("29/32 (90%)").contains("pending");
    CliHarness.Run check = cli.run("check", "--scope", "config", "-o", "json");
    assertThat(check.out()).contains("\"pool-nearly-full\"").doesNotContain("\"pool-full\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Node-X", "node_x", "-x", "x-", "", "a..b", "nöde", "a b", "x/../y"})
  void invalidNodeNamesAreBadInputAndWriteNothing(String name) throws Exception {
    cli.run("allocate", "seed");
    byte[] before = storeBytes();
    CliHarness.Run r = cli.run("allocate", "--", name); // "--": a name starting with '-' is still a name
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.err()).contains("node name");
    assertThat(storeBytes()).isEqualTo(before);
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.3.0", "10.3.0.5/24", "300.1.1.1", "x", "::1", "127.0.0.1", "10.3.241.9", "224.0.0.5"})
  void badHostIpsAreBadInputAndWriteNothing(String ip) throws Exception {
    cli.run("allocate", "seed");
    byte[] before = storeBytes();
    CliHarness.Run r = cli.run("allocate", "node-x", "--host-ip", ip);
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.errLines()).hasSize(1);
    assertThat(storeBytes()).isEqualTo(before);
  }

  @Test
  void unknownFlagIsOneLineWithASuggestion() {
    CliHarness.Run r = cli.run("allocate", "node-x", "--hostip", "10.3.0.5");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.err()).contains("--hostip").contains("--host-ip");
    assertThat(Files.exists(storeFile)).isFalse();
    CliHarness.Run missing = cli.run("allocate");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.errLines()).hasSize(1);
    CliHarness.Run unknownCommand = cli.run("alocate", "x");
    assertThat(unknownCommand.code()).isEqualTo(2);
    assertThat(unknownCommand.err()).contains("allocate");
  }

  @Test
  void badConfigIsBadInputNamingFileAndLine() throws Exception {
    Path cfg = home.resolve("netctl.yaml");
    Files.writeString(cfg, "asNumber: 64512\nranges:\n  - 10.3.240.0/21\n  - 10.3.244.0/22\n");
    CliHarness.Run r = cli.run("allocate", "node-x", "--config", cfg.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.err()).contains(cfg + ":4:").contains("overlaps");
    Files.writeString(cfg, "ranges: [10.3.240.0/21\n");
    assertThat(cli.run("allocate", "node-x", "--config", cfg.toString()).err()).contains("malformed YAML");
    assertThat(cli.run("allocate", "node-x", "--config", home.resolve("nope.yaml").toString()).err()).contains("no such file");
    assertThat(Files.exists(storeFile)).isFalse();
    // the environment variable is the fallback
    Files.writeString(cfg, "ranges: [192.168.0.0/26]\n");
    CliHarness.Run viaEnv = new CliHarness(home).env("NETCTL_CONFIG", cfg.toString()).run("allocate", "node-x");
    assertThat(viaEnv.out()).contains("192.168.0.0/27");
  }

  @Test
  void corruptStateFileIsReportedAndLeftAlone() throws Exception {
    Files.createDirectories(storeFile.getParent());
    Files.writeString(storeFile, "{\"format\":\"netctl-store\",");
    byte[] before = storeBytes();
    CliHarness.Run r = cli.run("allocate", "node-x");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.err()).contains(storeFile.toString()).contains("corrupt");
    assertThat(storeBytes()).isEqualTo(before);
  }

  @Test
  void unreachableEtcdIsExitThreeWithinItsTimeout() {
    int port = EtcdCluster.freePort();
    CliHarness.Run r = cli.run("allocate", "node-x", "--etcd-endpoints", "http://127.0.0.1:" + port, "--etcd-timeout", "2s");
    assertThat(r.code()).as(r.toString()).isEqualTo(3);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.err()).contains("127.0.0.1:" + port);
    CliHarness.Run viaEnv = new CliHarness(home).env("ETCD_ENDPOINTS", "127.0.0.1:" + port).run("pools", "--etcd-timeout", "1s");
    assertThat(viaEnv.code()).isEqualTo(3);
    assertThat(Files.exists(storeFile)).isFalse();
  }

  @Test
  void badStoreOptionsAreBadInput() {
    assertThat(cli.run("pools", "--etcd-endpoints", "ftp://x:1").code()).isEqualTo(2);
    assertThat(cli.run("pools", "--etcd-endpoints", "http://127.0.0.1:1", "--store", "/tmp/x").code()).isEqualTo(2);
    assertThat(cli.run("pools", "--etcd-cacert", "/nonexistent").code()).isEqualTo(2);
    CliHarness.Run tls = cli.run("pools", "--etcd-endpoints", "https://127.0.0.1:1", "--etcd-cacert", "/nonexistent/ca.pem");
    assertThat(tls.code()).isEqualTo(2);
    assertThat(tls.err()).contains("/nonexistent/ca.pem");
    assertThat(cli.run("pools", "--etcd-timeout", "soon").code()).isEqualTo(2);
  }

  @Test
  void exhaustionIsExitFourNamingTheRanges() throws Exception {
    Path cfg = home.resolve("small.yaml");
    Files.writeString(cfg, "ranges: [10.3.240.0/27]\n");
    assertThat(cli.run("allocate", "a", "-c", cfg.toString()).code()).isZero();
    byte[] before = storeBytes();
    CliHarness.Run r = cli.run("allocate", "b", "-c", cfg.toString());
    assertThat(r.code()).isEqualTo(4);
    assertThat(r.err()).contains("10.3.240.0/27").contains("1 of 1 in use");
    assertThat(storeBytes()).isEqualTo(before);
  }

  @Test
  void helpShowsTheExitCodes() {
    for (List<String> args : List.of(List.of("--help"), List.of("allocate", "--help"), List.of("release", "--help"))) {
      CliHarness.Run r = cli.run(args.toArray(String[]::new));
      assertThat(r.code()).isZero();
      assertThat(r.out()).contains("Exit codes:").contains("3  datastore or peer unreachable");
    }
    assertThat(cli.run("--version").out()).contains("netctl");
    assertThat(Arrays.asList(cli.run("--help").out().split("\n"))).anyMatch(l -> l.contains("allocate"));
  }
}
