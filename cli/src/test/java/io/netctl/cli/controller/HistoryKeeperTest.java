package io.netctl.cli.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.netctl.ipam.AllocationHistory;
import io.netctl.ipam.Allocator;
import io.netctl.ipam.HistoryCompaction;
import io.netctl.ipam.IpamConfig;
import io.netctl.ipam.NetctlKeys;
import io.netctl.ipam.store.MemoryStore;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The controller's daily history compaction: only while leading, only what ended before --history-keep, never with 0. */
class HistoryKeeperTest {
  final MutableClock clock = new MutableClock(Instant.parse("2025-11-01T10:00:00Z"));
  final MemoryStore store = new MemoryStore();
  final AtomicBoolean leading = new AtomicBoolean(false);

  @Test
  void theLeaderMergesWhatEndedBeforeTheKeepAndAStandbyDoesNothing() {
    Allocator allocator = new Allocator(store, IpamConfig.DEFAULT, clock);
    allocator.allocate("node-a", null, false);
    clock.advance(Duration.ofHours(1));
    allocator.release("node-a", false);
    allocator.allocate("node-b", null, false);
    AllocationHistory before = AllocationHistory.of(store.range(NetctlKeys.HISTORY).kvs());
    HistoryKeeper keeper = new HistoryKeeper(store, clock, Duration.ofDays(365), leading::get);

    clock.advance(Duration.ofDays(364));
    leading.set(true);
    assertThat(keeper.runOnce().merged()).as("nothing ended a year ago yet").isZero();

    clock.advance(Duration.ofDays(2));
    leading.set(false);
    long revision = store.range("/").revision();
    assertThat(keeper.runOnce()).as("a standby does not run").isNull();
    assertThat(store.range("/").revision()).isEqualTo(revision);

    leading.set(true);
    HistoryCompaction.Result r = keeper.runOnce();
    assertThat(r.merged()).as("node-a's allocation and release").isEqualTo(2);
    assertThat(r.kept()).as("node-b's, held").isEqualTo(1);
    assertThat(AllocationHistory.of(store.range(NetctlKeys.HISTORY).kvs()).spans()).isEqualTo(before.spans());
  }

  @Test
  void zeroTurnsItOff() {
    leading.set(true);
    assertThat(new HistoryKeeper(store, clock, Duration.ZERO, leading::get).runOnce()).isNull();
  }
}
