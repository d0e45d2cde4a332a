package io.netctl.validator.config;

import static org.assertj.core.api.Assertions.assertThat;

import inet.ipaddr.IPAddressString;
import io.netctl.ipam.Allocator;
import io.netctl.ipam.IpamConfig;
import io.netctl.ipam.calico.AllocationBlock;
import io.netctl.ipam.calico.CalicoKeys;
import io.netctl.ipam.calico.CalicoResource;
import io.netctl.ipam.calico.IpPoolSpec;
import io.netctl.ipam.store.KeyValue;
import io.netctl.ipam.store.MemoryStore;
import io.netctl.ipam.store.Txn;
import io.netctl.ipam.calico.PoolLabel;
import io.netctl.validator.CalicoNodes;
import io.netctl.validator.ClusterState;
import io.netctl.validator.Severity;
import io.netctl.validator.Code;
import io.netctl.validator.Finding;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every IPAM configuration code, on a healthy fixture and on one breakage at a time. */
class IpamChecksTest {
  final MemoryStore store = new MemoryStore();
  final IpamConfig config = IpamConfig.DEFAULT;

  @BeforeEach
  void healthy() {
    CalicoNodes.register(store, "node-a", "10.3.0.1/24");
    CalicoNodes.register(store, "node-b", "10.3.0.2/24");
    CalicoNodes.register(store, "node-c", "10.3.0.3/24");
    Allocator a = new Allocator(store, config, Clock.systemUTC());
    a.allocate("node-a", new IPAddressString("10.3.0.1").getAddress().toIPv4(), false);
    a.allocate("node-b", new IPAddressString("10.3.0.2").getAddress().toIPv4(), false);
    a.allocate("node-c", new IPAddressString("10.3.0.3").getAddress().toIPv4(), false);
  }

  List<Finding> findings() {
    return IpamChecks.check(config, ClusterState.read(store)).findings();
  }

  void put(String key, String value) {
    KeyValue old = store.get(key).orElse(null);
    store.commit(old == null ? Txn.builder().create(key, value).build() : Txn.builder().update(old, value).build());
  }

  void delete(String key) {
    store.commit(Txn.builder().delete(store.get(key).orElseThrow()).build());
  }

  @Test
  void aHealthyStoreHasNoFindings() {
    IpamChecks.Result r = IpamChecks.check(config, ClusterState.read(store));
    assertThat(r.findings()).isEmpty();
    assertThat(r.subjects()).containsExactlyInAnyOrder("node-a", "node-b", "node-c");
  }

  @Test
  void aDeletedIpPoolIsMissing() {
    delete(CalicoKeys.IPPOOLS + "netctl-10-3-240-32-27");
    assertThat(findings()).singleElement().satisfies(f -> {
      assertThat(f.code()).isEqualTo(Code.POOL_MISSING);
      assertThat(f.subject()).isEqualTo("node-b");
    });
  }

  @Test
  void anEditedIpPoolIsAMismatchNamingTheFields() {
    String key = CalicoKeys.IPPOOLS + "netctl-10-3-240-0-27";
    put(key, store.get(key).orElseThrow().value().replace("\"blockSize\":27", "\"blockSize\":26").replace("\"ipipMode\":\"Never\"", "\"ipipMode\":\"Always\""));
    assertThat(findings()).singleElement().satisfies(f -> {
      assertThat(f.code()).isEqualTo(Code.POOL_MISMATCH);
      assertThat(f.observed()).contains("blockSize=26").contains("ipipMode=Always");
    });
  }

