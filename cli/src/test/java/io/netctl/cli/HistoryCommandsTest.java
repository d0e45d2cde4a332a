package io.netctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netctl.cli.controller.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * who and history on the embedded store: allocate node-a, release it, re-allocate the same /27 to
 * node-b; who at times before, between and after, from the store and from a snapshot; bad input.
 */
class HistoryCommandsTest {
  static final ObjectMapper M = new ObjectMapper();
  static final Instant T0 = Instant.parse("2026-11-24T14:00:00Z");
  @TempDir Path home;
  final MutableClock clock = new MutableClock(T0);
  CliHarness cli;

  @BeforeEach
  void allocateReleaseReallocate() {
    cli = new CliHarness(home).clock(clock);
    assertThat(cli.run("allocate", "node-a", "--host-ip", "10.3.0.5").code()).isZero();
    clock.advance(Duration.ofHours(1));
    assertThat(cli.run("release", "node-a").code()).isZero();
    clock.advance(Duration.ofHours(1));
    assertThat(cli.run("allocate", "node-b", "--host-ip", "10.3.0.6").code()).isZero();
    clock.advance(Duration.ofHours(1)); // now T0 + 3h
  }

  byte[] store() throws IOException {
    return Files.readAllBytes(home.resolve("netctl/store.json"));
  }

  @Test
  void whoAnswersBeforeBetweenAndAfter() throws Exception {
    CliHarness.Run before = cli.run("who", "10.3.240.7", "--at", "2026-11-24T13:59:59Z");
    assertThat(before.code()).as(before.toString()).isEqualTo(4);
    assertThat(before.errLines()).singleElement().asString().startsWith("netctl: no node held 10.3.240.7 at 2026-11-24T13:59:59Z");

    CliHarness.Run during = cli.run("who", "10.3.240.7", "--at", "2026-11-24T15:30:00+01:00", "-o", "json");
    assertThat(during.code()).as(during.toString()).isZero();
    JsonNode a = M.readTree(during.out()).get(0);
    assertThat(a.get("cidr").asText()).isEqualTo("10.3.240.0/27");
    assertThat(a.get("node").asText()).isEqualTo("node-a");
    assertThat(a.get("hostIp").asText()).isEqualTo("10.3.0.5");
    assertThat(a.get("from").asText()).isEqualTo("2026-11-24T14:00:00Z");
    assertThat(a.get("to").asText()).isEqualTo("2026-11-24T15:00:00Z");

    assertThat(cli.run("who", "10.3.240.7", "--at", "90m ago").code()).as("between: released, not re-allocated").isEqualTo(4);
    assertThat(cli.run("who", "10.3.240.7", "--at", "150m ago").out()).contains("node-a").contains("10.3.0.5");

    CliHarness.Run now = cli.run("who", "10.3.240.0/27", "-o", "json");
    JsonNode b = M.readTree(now.out()).get(0);
    assertThat(b.get("node").asText()).isEqualTo("node-b");
    assertThat(b.get("hostIp").asText()).isEqualTo("10.3.0.6");
    assertThat(b.get("to").isNull()).as("held").isTrue();
    assertThat(cli.run("who", "10.3.240.7").out()).startsWith("10.3.240.7 at 2026-11-24T17:00:00Z: node-b (pool 10.3.240.0/27, host IP 10.3.0.6");
  }

  @Test
  void historyListsTheSpansOfANodeOrAPool() throws Exception {
    JsonNode pool = M.readTree(cli.run("history", "10.3.240.0/27", "-o", "json").out());
    assertThat(pool).hasSize(2);
    assertThat(pool.get(0).get("node").asText()).isEqualTo("node-a");
    assertThat(pool.get(1).get("node").asText()).isEqualTo("node-b");
    JsonNode a = M.readTree(cli.run("history", "node-a", "-o", "json").out());
    assertThat(a).hasSize(1);
    assertThat(a.get(0).get("to").asText()).isEqualTo("2026-11-24T15:00:00Z");
    assertThat(cli.run("history", "node-b").out()).contains("CIDR").contains("node-b").contains("(held)");
  }

