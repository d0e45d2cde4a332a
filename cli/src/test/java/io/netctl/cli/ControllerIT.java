package io.netctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import inet.ipaddr.IPAddressString;
import io.fabric8.kubernetes.api.model.Node;
import io.netctl.cli.controller.MutableClock;
import io.netctl.ipam.Allocation;
import io.netctl.ipam.NetctlKeys;
import io.netctl.ipam.calico.CalicoJson;
import io.netctl.ipam.calico.CalicoKeys;
import io.netctl.ipam.store.KeyValue;
import io.netctl.ipam.store.Txn;
import io.netctl.lab.EtcdCluster;
import io.netctl.lab.Poll;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code netctl controller} against fabric8's mock API server in CRUD mode and a real etcd: Nodes
 * in, allocations out; the grace period driven through the command's clock; metrics scraped over
 * HTTP and parsed as Prometheus text.
 */
class ControllerIT {
  static final Duration WAIT = Duration.ofSeconds(30);
  @RegisterExtension static final ControllerFixture fixture = new ControllerFixture();

  final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T10:00:00Z"));
  final int port = EtcdCluster.freePort();
  ServiceRun controller;

  ServiceRun start(String... extra) {
    controller = fixture.controller("ctl-test", port, clock, "2s", extra);
    Poll.until(WAIT, "the controller leads", () -> metrics().valueOr0("netctl_leader") == 1);
    return controller;
  }

  PromText metrics() {
    return PromText.scrape(port);
  }

  double finding(String code) {
    return metrics().samples().entrySet().stream().filter(e -> e.getKey().startsWith("netctl_findings{code=\"" + code + "\""))
        .mapToDouble(Map.Entry::getValue).sum();
  }

  Allocation allocation(String node) {
    return fixture.reader().show(node).orElse(null);
  }

  @Test
  void nodesGetPoolsWithTheirInternalIpsAndAChangedIpIsRecorded() {
    start("--annotate-nodes");
    fixture.api().createNode("node-1", "192.0.2.1", Map.of());
    fixture.api().createNode("node-2", "192.0.2.2", Map.of());
    Poll.until(WAIT, "node-1 and node-2 allocated", () -> allocation("node-1") != null && allocation("node-2") != null);
    assertThat(allocation("node-1").hostIpText()).isEqualTo("192.0.2.1");
    assertThat(allocation("node-2").hostIpText()).isEqualTo("192.0.2.2");
    assertThat(allocation("node-1").cidrText()).isNotEqualTo(allocation("node-2").cidrText());
    String pool = allocation("node-2").cidrText();

    fixture.api().setInternalIp("node-2", "192.0.2.22");
    Poll.until(WAIT, "node-2's host IP updated", () -> "192.0.2.22".equals(allocation("node-2").hostIpText()));
    assertThat(allocation("node-2").cidrText()).isEqualTo(pool);

    Poll.until(WAIT, "node-1 annotated", () -> pool(fixture.api().client().nodes().withName("node-1").get()) != null);
    assertThat(pool(fixture.api().client().nodes().withName("node-1").get())).isEqualTo(allocation("node-1").cidrText());

    PromText m = metrics();
    assertThat(m.valueOr0("netctl_allocations_total", "result", "created")).isEqualTo(2);
    assertThat(m.valueOr0("netctl_allocations_total", "result", "host_ip_updated")).isEqualTo(1);
    assertThat(m.value("netctl_pool_capacity_pools", "range", "10.3.240.0/21")).isEqualTo(64);
    Poll.until(WAIT, "pool use exported", () -> metrics().valueOr0("netctl_pool_used_pools", "range", "10.3.240.0/21") == 2);
    assertThat(controller.stop()).isZero();
  }

  static String pool(Node n) {
    return n.getMetadata().getAnnotations() == null ? null : n.getMetadata().getAnnotations().get("netctl.io/pool");
  }

