package io.netctl.ipam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv4.IPv4Address;
import io.netctl.ipam.calico.CalicoKeys;
import io.netctl.ipam.calico.CalicoResource;
import io.netctl.ipam.calico.IpPoolSpec;
import io.netctl.ipam.calico.PoolLabel;
import io.netctl.ipam.store.Compare;
import io.netctl.ipam.store.KeyValue;
import io.netctl.ipam.store.MemoryStore;
import io.netctl.ipam.store.Op;
import io.netctl.ipam.store.Range;
import io.netctl.ipam.store.Txn;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The planner on its own: states built in memory, time given, nothing committed unless a test does it. */
class AllocationPlannerTest {
  static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
  static final IpamConfig SMALL = IpamConfig.of(List.of("10.3.240.0/26"), 27); // two pools
  final MemoryStore store = new MemoryStore();
  final AllocationPlanner planner = new AllocationPlanner(SMALL);

  static IPv4Address ip(String s) {
    return new IPAddressString(s).getAddress().toIPv4();
  }

  AllocationPlanner.Planned plan(String node, IPv4Address hostIp, Set<String> unavailable) {
    return planner.planAllocate(AllocationView.read(store, node, hostIp), new AllocationPlanner.Request(node, hostIp, false), 1, unavailable, new Random(1), NOW);
  }

  @Test
  void aPlanIsAFunctionOfTheViewAndWritesNothing() {
    long rev = store.range("/").revision();
    AllocationPlanner.Planned p = plan("node-a", ip("10.3.0.5"), Set.of());
    assertThat(p.outcome()).isEqualTo(Allocator.Outcome.CREATED);
    assertThat(p.newPool()).isEqualTo("10.3.240.0/27");
    assertThat(p.allocation().createdAt()).isEqualTo(NOW);
    assertThat(p.pending()).as("no Calico Node yet").isTrue();
    assertThat(p.txn().ops()).hasSize(5); // record, two indexes, IPPool, history entry
    assertThat(store.range("/").revision()).isEqualTo(rev);
    AllocationPlanner.Planned again = plan("node-a", ip("10.3.0.5"), Set.of());
    assertThat(again.allocation()).isEqualTo(p.allocation());
    assertThat(again.txn().compares()).isEqualTo(p.txn().compares());
    // the same but for the fresh uid of the IPPool it creates (as calicoctl's create gives one)
    assertThat(again.txn().ops()).extracting(Op::key).isEqualTo(p.txn().ops().stream().map(Op::key).toList());
  }

  @Test
  void unavailablePoolsArePassedOverAndWhenNothingElseIsFreeItIsExhaustion() {
    assertThat(plan("node-a", null, Set.of("10.3.240.0/27")).newPool()).isEqualTo("10.3.240.32/27");
    assertThatThrownBy(() -> plan("node-a", null, Set.of("10.3.240.0/27", "10.3.240.32/27")))
        .isInstanceOfSatisfying(RefusedException.class, e -> assertThat(e.reason()).isEqualTo(RefusedException.Reason.EXHAUSTED))
        .hasMessage("no free /27 left in 10.3.240.0/26: 0 of 2 in use by netctl");
  }

  @Test
  void aNodeWithAPoolIsPlannedWithoutANewOne() {
    store.commit(plan("node-a", null, Set.of()).txn());
    AllocationPlanner.Planned again = plan("node-a", null, Set.of());
    assertThat(again.outcome()).isEqualTo(Allocator.Outcome.EXISTING);
    assertThat(again.txn()).isNull();
    assertThat(again.newPool()).isNull();
  }

