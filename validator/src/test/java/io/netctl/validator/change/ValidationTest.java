package io.netctl.validator.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv4.IPv4Address;
import io.netctl.bgp.calico.BgpPlanner;
import io.netctl.bgp.calico.BgpTopology;
import io.netctl.bgp.calico.CalicoBgpState;
import io.netctl.bgp.calico.RouteReflector;
import io.netctl.ipam.Allocator;
import io.netctl.ipam.BadInputException;
import io.netctl.ipam.IpamConfig;
import io.netctl.ipam.store.MemoryStore;
import io.netctl.lvs.Director;
import io.netctl.validator.Code;
import io.netctl.validator.Finding;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What a change's plan and findings say: its own effects only, repeats aggregated, infrastructure IPs kept apart. */
class ValidationTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);
  static final IpamConfig TWO_POOLS = IpamConfig.of(List.of("10.3.240.0/26"), 27);
  static final BgpTopology ONE_RR = new BgpTopology(64512, List.of(new RouteReflector("rr-1", ip("10.3.252.8"), ip("1.0.0.1"), Map.of())), List.of(), null);
  static final List<Director> ONE_DIRECTOR = List.of(new Director("lvs-1", ip("10.3.214.10"), null, null, null, null));
  final MemoryStore store = new MemoryStore();

  static IPv4Address ip(String s) {
    return new IPAddressString(s).getAddress().toIPv4();
  }

  @Test
  void anEmptyChangePlansNothingAndListsWhatWasPendingBeforeApart() {
    // the route reflector was never applied: bgp apply has work to do before any change
    Validation.Outcome o = Validation.run(store, new Validation.Topology(TWO_POOLS, ONE_RR, List.of()), List.of(), CLOCK);
    assertThat(o.plan()).isEmpty();
    assertThat(o.pending()).contains("bgp apply: create BGPPeer rr-10-3-252-8", "bgp apply: create BGPConfiguration default");
  }

  @Test
  void aChangeListsTheBgpChangesItCausesAsItsPlan() {
    Validation.Outcome o = Validation.run(store, new Validation.Topology(TWO_POOLS, ONE_RR, List.of()),
        List.of(new Change.AddRouteReflector("rr-2", ip("10.3.252.9"), ip("1.0.0.1"), 3)), CLOCK);
    assertThat(o.plan()).contains("add route reflector rr-2 10.3.252.9 cluster id 1.0.0.1", "bgp apply: create BGPPeer rr-10-3-252-9");
    assertThat(o.plan()).doesNotContain("bgp apply: create BGPPeer rr-10-3-252-8");
    assertThat(o.pending()).contains("bgp apply: create BGPPeer rr-10-3-252-8");
  }

  @Test
  void stepsThatExhaustTheRangesAreOneFindingWithTheirCount() {
    List<Change> changes = new ArrayList<>();
    IntStream.range(0, 200).forEach(i -> changes.add(new Change.Allocate("node-" + i, null, i + 2)));
    Validation.Outcome o = Validation.run(store, new Validation.Topology(TWO_POOLS, BgpTopology.defaults(), List.of()), changes, CLOCK);
    List<Finding> exhausted = o.report().findings().stream().filter(f -> f.code() == Code.RANGES_EXHAUSTED).toList();
    assertThat(exhausted).singleElement().satisfies(f -> {
      assertThat(f.subject()).isEqualTo("198 steps (node-2, node-3, node-4, node-5, node-6, ...)");
      assertThat(f.observed()).startsWith("no free /27 left in 10.3.240.0/26: 2 of 2 in use by netctl").endsWith("(the same for 198 steps)");
    });
  }

  @Test
  void refusedStepsOfOtherCodesAreListedUpToALimit() {
    List<Change> changes = new ArrayList<>();
    IntStream.range(0, 50).forEach(i -> changes.add(new Change.Release("gone-" + i, i + 2)));
    Validation.Outcome o = Validation.run(store, new Validation.Topology(TWO_POOLS, BgpTopology.defaults(), List.of()), changes, CLOCK);
    List<Finding> refused = o.report().findings().stream().filter(f -> f.code() == Code.CHANGE_REFUSED).toList();
    assertThat(refused).hasSize(Validation.MAX_STEP_FINDINGS_PER_CODE);
    assertThat(refused).anySatisfy(f -> assertThat(f.subject()).startsWith("31 steps (gone-19, gone-20,"));
  }

  @Test
  void anAllocationWithADirectorsIpIsRefusedAndADirectorAddedAtAHostIpIsAFinding() {
    new Allocator(store, TWO_POOLS, CLOCK).allocate("node-a", ip("10.3.0.1"), false);
    Validation.Outcome o = Validation.run(store, new Validation.Topology(TWO_POOLS, BgpTopology.defaults(), ONE_DIRECTOR), List.of(
        new Change.Allocate("node-b", ip("10.3.214.10"), 2),
        new Change.AddDirector("lvs-2", ip("10.3.0.1"), 3)), CLOCK);
    assertThat(o.report().findings()).extracting(Finding::code, Finding::subject).contains(
        org.assertj.core.groups.Tuple.tuple(Code.CHANGE_REFUSED, "node-b"),
        org.assertj.core.groups.Tuple.tuple(Code.HOST_IP_INFRASTRUCTURE, "node-a"));
    assertThat(o.report().findings()).filteredOn(f -> f.code() == Code.CHANGE_REFUSED).singleElement()
        .satisfies(f -> assertThat(f.observed()).contains("is the IP of director lvs-1 in netctl.yaml"));
  }

  @Test
  void aChangeOfMoreThanTheLimitIsBadInput() {
    List<Change> changes = new ArrayList<>();
    IntStream.range(0, Validation.MAX_CHANGES + 1).forEach(i -> changes.add(new Change.Release("n" + i, i)));
    assertThatThrownBy(() -> Validation.run(store, new Validation.Topology(TWO_POOLS, BgpTopology.defaults(), List.of()), changes, CLOCK))
        .isInstanceOf(BadInputException.class)
        .hasMessage("the change has 10001 steps; at most 10000 are validated at once: split it");
  }

  @Test
  void stepsNetctlWouldRefuseAreChangeRefusedNamingTheLine() {
    Instant now = Instant.parse("2026-12-01T00:00:00Z");
    MemoryStore working = new MemoryStore();
    BgpPlanner.plan(ONE_RR, IpamConfig.DEFAULT.ranges(), CalicoBgpState.read(working), now).apply(working);
    Validation.Outcome o = Validation.run(working, new Validation.Topology(IpamConfig.DEFAULT, ONE_RR, List.of()), List.of(
        new Change.Release("node-nobody", 3),
        new Change.RemoveRouteReflector("rr-9", 4),
        new Change.AddRouteReflector("rr-1", ip("10.3.252.9"), ip("1.0.0.1"), 5)),
        Clock.fixed(now, ZoneOffset.UTC));
    assertThat(o.report().findings()).filteredOn(f -> f.code() == Code.CHANGE_REFUSED).extracting(Finding::subject, Finding::expected)
        .containsExactlyInAnyOrder(
            tuple("node-nobody", "release node-nobody (change at line 3)"),
            tuple("rr/rr-9", "an existing route reflector (change at line 4)"),
            tuple("rr/rr-1", "a new route reflector (change at line 5)"));
    assertThat(o.report().hasErrors()).isTrue();
    assertThat(o.plan()).noneMatch(l -> l.startsWith("release node-nobody"));
  }
}