  @Test
  void aSkipLabelledNodeIsUntouchedAndANodeWithoutInternalIpIsAFinding() {
    start();
    fixture.api().createNode("node-skip", "192.0.2.7", Map.of("netctl.io/ipam", "skip"));
    fixture.api().createNode("node-noip", null, Map.of());
    fixture.api().createNode("node-after", "192.0.2.8", Map.of());
    // events are handled in order: once node-after is allocated, node-skip and node-noip were seen
    Poll.until(WAIT, "node-after allocated", () -> allocation("node-after") != null);
    assertThat(allocation("node-skip")).isNull();
    assertThat(allocation("node-noip")).isNotNull();
    assertThat(allocation("node-noip").hostIpText()).isNull();
    Poll.until(WAIT, "node-without-internal-ip in /metrics", () -> finding("node-without-internal-ip") == 1);
    fixture.api().setInternalIp("node-noip", "192.0.2.9");
    Poll.until(WAIT, "node-noip's host IP recorded", () -> "192.0.2.9".equals(allocation("node-noip").hostIpText()));
    Poll.until(WAIT, "the finding resolved", () -> finding("node-without-internal-ip") == 0);
    assertThat(allocation("node-skip")).isNull();
  }

  @Test
  void aDeletedNodeIsReleasedOnlyAfterTheGracePeriodAndARecreatedOneKeepsItsPool() {
    start("--release-grace", "10m");
    fixture.api().createNode("node-1", "192.0.2.1", Map.of());
    fixture.api().createNode("node-2", "192.0.2.2", Map.of());
    Poll.until(WAIT, "allocated", () -> allocation("node-1") != null && allocation("node-2") != null);
    String pool2 = allocation("node-2").cidrText();

    fixture.api().deleteNode("node-1");
    fixture.api().deleteNode("node-2");
    Poll.until(WAIT, "both reported as allocations without node", () -> finding("allocation-without-node") == 2);
    clock.advance(Duration.ofMinutes(5));
    fixture.api().createNode("node-2", "192.0.2.2", Map.of());
    Poll.until(WAIT, "node-2 back", () -> finding("allocation-without-node") == 1);
    clock.advance(Duration.ofMinutes(4));
    // two whole passes of the reconcile loop at 9 minutes, and node-1 is still allocated
    double ticks = metrics().valueOr0("netctl_reconcile_ticks_total");
    Poll.until(WAIT, "two reconcile passes after the clock moved", () -> metrics().valueOr0("netctl_reconcile_ticks_total") >= ticks + 2);
    assertThat(allocation("node-1")).as("node-1 still allocated within the grace period").isNotNull();

    clock.advance(Duration.ofMinutes(2));
    Poll.until(WAIT, "node-1 released after the grace period", () -> allocation("node-1") == null);
    assertThat(fixture.store().get(CalicoKeys.block(new IPAddressString("10.3.240.0/27").getAddress()))).isEmpty();
    assertThat(allocation("node-2").cidrText()).isEqualTo(pool2);
    Poll.until(WAIT, "release counted", () -> metrics().valueOr0("netctl_releases_total", "result", "released") == 1);
    Poll.until(WAIT, "findings resolved", () -> finding("allocation-without-node") == 0);
  }

  @Test
  void aDeletedNodeWhoseBlockHasAddressesInUseIsAFindingAndKeepsItsPool() {
    start("--release-grace", "1m");
    CalicoNodes.register(fixture.store(), "node-busy", "192.0.2.3/24"); // calico-node runs: the allocation is complete at once, with its block
    fixture.api().createNode("node-busy", "192.0.2.3", Map.of());
    Poll.until(WAIT, "allocated", () -> allocation("node-busy") != null);
    Poll.until(WAIT, "its IPAM block", () -> fixture.store().get(CalicoKeys.block(allocation("node-busy").cidr())).isPresent());
    useAddresses(allocation("node-busy").cidrText(), 3);
    fixture.api().deleteNode("node-busy");
    Poll.until(WAIT, "reported", () -> finding("allocation-without-node") == 1);
    clock.advance(Duration.ofMinutes(2));
    Poll.until(WAIT, "node-gone-pool-in-use in /metrics", () -> finding("node-gone-pool-in-use") == 1);
    assertThat(allocation("node-busy")).isNotNull();
    assertThat(metrics().valueOr0("netctl_releases_total", "result", "in_use")).isGreaterThanOrEqualTo(1);
    assertThat(metrics().valueOr0("netctl_releases_total", "result", "released")).isZero();
  }