  @Test
  void aTakenHostIpNamesItsOwnerReadAsJson() {
    // an index value written by another tool, with other spacing than netctl's own
    store.commit(Txn.builder().create(NetctlKeys.hostIp(ip("10.3.0.5")), "{ \"node\" : \"node-x\" }").build());
    assertThatThrownBy(() -> plan("node-a", ip("10.3.0.5"), Set.of()))
        .isInstanceOfSatisfying(RefusedException.class, e -> assertThat(e.reason()).isEqualTo(RefusedException.Reason.HOST_IP_TAKEN))
        .hasMessage("host IP 10.3.0.5 is already recorded for node-x; one host IP per node");
    store.commit(Txn.builder().create(NetctlKeys.hostIp(ip("10.3.0.6")), "not json").build());
    assertThatThrownBy(() -> plan("node-a", ip("10.3.0.6"), Set.of()))
        .hasMessage("host IP 10.3.0.6 is already recorded for another node; one host IP per node");
  }

  @Test
  void aReleasePlanNeedsAnAllocation() {
    IpamState empty = IpamState.of(new Range(List.of(), 1), new Range(List.of(), 1), new Range(List.of(), 1), null);
    assertThatThrownBy(() -> planner.planRelease(empty, "node-z", false, java.time.Instant.EPOCH))
        .isInstanceOfSatisfying(RefusedException.class, e -> assertThat(e.reason()).isEqualTo(RefusedException.Reason.NO_ALLOCATION));
  }

  @Test
  void thePoolsReportComesFromAStateAlreadyReadAndEqualsTheAllocators() {
    Allocator allocator = new Allocator(store, IpamConfig.DEFAULT, Clock.fixed(NOW, ZoneOffset.UTC), new Random(1));
    String foreignPool = CalicoResource.create("IPPool", "ops-pool", Map.of(), Map.of(),
        new IpPoolSpec(new IPAddressString("10.3.216.0/26").getAddress(), 26, "all()", false, false).toJson(), null, Instant.EPOCH).toJson();
    store.commit(Txn.builder().create(CalicoKeys.IPPOOLS + "ops-pool", foreignPool).build());
    allocator.allocate("node-a", null, false);
    allocator.allocate("node-b", null, false);
    IpamState state = IpamState.read(store, null);
    Allocator.PoolsReport report = AllocationPlanner.pools(IpamConfig.DEFAULT, state);
    assertThat(report.ranges()).containsExactly(
        new Allocator.RangeUse("10.3.240.0/21", 64, 2, 0, 62),
        new Allocator.RangeUse("10.3.216.0/21", 64, 0, 2, 62));
    assertThat(report.allocations()).extracting(Allocation::node).containsExactly("node-a", "node-b");
    assertThat(report).isEqualTo(allocator.pools());
  }

  @Test
  void aSlashEightIsPlannedAndReportedWithoutEnumeratingItsPools() {
    IpamConfig big = IpamConfig.of(List.of("10.0.0.0/8"), 27);
    AllocationPlanner p = new AllocationPlanner(big);
    AllocationPlanner.Planned first = p.planAllocate(AllocationView.read(store, "node-a", null), new AllocationPlanner.Request("node-a", null, false),
        1, Set.of(), new Random(1), NOW);
    assertThat(first.newPool()).isEqualTo("10.0.0.0/27");
    store.commit(first.txn());
    Allocator.PoolsReport report = AllocationPlanner.pools(big, IpamState.read(store, null));
    assertThat(report.ranges()).containsExactly(new Allocator.RangeUse("10.0.0.0/8", 524_288, 1, 0, 524_287));
  }

  @Test
  void exhaustionCountsOnlyThePoolsInsideTheRanges() {
    // node-a and node-b hold pools of the default ranges; the ranges then change to two pools elsewhere
    Allocator before = new Allocator(store, IpamConfig.DEFAULT, Clock.fixed(NOW, ZoneOffset.UTC), new Random(1));
    for (String n : List.of("node-a", "node-b", "node-c")) {
      before.allocate(n, null, false);
    }
    IpamConfig moved = IpamConfig.of(List.of("10.60.0.0/26"), 27);
    Allocator after = new Allocator(store, moved, Clock.fixed(NOW, ZoneOffset.UTC), new Random(1));
    after.allocate("node-d", null, false);
    after.allocate("node-e", null, false);
    assertThatThrownBy(() -> after.allocate("node-f", null, false))
        .hasMessage("no free /27 left in 10.60.0.0/26: 2 of 2 in use by netctl");
  }

