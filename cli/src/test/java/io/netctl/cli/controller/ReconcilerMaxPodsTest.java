package io.netctl.cli.controller;

import static org.assertj.core.api.Assertions.assertThat;

import inet.ipaddr.IPAddressString;
import io.netctl.ipam.Allocator;
import io.netctl.ipam.IpamConfig;
import io.netctl.ipam.store.MemoryStore;
import io.netctl.validator.Code;
import io.netctl.validator.Finding;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** node-maxpods-exceeds-pool: a Node whose status.capacity.pods is more than its /27's 32 addresses, and only then. */
class ReconcilerMaxPodsTest {
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T10:00:00Z"));
  final ReconcilerTest.FakeDirectory api = new ReconcilerTest.FakeDirectory();
  final Reconciler r = new Reconciler(new Allocator(new MemoryStore(), IpamConfig.DEFAULT, clock), api, clock, Duration.ofMinutes(10), false,
      () -> true, ReconcileCounters.NONE);

  void join(String name, Integer pods) {
    String ip = "192.0.2." + (name.charAt(name.length() - 1) - 'a' + 1);
    NodeInfo n = new NodeInfo(name, new IPAddressString(ip).getAddress().toIPv4(), false, null, pods);
    api.nodes.put(name, n);
    r.upsert(n);
  }

  List<Finding> maxPods() {
    return r.findings().stream().filter(f -> f.code() == Code.NODE_MAXPODS_EXCEEDS_POOL).toList();
  }

  @Test
  void theKubeletsDefault110PodsExceedA27AndALoweredMaxPodsClearsIt() {
    join("node-a", 110);
    assertThat(maxPods()).singleElement().satisfies(f -> {
      assertThat(f.subject()).isEqualTo("node-a");
      assertThat(f.code().id()).isEqualTo("node-maxpods-exceeds-pool");
      assertThat(f.observed()).isEqualTo("status.capacity.pods 110");
      assertThat(f.expected()).isEqualTo("status.capacity.pods at most 32 (the addresses of 10.3.240.0/27)");
    });
    join("node-a", 32);
    assertThat(maxPods()).isEmpty();
  }

  @Test
  void anUnknownOrSmallCapacityIsNoFinding() {
    join("node-a", null);
    join("node-b", 16);
    assertThat(maxPods()).isEmpty();
    assertThat(r.findings()).isEmpty();
  }
}