  @Test
  void theDriftLoopShowsABrokenNetworkInMetricsAndItsRepair() {
    start();
    fixture.api().createNode("node-1", "192.0.2.1", Map.of());
    Poll.until(WAIT, "allocated", () -> allocation("node-1") != null);
    Poll.until(WAIT, "a clean check", () -> finding("pool-missing") == 0 && metrics().valueOr0("netctl_check_last_success_timestamp_seconds") > 0);
    // break it: someone deletes the IPPool and adds a foreign pool inside the managed ranges
    String poolKey = CalicoKeys.resource("ippools", NetctlKeys.poolName(allocation("node-1").cidr()));
    KeyValue pool = fixture.store().get(poolKey).orElseThrow();
    fixture.store().commit(Txn.builder().delete(pool).build());
    Poll.until(WAIT, "pool-missing in /metrics", () -> finding("pool-missing") == 1);
    PromText m = metrics();
    assertThat(m.value("netctl_findings", "code", "pool-missing", "severity", "error")).isEqualTo(1);
    assertThat(m.value("netctl_check_duration_seconds")).isGreaterThan(0);
    // repair: the same IPPool back
    fixture.store().commit(Txn.builder().create(poolKey, pool.value()).build());
    Poll.until(WAIT, "pool-missing resolved", () -> finding("pool-missing") == 0);
  }

  @Test
  void aMalformedRecordDuringARunIsAFindingAndTheOtherNodesKeepGettingPools() {
    start();
    fixture.api().createNode("node-1", "192.0.2.1", Map.of());
    Poll.until(WAIT, "node-1 allocated", () -> allocation("node-1") != null);
    // another tool overwrites node-1's record, and writes an IPPool that is no JSON
    KeyValue rec = fixture.store().get(NetctlKeys.allocation("node-1")).orElseThrow();
    fixture.store().commit(Txn.builder().update(rec, "node-1 10.3.240.0/27").create(CalicoKeys.IPPOOLS + "legacy", "cidr: 10.3.240.64/27").build());
    fixture.api().createNode("node-2", "192.0.2.2", Map.of());
    fixture.api().createNode("node-3", "192.0.2.3", Map.of());
    Poll.until(WAIT, "node-2 and node-3 allocated", () -> allocation("node-2") != null && allocation("node-3") != null);
    assertThat(allocation("node-2").cidrText()).isNotEqualTo("10.3.240.0/27");
    assertThat(allocation("node-3").cidrText()).isNotEqualTo("10.3.240.0/27");
    Poll.until(WAIT, "record-malformed in /metrics", () -> finding("record-malformed") == 2);
    // node-1 is reconciled on every resync: refused, reported, and its record never overwritten
    Poll.until(WAIT, "node-without-allocation for node-1", () -> finding("node-without-allocation") == 1);
    assertThat(fixture.store().get(NetctlKeys.allocation("node-1")).orElseThrow().value()).isEqualTo("node-1 10.3.240.0/27");
    assertThat(metrics().valueOr0("netctl_check_last_success_timestamp_seconds")).isGreaterThan(0);
    assertThat(controller.stop()).isZero();
  }

  void useAddresses(String cidr, int n) {
    KeyValue kv = fixture.store().get(CalicoKeys.block(new IPAddressString(cidr).getAddress())).orElseThrow();
    var o = CalicoJson.parse(kv.key(), kv.value());
    var allocations = o.putArray("allocations");
    var unallocated = o.putArray("unallocated");
    for (int i = 0; i < 32; i++) {
      if (i < n) {
        allocations.add(0);
      } else {
        allocations.addNull();
        unallocated.add(i);
      }
    }
    fixture.store().commit(Txn.builder().update(kv, CalicoJson.write(o)).build());
  }
}