  @Test
  void aHostIpOfNetctlYamlsInfrastructureIsRefused() {
    IpamConfig withInfra = SMALL.withInfrastructure(Map.of(ip("10.3.214.10"), "director lvs-int-1", ip("10.3.252.8"), "route reflector rr-1"));
    AllocationPlanner p = new AllocationPlanner(withInfra);
    assertThatThrownBy(() -> p.check(new AllocationPlanner.Request("node-a", ip("10.3.214.10"), false)))
        .isInstanceOf(BadInputException.class)
        .hasMessage("host IP 10.3.214.10 is the IP of director lvs-int-1 in netctl.yaml; a node's host IP must be its own");
    assertThatThrownBy(() -> p.check(new AllocationPlanner.Request("node-a", ip("10.3.252.8"), true))).hasMessageContaining("route reflector rr-1");
    p.check(new AllocationPlanner.Request("node-a", ip("10.3.0.5"), false));
  }

  @Test
  void aLargeForeignPoolIsPassedOverAtOnceAndListedInPart() {
    IpamConfig big = IpamConfig.of(List.of("10.0.0.0/8"), 27);
    String foreignPool = CalicoResource.create("IPPool", "half", Map.of(), Map.of(),
        new IpPoolSpec(new IPAddressString("10.0.0.0/9").getAddress(), 26, "all()", false, false).toJson(), null, Instant.EPOCH).toJson();
    store.commit(Txn.builder().create(CalicoKeys.IPPOOLS + "half", foreignPool).build());
    AllocationPlanner.Planned p = new AllocationPlanner(big).planAllocate(AllocationView.read(store, "node-a", null),
        new AllocationPlanner.Request("node-a", null, false), 1, Set.of(), new Random(1), NOW);
    assertThat(p.newPool()).isEqualTo("10.128.0.0/27");
    assertThat(p.skipped()).hasSize(AllocationPlanner.MAX_SKIPPED_LISTED);
    assertThat(p.skipped().get(0)).isEqualTo(new Allocator.Skipped("10.0.0.0/27", "IPPool half (10.0.0.0/9) overlaps it"));
    Allocator.PoolsReport report = AllocationPlanner.pools(big, IpamState.read(store, null));
    assertThat(report.ranges()).containsExactly(new Allocator.RangeUse("10.0.0.0/8", 524_288, 0, 262_144, 262_144));
  }

  // ---- pending allocations: nothing kube-controllers' IPAM GC could release before the Calico Node exists ----

  @Test
  void withoutACalicoNodeThePlanWritesNoBlockNorAffinityAndIsGuardedOnTheNodeStillBeingAbsent() {
    AllocationPlanner.Planned p = plan("node-a", null, Set.of());
    assertThat(p.pending()).isTrue();
    assertThat(p.txn().ops()).extracting(Op::key).containsExactlyInAnyOrder(
        NetctlKeys.allocation("node-a"), "/netctl/v1/cidrs/10.3.240.0-27", CalicoKeys.IPPOOLS + "netctl-10-3-240-0-27",
        "/netctl/history/v1/10.3.240.0-27/" + String.format("%020d", NOW.getEpochSecond() * 1_000_000_000L) + "-node-a");
    assertThat(p.txn().compares()).contains(Compare.absent(CalicoKeys.node("node-a")));
    // calico-node registers between the plan and the commit: the plan fails and nothing is written
    CalicoNodeFixture.register(store, "node-a");
    long rev = store.range("/").revision();
    assertThat(store.commit(p.txn()).succeeded()).isFalse();
    assertThat(store.range("/").revision()).isEqualTo(rev);
    AllocationPlanner.Planned again = plan("node-a", null, Set.of());
    assertThat(again.pending()).isFalse();
    assertThat(again.txn().ops()).extracting(Op::key).contains(
        CalicoKeys.BLOCKS_V4 + "10.3.240.0-27", CalicoKeys.HOSTS + "node-a/ipv4/block/10.3.240.0-27", CalicoKeys.node("node-a"));
  }

