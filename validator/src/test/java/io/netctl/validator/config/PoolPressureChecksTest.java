package io.netctl.validator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import inet.ipaddr.IPAddressString;
import io.netctl.bgp.calico.BgpTopology;
import io.netctl.ipam.Allocator;
import io.netctl.ipam.IpamConfig;
import io.netctl.ipam.PoolUse;
import io.netctl.ipam.store.MemoryStore;
import io.netctl.ipam.store.Txn;
import io.netctl.lab.CalicoBlocks;
import io.netctl.validator.CalicoNodes;
import io.netctl.validator.ClusterState;
import io.netctl.validator.Code;
import io.netctl.validator.ConfigurationCheck;
import io.netctl.validator.Finding;
import io.netctl.validator.Report;
import io.netctl.validator.Severity;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Blocks with 0, 16, 29 and 32 of their 32 addresses in use give exactly the expected findings. */
class PoolPressureChecksTest {
  final MemoryStore store = new MemoryStore();

  @BeforeEach
  void fourNodes() {
    Allocator a = new Allocator(store, IpamConfig.DEFAULT, Clock.systemUTC());
    for (int i = 0; i < 4; i++) {
      CalicoNodes.register(store, "node-" + i, "10.3.0." + (i + 1) + "/24");
      a.allocate("node-" + i, new IPAddressString("10.3.0." + (i + 1)).getAddress().toIPv4(), false);
    }
    fill("10.3.240.0/27", "node-0", 0);
    fill("10.3.240.32/27", "node-1", 16);
    fill("10.3.240.64/27", "node-2", 29);
    fill("10.3.240.96/27", "node-3", 32);
  }

  void fill(String cidr, String host, int inUse) {
    assertThat(store.commit(Txn.builder().update(store.get(CalicoBlocks.key(cidr)).orElseThrow(), CalicoBlocks.json(cidr, host, inUse)).build())
        .succeeded()).isTrue();
  }

  List<PoolUse> uses() {
    return PoolUse.of(ClusterState.read(store).ipam());
  }

  @Test
  void theUseOfEachBlockIsCountedFromItsAllocations() {
    assertThat(uses()).extracting(PoolUse::node, PoolUse::cidrText, PoolUse::inUse, PoolUse::total, PoolUse::hasBlock).containsExactly(
        org.assertj.core.groups.Tuple.tuple("node-0", "10.3.240.0/27", 0, 32, true),
        org.assertj.core.groups.Tuple.tuple("node-1", "10.3.240.32/27", 16, 32, true),
        org.assertj.core.groups.Tuple.tuple("node-2", "10.3.240.64/27", 29, 32, true),
        org.assertj.core.groups.Tuple.tuple("node-3", "10.3.240.96/27", 32, 32, true));
  }

  @Test
  void zeroAndSixteenAreQuietTwentyNineIsNearlyFullThirtyTwoIsFull() {
    IpamChecks.Result r = PoolPressureChecks.check(uses(), PoolPressureChecks.DEFAULT_NEARLY_FULL_PERCENT);
    assertThat(r.subjects()).containsExactly("node-0", "node-1", "node-2", "node-3");
    assertThat(r.findings()).hasSize(2);
    Finding nearly = r.findings().get(0);
    assertThat(nearly.code()).isEqualTo(Code.POOL_NEARLY_FULL);
    assertThat(nearly.code().id()).isEqualTo("pool-nearly-full");
    assertThat(nearly.severity()).isEqualTo(Severity.WARNING);
    assertThat(nearly.subject()).isEqualTo("node-2");
    assertThat(nearly.observed()).isEqualTo("29 of 32 addresses of 10.3.240.64/27 in use (90 %)");
    Finding full = r.findings().get(1);
    assertThat(full.code()).isEqualTo(Code.POOL_FULL);
    assertThat(full.code().id()).isEqualTo("pool-full");
    assertThat(full.severity()).isEqualTo(Severity.ERROR);
    assertThat(full.subject()).isEqualTo("node-3");
    assertThat(full.observed()).isEqualTo("32 of 32 addresses of 10.3.240.96/27 in use (100 %)");
  }

  @Test
  void theThresholdIsConfigurable() {
    assertThat(PoolPressureChecks.check(uses(), 50).findings()).extracting(Finding::code, Finding::subject).containsExactly(
        org.assertj.core.groups.Tuple.tuple(Code.POOL_NEARLY_FULL, "node-1"),
        org.assertj.core.groups.Tuple.tuple(Code.POOL_NEARLY_FULL, "node-2"),
        org.assertj.core.groups.Tuple.tuple(Code.POOL_FULL, "node-3"));
    assertThat(PoolPressureChecks.check(uses(), 100).findings()).extracting(Finding::code).containsExactly(Code.POOL_FULL);
    assertThatThrownBy(() -> PoolPressureChecks.check(uses(), 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 1 and 100");
    assertThatThrownBy(() -> PoolPressureChecks.check(uses(), 101)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aPendingAllocationWithoutBlockGivesNothing() {
    Allocator a = new Allocator(store, IpamConfig.DEFAULT, Clock.systemUTC());
    a.allocate("node-pending", null, false);
    PoolUse pending = uses().stream().filter(u -> u.node().equals("node-pending")).findFirst().orElseThrow();
    assertThat(pending.hasBlock()).isFalse();
    assertThat(pending.inUse()).isZero();
    assertThat(PoolPressureChecks.check(List.of(pending), 1).findings()).isEmpty();
  }

  @Test
  void theConfigurationCheckRunsItWithTheIntentsThreshold() {
    Report r = ConfigurationCheck.run(ClusterState.read(store), IpamConfig.DEFAULT, BgpTopology.defaults(), Instant.EPOCH, 90);
    assertThat(r.findings()).filteredOn(f -> f.code() == Code.POOL_NEARLY_FULL || f.code() == Code.POOL_FULL)
        .extracting(Finding::code, Finding::subject).containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(Code.POOL_NEARLY_FULL, "node-2"),
            org.assertj.core.groups.Tuple.tuple(Code.POOL_FULL, "node-3"));
    assertThat(r.checks()).anySatisfy(c -> assertThat(c.name()).isEqualTo("pool-pressure"));
  }
}
