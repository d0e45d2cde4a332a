package io.netctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netctl.cli.controller.MutableClock;
import io.netctl.ipam.store.EtcdSettings;
import io.netctl.ipam.store.EtcdStore;
import io.netctl.lab.EtcdExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The allocation history on a real etcd answers who held a pool, also after etcd compacted its revisions away. */
class HistoryEtcdIT {
  @RegisterExtension static EtcdExtension etcd = new EtcdExtension(1);
  static final Instant T0 = Instant.parse("2026-11-24T14:00:00Z");
  @TempDir Path home;

  @Test
  void whoAnswersAfterAnEtcdCompaction() throws Exception {
    MutableClock clock = new MutableClock(T0);
    CliHarness cli = new CliHarness(home).clock(clock).env("ETCD_ENDPOINTS", etcd.cluster().endpointsFlag());
    assertThat(cli.run("allocate", "node-a", "--host-ip", "10.3.0.5").code()).isZero();
    clock.advance(Duration.ofHours(1));
    assertThat(cli.run("release", "node-a").code()).isZero();
    clock.advance(Duration.ofHours(1));
    assertThat(cli.run("allocate", "node-b", "--host-ip", "10.3.0.6").code()).isZero();

    long revision;
    try (EtcdStore store = new EtcdStore(EtcdSettings.plain(etcd.cluster().endpoints()))) {
      revision = store.range("/").revision();
    }
    Process p = new ProcessBuilder("etcdctl", "--endpoints=" + etcd.cluster().endpointsFlag(), "compact", Long.toString(revision))
        .redirectErrorStream(true).start();
    try {
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("etcdctl compact finished").isTrue();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.exitValue()).as(out).isZero();
      assertThat(out).contains("compacted revision " + revision);
    } finally {
      p.destroyForcibly();
    }

    CliHarness.Run then = cli.run("who", "10.3.240.7", "--at", "2026-11-24T14:30:00Z");
    assertThat(then.code()).as(then.toString()).isZero();
    assertThat(then.out()).contains("node-a").contains("10.3.0.5");
    assertThat(cli.run("who", "10.3.240.7", "--at", "2026-11-24T15:30:00Z").code()).isEqualTo(4);
    assertThat(cli.run("who", "10.3.240.7", "--at", "now").out()).contains("node-b");
    assertThat(cli.run("history", "10.3.240.0/27").out()).contains("node-a").contains("node-b");

    // a year on, netctl's own compaction merges node-a's span into the pool's record: the same answers
    clock.advance(Duration.ofDays(400));
    CliHarness.Run compact = cli.run("history", "--compact");
    assertThat(compact.code()).as(compact.toString()).isZero();
    assertThat(compact.out()).contains("merged 2 entries (1 span");
    assertThat(cli.run("who", "10.3.240.7", "--at", "2026-11-24T14:30:00Z").out()).contains("node-a").contains("10.3.0.5");
    assertThat(cli.run("who", "10.3.240.7", "--at", "now").out()).contains("node-b");
  }
}
