package io.netctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input to the lvs commands, as a new user would type it: one line, exit 2, nothing written, before any route is read. */
class LvsCommandsTest {
  @TempDir Path home;
  CliHarness cli;
  Path config;

  @BeforeEach
  void setUp() throws IOException {
    cli = new CliHarness(home);
    config = home.resolve("netctl.yaml");
    Files.writeString(config, "directors:\n  - {name: lvs-int-1, ip: 10.3.214.10, group: internal}\n  - {name: lvs-ext-1, ip: 10.3.214.11, group: external}\n");
  }

  static void oneLineError(CliHarness.Run r, int code, String message) {
    assertThat(r.code()).as(r.toString()).isEqualTo(code);
    assertThat(r.errLines()).as(r.toString()).containsExactly(message);
    assertThat(r.out()).isEmpty();
  }

  @Test
  void unknownDirectorNamesTheConfiguredOnes() {
    for (String cmd : new String[] {"plan", "sync"}) {
      oneLineError(cli.run("lvs", cmd, "--director", "lvs-nope", "-c", config.toString()), 2,
          "netctl: unknown director \"lvs-nope\": " + config + " lists lvs-int-1, lvs-ext-1");
    }
    oneLineError(cli.run("lvs", "plan", "--director", "lvs-int-1"), 2,
        "netctl: unknown director \"lvs-int-1\": no directors are configured in built-in defaults (add a directors: list to netctl.yaml)");
    assertThat(Files.exists(home.resolve("netctl/store.json"))).isFalse();
  }

  @Test
  void directorIsRequired() {
    CliHarness.Run r = cli.run("lvs", "plan");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.errLines()).singleElement().asString().contains("Missing required option: '--director=NAME'");
  }

  @Test
  void malformedOrMissingIpvsadmListing() throws IOException {
    Path bad = home.resolve("ipvs.txt");
    Files.writeString(bad, "IP Virtual Server version 1.2.1 (size=4096)\nTCP  10.3.214.100:80 rr\n  -> 10.3.240.5:8080  FullNat  1  0\n");
    oneLineError(cli.run("lvs", "coverage", "--director", "lvs-int-1", "-c", config.toString(), bad.toString()), 2,
        "netctl: " + bad + ":3: not a line of ipvsadm -Ln output: \"-> 10.3.240.5:8080  FullNat  1  0\"");
    oneLineError(cli.run("lvs", "coverage", "--director", "lvs-int-1", "-c", config.toString(), home.resolve("none.txt").toString()), 2,
        "netctl: " + home.resolve("none.txt") + ": no such file");
    oneLineError(cli.stdin("TCP  web:http rr\n").run("lvs", "coverage", "--director", "lvs-int-1", "-c", config.toString(), "-"), 2,
        "netctl: stdin:1: virtual service address \"web:http\" is not IP:PORT (use ipvsadm -Ln: numeric): \"TCP  web:http rr\"");
  }

  @Test
  void conflictingOrInvalidSyncFlags() {
    oneLineError(cli.run("lvs", "sync", "--director", "lvs-int-1", "-c", config.toString(), "--watch", "--dry-run"), 2,
        "netctl: --watch and --dry-run exclude each other");
    oneLineError(cli.run("lvs", "sync", "--director", "lvs-int-1", "-c", config.toString(), "--watch", "--resync", "500ms"), 2,
        "netctl: --resync 500ms: must be between 1s and 1d");
    oneLineError(cli.run("lvs", "plan", "--director", "lvs-int-1", "-c", config.toString(), "--netns", "a b"), 2,
        "netctl: invalid network namespace name \"a b\"");
  }

  @Test
  void helpDocumentsExitCodesAndTheProtocol() {
    CliHarness.Run r = cli.run("lvs", "sync", "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("proto 76").contains("--fix-sysctl").contains("--watch").contains("Exit codes:");
    assertThat(cli.run("lvs", "--help").out()).contains("plan").contains("sync").contains("coverage");
  }
}