  @Test
  void aDeletedBlockAndAPendingAffinity() {
    delete(CalicoKeys.BLOCKS_V4 + "10.3.240.0-27");
    put("/calico/ipam/v2/host/node-b/ipv4/block/10.3.240.32-27", "{\"state\":\"pending\",\"deleted\":false}");
    assertThat(findings()).extracting(Finding::code, Finding::subject)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(Code.BLOCK_MISSING, "node-a"), org.assertj.core.groups.Tuple.tuple(Code.AFFINITY_MISSING, "node-b"));
  }

  @Test
  void aBlockAffineToAnotherHost() {
    String key = CalicoKeys.BLOCKS_V4 + "10.3.240.64-27";
    put(key, store.get(key).orElseThrow().value().replace("host:node-c", "host:node-z"));
    assertThat(findings()).extracting(Finding::code).containsExactly(Code.BLOCK_AFFINITY_WRONG);
  }

  @Test
  void orphansInTheManagedRangesAreFound() {
    var cidr = new IPAddressString("10.3.241.0/27").getAddress();
    put(CalicoKeys.IPPOOLS + "hand-made", CalicoResource.create("IPPool", "hand-made", Map.of(), Map.of(),
        new IpPoolSpec(cidr, 27, "all()", false, false).toJson(), null, Instant.EPOCH).toJson());
    put(CalicoKeys.block(new IPAddressString("10.3.242.0/27").getAddress()), AllocationBlock.fresh(new IPAddressString("10.3.242.0/27").getAddress(), "gone", Instant.EPOCH));
    put("/calico/ipam/v2/host/gone/ipv4/block/10.3.243.0-27", "{\"state\":\"confirmed\",\"deleted\":false}");
    assertThat(findings()).extracting(Finding::code)
        .containsExactlyInAnyOrder(Code.ORPHAN_POOL, Code.ORPHAN_BLOCK, Code.ORPHAN_AFFINITY);
  }

  @Test
  void overlapsShapesAndForeignPools() {
    put(CalicoKeys.IPPOOLS + "big", CalicoResource.create("IPPool", "big", Map.of(), Map.of(),
        new IpPoolSpec(new IPAddressString("10.3.240.0/24").getAddress(), 26, "all()", false, false).toJson(), null, Instant.EPOCH).toJson());
    put(CalicoKeys.IPPOOLS + "default-ipv4-ippool", CalicoResource.create("IPPool", "default-ipv4-ippool", Map.of(), Map.of(),
        new IpPoolSpec(new IPAddressString("192.168.0.0/16").getAddress(), 26, "all()", true, false).toJson(), null, Instant.EPOCH).toJson());
    List<Finding> f = findings();
    assertThat(f).extracting(Finding::code).contains(Code.POOL_SHAPE, Code.POOL_OVERLAP, Code.FOREIGN_POOL);
    assertThat(f).filteredOn(x -> x.code() == Code.POOL_OVERLAP).hasSize(3); // big overlaps each of the three /27s
  }

  @Test
  void hostIpProblems() {
    String key = "/netctl/v1/allocations/node-c";
    put(key, store.get(key).orElseThrow().value().replace("10.3.0.3", "10.3.0.2"));
    put("/netctl/v1/allocations/node-b", store.get("/netctl/v1/allocations/node-b").orElseThrow().value().replace("\"hostIp\":\"10.3.0.2\"", "\"hostIp\":null"));
    assertThat(findings()).extracting(Finding::code)
        .contains(Code.HOST_IP_MISSING, Code.INDEX_INCONSISTENT);
  }

  @Test
  void anAllocationOutsideTheRanges() {
    IpamConfig other = IpamConfig.of(List.of("10.3.216.0/21"), 27);
    assertThat(IpamChecks.check(other, ClusterState.read(store)).findings()).extracting(Finding::code)
        .contains(Code.POOL_OUTSIDE_RANGES);
  }

  // ---- join orders, selection -------------------------------------------------------------------

  @Test
  void anAllocationWaitingForItsCalicoNodeIsPendingInformationNotAnError() {
    Allocator a = new Allocator(store, config, Clock.systemUTC());
    a.allocate("node-d", new IPAddressString("10.3.0.4").getAddress().toIPv4(), false);
    assertThat(findings()).singleElement().satisfies(f -> {
      assertThat(f.code()).isEqualTo(Code.ALLOCATION_PENDING);
      assertThat(f.severity()).isEqualTo(Severity.INFO);
      assertThat(f.subject()).isEqualTo("node-d");
      assertThat(f.observed()).startsWith("pending: no Calico Node node-d yet");
    });
    // calico-node registers; until netctl completes it, the node's pods get nothing from its pool: a warning
    CalicoNodes.register(store, "node-d", "10.3.0.4/24");
    assertThat(findings()).singleElement().satisfies(f -> {
      assertThat(f.code()).isEqualTo(Code.ALLOCATION_INCOMPLETE);
      assertThat(f.severity()).isEqualTo(Severity.WARNING);
    });
    a.allocate("node-d", null, false);
    assertThat(findings()).isEmpty();
  }

  @Test
  void aCalicoNodeWithoutTheHostnameLabelOrWithAnotherOneIsSelectedByNetctlsOwnLabel() {
    // node-a: no labels but netctl's; node-b: label sync copied a hostname label that is not its name
    String bKey = CalicoKeys.node("node-b");
    put(bKey, store.get(bKey).orElseThrow().value().replace("\"labels\":{", "\"labels\":{\"kubernetes.io/hostname\":\"b.example.com\","));
    assertThat(store.get(CalicoKeys.node("node-a")).orElseThrow().value()).doesNotContain("kubernetes.io/hostname");
    assertThat(findings()).isEmpty();
  }

  @Test
  void aCalicoNodeThatLostThePoolLabelIsExactlyPoolNotSelectingNode() {
    String key = CalicoKeys.node("node-c");
    put(key, PoolLabel.unlabeled(key, store.get(key).orElseThrow().value()));
    assertThat(findings()).singleElement().satisfies(f -> {
      assertThat(f.code()).isEqualTo(Code.POOL_NOT_SELECTING_NODE);
      assertThat(f.subject()).isEqualTo("node-c");
      assertThat(f.expected()).contains("netctl.io/ippool == 'netctl-10-3-240-64-27'");
      assertThat(f.observed()).isEqualTo("its labels: none");
      assertThat(f.hint()).contains("netctl allocate NODE");
    });
  }

  @Test
  void aManualAssignmentModeIsAMismatch() {
    String key = CalicoKeys.IPPOOLS + "netctl-10-3-240-0-27";
    put(key, store.get(key).orElseThrow().value().replace("\"assignmentMode\":\"Automatic\"", "\"assignmentMode\":\"Manual\""));
    assertThat(findings()).singleElement().satisfies(f -> {
      assertThat(f.code()).isEqualTo(Code.POOL_MISMATCH);
      assertThat(f.observed()).isEqualTo("assignmentMode=Manual (want Automatic)");
    });
  }

  @Test
  void twoNodesWithOneHostIpAreADuplicate() {
    // records edited by hand: node-c claims node-b's host IP (the allocator itself refuses that)
    String key = "/netctl/v1/allocations/node-c";
    put(key, store.get(key).orElseThrow().value().replace("10.3.0.3", "10.3.0.2"));
    assertThat(findings()).filteredOn(f -> f.code() == Code.HOST_IP_DUPLICATE).singleElement().satisfies(f -> {
      assertThat(f.subject()).isEqualTo("10.3.0.2");
      assertThat(f.observed()).contains("node-b").contains("node-c");
    });
  }

  @Test
  void aHostIpInsideTheContainerRanges() {
    String key = "/netctl/v1/allocations/node-a";
    put(key, store.get(key).orElseThrow().value().replace("10.3.0.1", "10.3.244.9"));
    assertThat(findings()).filteredOn(f -> f.code() == Code.HOST_IP_IN_RANGES).singleElement().satisfies(f -> {
      assertThat(f.subject()).isEqualTo("node-a");
      assertThat(f.observed()).isEqualTo("10.3.244.9");
    });
  }

  @Test
  void aRecordThatCannotBeReadIsOneFindingNamingItsKeyOwnerAndPool() {
    put("/netctl/v1/allocations/node-b", "{not json");
    put(CalicoKeys.IPPOOLS + "imported", "kind: IPPool");
    put("/calico/ipam/v2/host/node-c/ipv4/block/10.3.240.64-27", "[1,2");
    List<Finding> f = findings();
    assertThat(f).extracting(Finding::code, Finding::subject).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple(Code.RECORD_MALFORMED, "/netctl/v1/allocations/node-b"),
        org.assertj.core.groups.Tuple.tuple(Code.RECORD_MALFORMED, CalicoKeys.IPPOOLS + "imported"),
        org.assertj.core.groups.Tuple.tuple(Code.RECORD_MALFORMED, "/calico/ipam/v2/host/node-c/ipv4/block/10.3.240.64-27"));
    // node-b's pool, block, affinity and indexes hang off the unreadable record: not reported again as orphans
    assertThat(f).filteredOn(x -> x.subject().endsWith("node-b")).singleElement().satisfies(x -> {
      assertThat(x.observed()).contains("not valid JSON").endsWith("(node node-b, pool 10.3.240.32/27)");
      assertThat(x.expected()).isEqualTo("a record netctl can read");
    });
  }

  @Test
  void aHostIpThatIsAnInfrastructureIpOfNetctlYaml() {
    IpamConfig withDirector = config.withInfrastructure(Map.of(new IPAddressString("10.3.0.2").getAddress().toIPv4(), "director lvs-int-1"));
    assertThat(IpamChecks.check(withDirector, ClusterState.read(store)).findings()).singleElement().satisfies(f -> {
      assertThat(f.code()).isEqualTo(Code.HOST_IP_INFRASTRUCTURE);
      assertThat(f.subject()).isEqualTo("node-b");
      assertThat(f.observed()).isEqualTo("10.3.0.2 is director lvs-int-1 in netctl.yaml");
    });
  }
}
