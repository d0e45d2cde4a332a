package io.netctl.lvs.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.netctl.ipam.Allocation;
import io.netctl.ipam.Allocator;
import io.netctl.ipam.IpamConfig;
import io.netctl.ipam.store.MemoryStore;
import io.netctl.lvs.Ipv4;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PoolAllocationsTest {
  @Test
  void unchangedRecordsAreNotParsedAgainAndChangedOrDeletedOnesFollowTheStore() {
    MemoryStore store = new MemoryStore();
    Allocator allocator = new Allocator(store, IpamConfig.DEFAULT, Clock.systemUTC());
    allocator.allocate("node-a", Ipv4.address("172.31.0.2"), false);
    allocator.allocate("node-b", null, false);
    Map<String, PoolAllocations.Parsed> cache = new HashMap<>();
    PoolAllocations first = PoolAllocations.read(store, cache);
    assertThat(first.allocations()).extracting(Allocation::node).containsExactly("node-a", "node-b");

    PoolAllocations same = PoolAllocations.read(store, cache);
    assertThat(same.allocations().get(0)).isSameAs(first.allocations().get(0));

    allocator.allocate("node-b", Ipv4.address("172.31.0.3"), false);
    allocator.release("node-a", false);
    PoolAllocations changed = PoolAllocations.read(store, cache);
    assertThat(changed.allocations()).singleElement().satisfies(a -> assertThat(a.hostIpText()).isEqualTo("172.31.0.3"));
    assertThat(cache).hasSize(1);
    assertThat(changed.revision()).isGreaterThan(first.revision());
  }
}