  @Test
  void aSnapshotCarriesTheHistory() throws Exception {
    Path snap = home.resolve("snap.json");
    Files.writeString(snap, cli.run("snapshot", "export").out());
    cli.run("release", "node-b", "--force");
    CliHarness.Run fromSnap = cli.run("who", "10.3.240.7", "--at", "2026-11-24T14:30:00Z", "--snapshot", snap.toString());
    assertThat(fromSnap.code()).as(fromSnap.toString()).isZero();
    assertThat(fromSnap.out()).contains("node-a");
    assertThat(cli.run("who", "10.3.240.7", "--snapshot", snap.toString()).out()).contains("node-b");
  }

  @Test
  void compactionMergesOldSpansAndEveryAnswerStays() throws Exception {
    String before = cli.run("history", "10.3.240.0/27", "-o", "json").out();
    clock.advance(Duration.ofDays(400));
    CliHarness.Run c = cli.run("history", "--compact");
    assertThat(c.code()).as(c.toString()).isZero();
    assertThat(c.out()).contains("history: merged 2 entries (1 span that ended before 2026-12-29T17:00:00Z) into the span records of 1 pool; 1 entry kept");
    java.util.List<String> keys = new java.util.ArrayList<>();
    M.readTree(store()).get("kvs").forEach(kv -> keys.add(kv.get("key").asText()));
    assertThat(keys.stream().filter(k -> k.startsWith("/netctl/history/"))).as("node-a's entries merged into the pool's record")
        .containsExactly("/netctl/history/v1/10.3.240.0-27/01795536000000000000-node-b", "/netctl/history/v1/10.3.240.0-27/spans");
    assertThat(cli.run("history", "10.3.240.0/27", "-o", "json").out()).as("the same spans from a record and one entry").isEqualTo(before);
    assertThat(cli.run("who", "10.3.240.7", "--at", "2026-11-24T14:30:00Z").out()).contains("node-a");
    assertThat(cli.run("who", "10.3.240.7").out()).contains("node-b");
    assertThat(cli.run("history", "--compact").out()).as("nothing more to merge").contains("merged 0 entries");
  }

  @Test
  void badInputIsOneLineAndWritesNothing() throws Exception {
    byte[] before = store();
    record Row(int code, String err, String[] args) {}
    Row[] rows = {
        new Row(2, "netctl: 10.9.9.9 is outside the container ranges (10.3.240.0/21, 10.3.216.0/21)", new String[] {"who", "10.9.9.9"}),
        new Row(2, "netctl: \"pod-7\" is no IPv4 address or CIDR", new String[] {"who", "pod-7"}),
        new Row(2, "netctl: --at \"last tuesday\": not a time; use RFC 3339", new String[] {"who", "10.3.240.7", "--at", "last tuesday"}),
        new Row(2, "netctl: --at \"99999999d ago\": at most ten years ago", new String[] {"who", "10.3.240.7", "--at", "99999999d ago"}),
        new Row(4, "netctl: node-q has no allocation history", new String[] {"history", "node-q"}),
        new Row(2, "netctl: ", new String[] {"history", "Node_Q"}),
        new Row(2, "netctl: history takes NODE|CIDR, or --compact", new String[] {"history"}),
        new Row(2, "netctl: history takes NODE|CIDR, or --compact", new String[] {"history", "node-a", "--compact"}),
    };
    for (Row row : rows) {
      CliHarness.Run r = cli.run(row.args());
      assertThat(r.code()).as(r.toString()).isEqualTo(row.code());
      assertThat(r.errLines()).as(r.toString()).singleElement().asString().startsWith(row.err());
    }
    assertThat(store()).as("nothing written").isEqualTo(before);
  }
}
