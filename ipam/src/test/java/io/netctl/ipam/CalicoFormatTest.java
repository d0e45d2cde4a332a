package io.netctl.ipam;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import inet.ipaddr.IPAddressString;
import io.netctl.ipam.store.MemoryStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reads back the Calico keys an allocation writes and checks them field by field against
 * reference/calico-etcd-model.md (A.0 envelope, A.2 IPPool, A.6 block and affinity).
 */
class CalicoFormatTest {
  static final ObjectMapper M = new ObjectMapper();
  final MemoryStore store = new MemoryStore();

  @BeforeEach
  void allocate() {
    CalicoNodeFixture.register(store, "node-x");
    new Allocator(store, IpamConfig.DEFAULT, AllocatorTest.CLOCK, new Random(1))
        .allocate("node-x", new IPAddressString("10.3.0.5").getAddress().toIPv4(), false);
  }

  JsonNode read(String key) throws Exception {
    return M.readTree(store.get(key).orElseThrow(() -> new AssertionError("missing " + key)).value());
  }

  static List<String> fields(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }

  @Test
  void ipPoolIsAV3ResourceAsCalicoctlStoresIt() throws Exception {
    JsonNode pool = read("/calico/resources/v3/projectcalico.org/ippools/netctl-10-3-240-0-27");
    // A.0: envelope in Go's order; no resourceVersion (it is the key's mod revision)
    assertThat(fields(pool)).containsExactly("kind", "apiVersion", "metadata", "spec");
    assertThat(pool.get("kind").asText()).isEqualTo("IPPool");
    assertThat(pool.get("apiVersion").asText()).isEqualTo("projectcalico.org/v3");
    JsonNode meta = pool.get("metadata");
    assertThat(fields(meta)).containsExactly("name", "uid", "creationTimestamp", "labels", "annotations");
    assertThat(meta.get("name").asText()).isEqualTo("netctl-10-3-240-0-27");
    assertThat(UUID.fromString(meta.get("uid").asText())).isNotNull();
    assertThat(meta.get("creationTimestamp").asText()).isEqualTo("2026-11-27T10:00:00Z");
    assertThat(meta.has("resourceVersion")).isFalse();
    assertThat(meta.get("labels").get("app.kubernetes.io/managed-by").asText()).isEqualTo("netctl");
    assertThat(meta.get("annotations").get("netctl.io/node").asText()).isEqualTo("node-x");
    // A.2: spec after calicoctl's defaults, with blockSize 27 (the default 26 is refused for a /27 pool)
    JsonNode spec = pool.get("spec");
    assertThat(fields(spec)).containsExactly("cidr", "vxlanMode", "ipipMode", "blockSize", "nodeSelector", "allowedUses", "assignmentMode");
    assertThat(spec.get("cidr").asText()).isEqualTo("10.3.240.0/27");
    assertThat(spec.get("vxlanMode").asText()).isEqualTo("Never");
    assertThat(spec.get("ipipMode").asText()).isEqualTo("Never");
    assertThat(spec.has("natOutgoing")).as("natOutgoing false is omitted, as Go's omitempty writes it").isFalse();
    assertThat(spec.has("disabled")).isFalse();
    assertThat(spec.get("blockSize").isInt()).isTrue();
    assertThat(spec.get("blockSize").asInt()).isEqualTo(27);
    // selected by the label netctl puts on the Calico Node, not by a label only kube-controllers' label sync would copy
    assertThat(spec.get("nodeSelector").asText()).isEqualTo("netctl.io/ippool == 'netctl-10-3-240-0-27'");
    assertThat(spec.get("allowedUses")).hasSize(2);
    assertThat(spec.get("allowedUses").get(0).asText()).isEqualTo("Workload");
    assertThat(spec.get("allowedUses").get(1).asText()).isEqualTo("Tunnel");
    // v3.30+: what clientv3/ippool.go defaults on create; Manual pools serve only pods that name them
    assertThat(spec.get("assignmentMode").asText()).isEqualTo("Automatic");
  }

  @Test
  void theCalicoNodeCarriesThePoolLabelAndKeepsEverythingElse() throws Exception {
    JsonNode node = read("/calico/resources/v3/projectcalico.org/nodes/node-x");
    assertThat(fields(node)).containsExactly("kind", "apiVersion", "metadata", "spec", "status");
    assertThat(fields(node.get("metadata"))).containsExactly("name", "uid", "creationTimestamp", "labels");
    assertThat(node.at("/metadata/labels/netctl.io~1ippool").asText()).isEqualTo("netctl-10-3-240-0-27");
    assertThat(node.at("/spec/bgp/ipv4Address").asText()).isEqualTo("10.3.0.99/24");
    assertThat(node.at("/spec/orchRefs/0/nodeName").asText()).isEqualTo("node-x");
  }

  @Test
  void blockIsAFreshClaimedAllocationBlock() throws Exception {
    JsonNode b = read("/calico/ipam/v2/assignment/ipv4/block/10.3.240.0-27");
    assertThat(fields(b)).containsExactly("cidr", "affinity", "allocations", "unallocated", "attributes", "sequenceNumber", "sequenceNumberForAllocation", "deleted");
    assertThat(b.get("cidr").asText()).isEqualTo("10.3.240.0/27");
    assertThat(b.get("affinity").asText()).isEqualTo("host:node-x");
    assertThat(b.get("allocations")).hasSize(32).allMatch(JsonNode::isNull);
    assertThat(b.get("unallocated")).hasSize(32);
    for (int i = 0; i < 32; i++) {
      assertThat(b.get("unallocated").get(i).asInt()).isEqualTo(i);
    }
    assertThat(b.get("attributes").isNull()).isTrue();
    assertThat(b.get("sequenceNumber").isIntegralNumber()).isTrue();
    assertThat(b.get("sequenceNumber").asLong()).isEqualTo(1_795_773_600_000_000_000L);
    assertThat(b.get("sequenceNumberForAllocation").isObject()).isTrue();
    assertThat(b.get("sequenceNumberForAllocation")).isEmpty();
    assertThat(b.get("deleted").asBoolean()).isFalse();
  }

  @Test
  void affinityIsConfirmedSoBirdExportsTheBlockAtOnce() throws Exception {
    assertThat(store.get("/calico/ipam/v2/host/node-x/ipv4/block/10.3.240.0-27").orElseThrow().value())
        .isEqualTo("{\"state\":\"confirmed\",\"deleted\":false}");
  }

  @Test
  void netctlRecordAndIndexes() throws Exception {
    JsonNode a = read("/netctl/v1/allocations/node-x");
    assertThat(a.get("node").asText()).isEqualTo("node-x");
    assertThat(a.get("cidr").asText()).isEqualTo("10.3.240.0/27");
    assertThat(a.get("hostIp").asText()).isEqualTo("10.3.0.5");
    assertThat(a.get("createdAt").asText()).isEqualTo("2026-11-27T10:00:00Z");
    assertThat(store.get("/netctl/v1/cidrs/10.3.240.0-27").orElseThrow().value()).isEqualTo("{\"node\":\"node-x\"}");
    assertThat(store.get("/netctl/v1/host-ips/10.3.0.5").orElseThrow().value()).isEqualTo("{\"node\":\"node-x\"}");
  }
}
