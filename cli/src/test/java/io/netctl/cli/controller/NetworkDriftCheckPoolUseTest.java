package io.netctl.cli.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.netctl.cli.CalicoNodes;
import io.netctl.cli.config.NetctlConfig;
import io.netctl.cli.metrics.NetctlMetrics;
import io.netctl.ipam.Allocator;
import io.netctl.ipam.IpamConfig;
import io.netctl.ipam.PoolUse;
import io.netctl.ipam.store.MemoryStore;
import io.netctl.ipam.store.Txn;
import io.netctl.lab.CalicoBlocks;
import io.netctl.validator.Code;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** The controller's drift check carries each node's address use to the gauges, with the pressure findings. */
class NetworkDriftCheckPoolUseTest {
  @Test
  void theDriftCarriesTheAddressesInUseAndTheGaugesFollow() {
    MemoryStore store = new MemoryStore();
    CalicoNodes.register(store, "node-a", "10.3.0.1/24");
    new Allocator(store, IpamConfig.DEFAULT, Clock.systemUTC()).allocate("node-a", null, false);
    String key = CalicoBlocks.key("10.3.240.0/27");
    store.commit(Txn.builder().update(store.get(key).orElseThrow(), CalicoBlocks.json("10.3.240.0/27", "node-a", 32)).build());

    Drift d = new NetworkDriftCheck(store, NetctlConfig.defaults().intent(), null, null, Clock.systemUTC()).run();
    assertThat(d.addresses()).extracting(PoolUse::node, PoolUse::inUse, PoolUse::total)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("node-a", 32, 32));
    assertThat(d.report().findings()).anySatisfy(f -> {
      assertThat(f.code()).isEqualTo(Code.POOL_FULL);
      assertThat(f.subject()).isEqualTo("node-a");
    });
    NetctlMetrics m = new NetctlMetrics();
    m.poolAddresses(d.addresses());
    assertThat(m.scrape()).contains("netctl_pool_addresses_in_use{node=\"node-a\"} 32.0").contains("netctl_pool_addresses_capacity{node=\"node-a\"} 32.0");
  }
}
