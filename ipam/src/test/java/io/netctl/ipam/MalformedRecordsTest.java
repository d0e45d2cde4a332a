package io.netctl.ipam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv4.IPv4Address;
import io.netctl.ipam.calico.CalicoKeys;
import io.netctl.ipam.store.KeyValue;
import io.netctl.ipam.store.MemoryStore;
import io.netctl.ipam.store.Txn;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One record that cannot be read never stops the rest: it is passed over and listed, its pool
 * counts as unavailable, every other node is allocated, released, shown and listed as usual, and
 * {@code release --force} removes it with the keys that name its node.
 */
class MalformedRecordsTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);
  static final IpamConfig SMALL = IpamConfig.of(List.of("10.3.240.0/25"), 27); // four pools
  final MemoryStore store = new MemoryStore();
  final Allocator allocator = new Allocator(store, SMALL, CLOCK, new Random(1));

  @BeforeEach
  void calicoNodesRegistered() {
    for (String n : List.of("node-a", "node-b", "node-c", "node-d")) {
      CalicoNodeFixture.register(store, n); // their allocations are live at once (not pending)
    }
  }

  static IPv4Address ip(String s) {
    return new IPAddressString(s).getAddress().toIPv4();
  }

  /** Every key but the Calico Nodes (calico-node's, never netctl's to delete). */
  Map<String, String> all() {
    return store.range("/").kvs().stream().filter(kv -> !kv.key().startsWith(CalicoKeys.node("")) && !kv.key().startsWith(NetctlKeys.HISTORY)).collect(Collectors.toMap(KeyValue::key, KeyValue::value));
  }

  /** node-a allocated as usual, then its record overwritten by another tool with something that is no JSON. */
  void breakRecordOfNodeA() {
    allocator.allocate("node-a", ip("10.3.0.5"), false);
    KeyValue rec = store.get(NetctlKeys.allocation("node-a")).orElseThrow();
    store.commit(Txn.builder().update(rec, "node-a=10.3.240.0/27").build());
  }

  @Test
  void aMalformedRecordIsListedWithItsOwnerAndPoolAndTheOthersCarryOn() {
    breakRecordOfNodeA();
    assertThat(allocator.allocate("node-b", null, false).allocation().cidrText()).isEqualTo("10.3.240.32/27");
    assertThat(allocator.show("node-b")).isPresent();
    assertThat(allocator.list()).extracting(Allocation::node).containsExactly("node-b");

    IpamState state = IpamState.read(store, null);
    assertThat(state.malformed()).singleElement().satisfies(m -> {
      assertThat(m.key()).isEqualTo("/netctl/v1/allocations/node-a");
      assertThat(m.owner()).isEqualTo("node-a");
      assertThat(m.cidr()).isEqualTo("10.3.240.0/27");
      assertThat(m.problem()).contains("not valid JSON");
      assertThat(m.describe()).isEqualTo("/netctl/v1/allocations/node-a: " + m.problem() + " (node node-a, pool 10.3.240.0/27)");
    });
    Allocator.PoolsReport pools = allocator.pools();
    assertThat(pools.malformed()).extracting(MalformedRecord::key).containsExactly("/netctl/v1/allocations/node-a");
    assertThat(pools.ranges()).containsExactly(new Allocator.RangeUse("10.3.240.0/25", 4, 1, 1, 2));
    assertThat(allocator.release("node-b", false).deletedKeys()).hasSize(5);
  }

  @Test
  void theNodeOfAMalformedRecordIsRefusedUntilReleasedWithForce() {
    breakRecordOfNodeA();
    Map<String, String> before = all();
    assertThatThrownBy(() -> allocator.allocate("node-a", ip("10.3.0.5"), false))
        .isInstanceOfSatisfying(RefusedException.class, e -> assertThat(e.reason()).isEqualTo(RefusedException.Reason.RECORD_MALFORMED))
        .hasMessageContaining("/netctl/v1/allocations/node-a").hasMessageContaining("netctl release node-a --force");
    assertThatThrownBy(() -> allocator.show("node-a"))
        .isInstanceOfSatisfying(RefusedException.class, e -> assertThat(e.reason()).isEqualTo(RefusedException.Reason.RECORD_MALFORMED));
    assertThatThrownBy(() -> allocator.release("node-a", false))
        .isInstanceOfSatisfying(RefusedException.class, e -> assertThat(e.reason()).isEqualTo(RefusedException.Reason.RECORD_MALFORMED))
        .hasMessageContaining("--force");
    assertThat(all()).isEqualTo(before);

    Allocator.ReleaseResult r = allocator.release("node-a", true);
    assertThat(r.released()).isNull();
    assertThat(r.malformed().key()).isEqualTo("/netctl/v1/allocations/node-a");
    assertThat(r.deletedKeys()).containsExactlyInAnyOrder(
        "/netctl/v1/allocations/node-a", "/netctl/v1/cidrs/10.3.240.0-27", "/netctl/v1/host-ips/10.3.0.5",
        CalicoKeys.IPPOOLS + "netctl-10-3-240-0-27", CalicoKeys.BLOCKS_V4 + "10.3.240.0-27",
        "/calico/ipam/v2/host/node-a/ipv4/block/10.3.240.0-27");
    assertThat(all()).isEmpty();
    assertThat(allocator.allocate("node-a", ip("10.3.0.5"), false).allocation().cidrText()).isEqualTo("10.3.240.0/27");
  }

  @Test
  void aRecordOfAnotherShapeIsMalformedToo() {
    store.commit(Txn.builder()
        .create(NetctlKeys.allocation("node-x"), "{\"node\":\"node-y\",\"cidr\":\"10.3.240.0/27\",\"createdAt\":\"2026-11-27T10:00:00Z\"}")
        .create(NetctlKeys.allocation("node-z"), "{\"node\":\"node-z\",\"cidr\":\"fd00::/64\",\"createdAt\":\"2026-11-27T10:00:00Z\"}")
        .create(NetctlKeys.CIDRS + "no-cidr", NetctlKeys.indexValue("node-q"))
        .build());
    IpamState state = IpamState.read(store, null);
    assertThat(state.malformed()).extracting(MalformedRecord::key)
        .containsExactly("/netctl/v1/allocations/node-x", "/netctl/v1/allocations/node-z", "/netctl/v1/cidrs/no-cidr");
    assertThat(state.malformed().get(0).problem()).contains("names node \"node-y\", not node-x");
    assertThat(state.malformed().get(1).problem()).contains("no IPv4 CIDR");
    assertThat(state.allocations()).isEmpty();
  }

  @Test
  void aForeignIpPoolThatIsNoJsonIsPassedOver() {
    store.commit(Txn.builder().create(CalicoKeys.IPPOOLS + "legacy", "cidr: 10.3.240.0/27").build());
    assertThat(allocator.allocate("node-a", null, false).allocation().cidrText()).isEqualTo("10.3.240.0/27");
    assertThat(IpamState.read(store, null).malformed()).singleElement()
        .satisfies(m -> assertThat(m.key()).isEqualTo(CalicoKeys.IPPOOLS + "legacy"));
    assertThat(allocator.pools().ranges().get(0).used()).isEqualTo(1);
  }

  @Test
  void aMalformedPoolOrBlockOfANodeIsDeletedOnlyWithForce() {
    allocator.allocate("node-a", null, false);
    KeyValue block = store.get(CalicoKeys.BLOCKS_V4 + "10.3.240.0-27").orElseThrow();
    store.commit(Txn.builder().update(block, "{\"cidr\":").build());
    Map<String, String> before = all();
    assertThatThrownBy(() -> allocator.release("node-a", false))
        .isInstanceOfSatisfying(RefusedException.class, e -> assertThat(e.reason()).isEqualTo(RefusedException.Reason.RECORD_MALFORMED))
        .hasMessageContaining(CalicoKeys.BLOCKS_V4 + "10.3.240.0-27");
    assertThat(all()).isEqualTo(before);
    assertThat(allocator.release("node-a", true).deletedKeys()).contains(CalicoKeys.BLOCKS_V4 + "10.3.240.0-27");
    assertThat(all()).isEmpty();
  }

  @Test
  void theBlockOfAMalformedRecordIsUnavailableAlsoWithoutAnIndex() {
    // only Calico's block and netctl's pool remain of node-a, both unreadable: their pool is still not handed out
    store.commit(Txn.builder()
        .create(CalicoKeys.IPPOOLS + "netctl-10-3-240-0-27", "garbage")
        .create(CalicoKeys.BLOCKS_V4 + "10.3.240.32-27", "garbage")
        .build());
    assertThat(allocator.allocate("node-b", null, false).allocation().cidrText()).isEqualTo("10.3.240.64/27");
    assertThat(allocator.pools().ranges()).containsExactly(new Allocator.RangeUse("10.3.240.0/25", 4, 1, 2, 1));
  }
}