  @Test
  void planningAgainOnceTheCalicoNodeExistsCompletesThePendingAllocation() {
    store.commit(plan("node-a", null, Set.of()).txn());
    AllocationPlanner.Planned stillPending = plan("node-a", null, Set.of());
    assertThat(stillPending.outcome()).isEqualTo(Allocator.Outcome.EXISTING);
    assertThat(stillPending.pending()).isTrue();
    assertThat(stillPending.txn()).isNull();

    CalicoNodeFixture.register(store, "node-a");
    AllocationPlanner.Planned completing = plan("node-a", null, Set.of());
    assertThat(completing.outcome()).isEqualTo(Allocator.Outcome.COMPLETED);
    assertThat(completing.pending()).isFalse();
    assertThat(completing.txn().ops()).extracting(Op::key).containsExactlyInAnyOrder(
        CalicoKeys.BLOCKS_V4 + "10.3.240.0-27", CalicoKeys.HOSTS + "node-a/ipv4/block/10.3.240.0-27", CalicoKeys.node("node-a"));
    assertThat(store.commit(completing.txn()).succeeded()).isTrue();
    assertThat(PoolLabel.carries(CalicoKeys.node("node-a"), store.get(CalicoKeys.node("node-a")).orElseThrow().value(), "netctl-10-3-240-0-27")).isTrue();

    AllocationPlanner.Planned done = plan("node-a", null, Set.of());
    assertThat(done.outcome()).isEqualTo(Allocator.Outcome.EXISTING);
    assertThat(done.txn()).as("complete: nothing to write").isNull();
  }

  @Test
  void aBlockCalicoClaimedItselfIsLeftAloneAndOnlyTheLabelIsPutBack() {
    store.commit(plan("node-a", null, Set.of()).txn());
    CalicoNodeFixture.register(store, "node-a");
    // calico-ipam claimed the pool's block on the node's first pod (ipam.go findOrClaimBlock)
    String claimed = io.netctl.ipam.calico.AllocationBlock.fresh(new IPAddressString("10.3.240.0/27").getAddress(), "node-a", Instant.EPOCH);
    store.commit(Txn.builder().create(CalicoKeys.BLOCKS_V4 + "10.3.240.0-27", claimed)
        .create(CalicoKeys.HOSTS + "node-a/ipv4/block/10.3.240.0-27", "{\"state\":\"confirmed\",\"deleted\":false}").build());
    AllocationPlanner.Planned p = plan("node-a", null, Set.of());
    assertThat(p.outcome()).isEqualTo(Allocator.Outcome.COMPLETED);
    assertThat(p.txn().ops()).extracting(Op::key).containsExactly(CalicoKeys.node("node-a"));
  }

  @Test
  void aPoolOfAnOlderNetctlSelectingByTheHostnameLabelGetsTheLabelSelector() {
    CalicoNodeFixture.register(store, "node-a");
    store.commit(plan("node-a", null, Set.of()).txn());
    KeyValue pool = store.get(CalicoKeys.IPPOOLS + "netctl-10-3-240-0-27").orElseThrow();
    store.commit(Txn.builder().update(pool, pool.value().replace("netctl.io/ippool == 'netctl-10-3-240-0-27'", "kubernetes.io/hostname == 'node-a'")).build());
    AllocationPlanner.Planned p = plan("node-a", null, Set.of());
    assertThat(p.outcome()).isEqualTo(Allocator.Outcome.COMPLETED);
    assertThat(p.txn().ops()).extracting(Op::key).containsExactly(CalicoKeys.IPPOOLS + "netctl-10-3-240-0-27");
    store.commit(p.txn());
    String migrated = store.get(CalicoKeys.IPPOOLS + "netctl-10-3-240-0-27").orElseThrow().value();
    assertThat(migrated).contains("\"nodeSelector\":\"netctl.io/ippool == 'netctl-10-3-240-0-27'\"")
        .contains(CalicoResource.parse(pool, null).uid());
  }
}
