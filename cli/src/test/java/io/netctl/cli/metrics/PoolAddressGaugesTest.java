package io.netctl.cli.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import inet.ipaddr.IPAddressString;
import io.netctl.ipam.PoolUse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Blocks with 0, 16, 29 and 32 addresses in use give exactly these gauges; a node that goes loses its series. */
class PoolAddressGaugesTest {
  static PoolUse use(String node, String cidr, int inUse) {
    return new PoolUse(node, new IPAddressString(cidr).getAddress(), inUse, 32, true);
  }

  @Test
  void eachNodeHasItsInUseAndTotalGauges() {
    NetctlMetrics m = new NetctlMetrics();
    m.poolAddresses(List.of(use("node-0", "10.3.240.0/27", 0), use("node-1", "10.3.240.32/27", 16),
        use("node-2", "10.3.240.64/27", 29), use("node-3", "10.3.240.96/27", 32)));
    String scrape = m.scrape();
    assertThat(scrape)
        .contains("netctl_pool_addresses_in_use{node=\"node-0\"} 0.0")
        .contains("netctl_pool_addresses_in_use{node=\"node-1\"} 16.0")
        .contains("netctl_pool_addresses_in_use{node=\"node-2\"} 29.0")
        .contains("netctl_pool_addresses_in_use{node=\"node-3\"} 32.0")
        .contains("netctl_pool_addresses_capacity{node=\"node-0\"} 32.0")
        .contains("netctl_pool_addresses_capacity{node=\"node-3\"} 32.0");

    m.poolAddresses(List.of(use("node-1", "10.3.240.32/27", 17)));
    String after = m.scrape();
    assertThat(after).contains("netctl_pool_addresses_in_use{node=\"node-1\"} 17.0").doesNotContain("node=\"node-0\"").doesNotContain("node=\"node-3\"");
  }
}
