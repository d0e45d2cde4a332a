package io.netctl.bgp.calico;

import static io.netctl.bgp.calico.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.netctl.ipam.RefusedException;
import io.netctl.ipam.calico.CalicoJson;
import io.netctl.ipam.calico.CalicoKeys;
import io.netctl.ipam.store.EtcdSettings;
import io.netctl.ipam.store.EtcdStore;
import io.netctl.ipam.store.KeyValue;
import io.netctl.ipam.store.KvStore;
import io.netctl.ipam.store.Txn;
import io.netctl.lab.EtcdExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Plan and apply against a real etcd: idempotence, topology changes, concurrent writers, foreign objects, the stored JSON. */
class CalicoBgpEtcdIT {
  @RegisterExtension static EtcdExtension etcd = new EtcdExtension(1);

  static final String PEER_8 = CalicoKeys.BGPPEERS + "rr-10-3-252-8";
  static final String PEER_9 = CalicoKeys.BGPPEERS + "rr-10-3-252-9";
  static final String PEER_10 = CalicoKeys.BGPPEERS + "rr-10-3-252-10";

  KvStore store;

  @BeforeEach
  void open() {
    store = new EtcdStore(EtcdSettings.plain(etcd.cluster().endpoints()).withTimeout(io.netctl.lab.EtcdCluster.CLIENT_TIMEOUT));
    wipe();
  }

  @AfterEach
  void close() {
    store.close();
  }

  void wipe() {
    Txn.Builder b = Txn.builder();
    store.range("/").kvs().forEach(b::delete);
    if (!b.isEmpty()) {
      store.commit(b.build());
    }
  }

  /** Every key under /calico/ with its mod revision. */
  Map<String, Long> revisions() {
    Map<String, Long> m = new TreeMap<>();
    store.range("/calico/").kvs().forEach(kv -> m.put(kv.key(), kv.modRevision()));
    return m;
  }

  JsonNode stored(String key) {
    return CalicoJson.parse(key, store.get(key).orElseThrow().value());
  }

  static List<String> fieldNames(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }

  @Test
  void applyOnAnEmptyStoreThenAgainChangesNothing() {
    BgpPlan first = plan(TWO_RRS, store);
    assertThat(first.changes()).hasSize(3);
    long rev = first.apply(store);
    Map<String, Long> after = revisions();
    assertThat(after).containsOnlyKeys(CalicoBgpState.DEFAULT_CONFIG_KEY, PEER_8, PEER_9);
    assertThat(after.values()).as("one transaction: one revision").containsOnly(rev);

    BgpPlan second = plan(TWO_RRS, store);
    assertThat(second.inSync()).isTrue();
    assertThat(second.apply(store)).isEqualTo(rev);
    assertThat(revisions()).as("same mod revisions").isEqualTo(after);
  }

  @Test
  void theStoredJsonIsWhatCalicoctlStores() {
    plan(TWO_RRS, store).apply(store);
    // A.4 BGPConfiguration default
    JsonNode c = stored(CalicoBgpState.DEFAULT_CONFIG_KEY);
    assertThat(fieldNames(c)).containsExactly("kind", "apiVersion", "metadata", "spec");
    assertThat(c.get("kind").asText()).isEqualTo("BGPConfiguration");
    assertThat(c.get("apiVersion").asText()).isEqualTo("projectcalico.org/v3");
    assertMetadata(c.get("metadata"), "default");
    assertThat(fieldNames(c.get("spec"))).containsExactly("logSeverityScreen", "nodeToNodeMeshEnabled", "asNumber");
    assertThat(c.at("/spec/logSeverityScreen").asText()).isEqualTo("Info");
    assertThat(c.at("/spec/nodeToNodeMeshEnabled").isBoolean()).isTrue();
    assertThat(c.at("/spec/nodeToNodeMeshEnabled").asBoolean()).isFalse();
    assertThat(c.at("/spec/asNumber").isIntegralNumber()).as("asNumber is a JSON number").isTrue();
    assertThat(c.at("/spec/asNumber").asLong()).isEqualTo(64512);

    // A.3 one global BGPPeer per reflector
    JsonNode p = stored(PEER_8);
    assertThat(fieldNames(p)).containsExactly("kind", "apiVersion", "metadata", "spec");
    assertThat(p.get("kind").asText()).isEqualTo("BGPPeer");
    assertThat(p.get("apiVersion").asText()).isEqualTo("projectcalico.org/v3");
    assertMetadata(p.get("metadata"), "rr-10-3-252-8");
    assertThat(fieldNames(p.get("spec"))).as("global: no node, no nodeSelector").containsExactly("peerIP", "asNumber");
    assertThat(p.at("/spec/peerIP").asText()).isEqualTo("10.3.252.8");
    assertThat(p.at("/spec/asNumber").isIntegralNumber()).isTrue();
    assertThat(p.at("/spec/asNumber").asLong()).isEqualTo(64512);
    assertThat(p.has("status")).isFalse();
  }

  static void assertMetadata(JsonNode m, String name) {
    assertThat(fieldNames(m)).containsExactly("name", "uid", "creationTimestamp", "labels");
    assertThat(m.get("name").asText()).isEqualTo(name);
    assertThat(m.get("uid").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    assertThat(m.get("creationTimestamp").asText()).isEqualTo("2026-11-27T10:00:00Z");
    assertThat(m.get("labels").get("app.kubernetes.io/managed-by").asText()).isEqualTo("netctl");
    assertThat(m.has("resourceVersion")).as("resourceVersion is the mod revision, never stored").isFalse();
  }

  @Test
  void theReflectorNodeJsonIsWhatCalicoctlStores() {
    put(store, CalicoKeys.NODES + "rr-1", calicoNode("rr-1", "10.3.252.8/24"));
    KeyValue before = store.get(CalicoKeys.NODES + "rr-1").orElseThrow();
    plan(TWO_RRS, store).apply(store);
    JsonNode n = stored(CalicoKeys.NODES + "rr-1");
    // A.5: kind, apiVersion, metadata (uid and creationTimestamp kept), spec.bgp first, status {}
    assertThat(fieldNames(n)).containsExactly("kind", "apiVersion", "metadata", "spec", "status");
    assertThat(n.get("kind").asText()).isEqualTo("Node");
    assertThat(fieldNames(n.get("metadata"))).containsExactly("name", "uid", "creationTimestamp", "labels", "annotations");
    assertThat(n.at("/metadata/uid").asText()).isEqualTo(CalicoJson.parse("k", before.value()).at("/metadata/uid").asText());
    assertThat(n.at("/metadata/creationTimestamp").asText()).isEqualTo("2026-01-02T03:04:05Z");
    assertThat(n.at("/metadata/labels/route-reflector").asText()).isEqualTo("true");
    assertThat(fieldNames(n.get("spec"))).containsExactly("bgp", "orchRefs");
    assertThat(fieldNames(n.at("/spec/bgp"))).containsExactly("ipv4Address", "routeReflectorClusterID");
    assertThat(n.at("/spec/bgp/ipv4Address").asText()).isEqualTo("10.3.252.8/24");
    assertThat(n.at("/spec/bgp/routeReflectorClusterID").asText()).isEqualTo("1.0.0.1");
    assertThat(n.get("status").isObject() && n.get("status").isEmpty()).isTrue();
    assertThat(n.at("/metadata").has("resourceVersion")).isFalse();
    assertThat(store.get(CalicoKeys.NODES + "rr-1").orElseThrow().createRevision()).as("updated, not re-created").isEqualTo(before.createRevision());
  }

  @Test
  void oneReflectorAddedAndOneRemovedChangesExactlyThoseObjects() {
    plan(TWO_RRS, store).apply(store);
    Map<String, Long> before = revisions();
    BgpTopology next = topo(rr("rr-1", "10.3.252.8"), rr("rr-3", "10.3.252.10"));
    BgpPlan p = plan(next, store);
    assertThat(p.changes()).extracting(c -> c.action() + " " + c.key()).containsExactly("create " + PEER_10, "delete " + PEER_9);
    long rev = p.apply(store);
    Map<String, Long> after = revisions();
    assertThat(after).containsOnlyKeys(CalicoBgpState.DEFAULT_CONFIG_KEY, PEER_8, PEER_10);
    assertThat(after.get(CalicoBgpState.DEFAULT_CONFIG_KEY)).isEqualTo(before.get(CalicoBgpState.DEFAULT_CONFIG_KEY));
    assertThat(after.get(PEER_8)).isEqualTo(before.get(PEER_8));
    assertThat(after.get(PEER_10)).isEqualTo(rev);
  }

  @Test
  void aConcurrentWriterBetweenPlanAndApplyFailsItCleanly() {
    plan(topo(rr("rr-1", "10.3.252.8")), store).apply(store);
    BgpPlan p = plan(TWO_RRS, store); // would create rr-10-3-252-9
    assertThat(p.changes()).extracting(Change::key).containsExactly(PEER_9);
    // someone else changes the global configuration meanwhile (an object the plan does not write, but checked)
    KeyValue config = store.get(CalicoBgpState.DEFAULT_CONFIG_KEY).orElseThrow();
    store.commit(Txn.builder().update(config, config.value().replace("\"Info\"", "\"Debug\"")).build());
    Map<String, Long> before = revisions();
    assertThatThrownBy(() -> p.apply(store)).isInstanceOf(RefusedException.class)
        .hasMessageContaining("changed").hasMessageContaining("nothing was written").hasMessageContaining("re-run");
    assertThat(revisions()).as("nothing half-written").isEqualTo(before);
    assertThat(store.get(PEER_9)).isEmpty();

    // and a writer creating the very object the plan creates
    BgpPlan q = plan(TWO_RRS, store);
    put(store, PEER_9, foreignPeer("rr-10-3-252-9", "10.3.252.9", 64512));
    assertThatThrownBy(() -> q.apply(store)).isInstanceOf(RefusedException.class);
    assertThat(stored(PEER_9).at("/metadata/labels").isMissingNode()).as("the other writer's object stands").isTrue();
    // re-running sees it and refuses to take over a foreign object
    assertThat(plan(TWO_RRS, store).refusals()).extracting(Refusal::code).containsExactly(Refusal.Code.NOT_MANAGED);
  }

  @Test
  void aForeignPeerWithAs64513IsRefusedAndNamed() {
    put(store, CalicoKeys.BGPPEERS + "hand-made", foreignPeer("hand-made", "10.3.252.8", 64513));
    Map<String, Long> before = revisions();
    BgpPlan p = plan(TWO_RRS, store);
    assertThat(p.refusals()).hasSize(1);
    assertThat(p.refusals().get(0).message()).startsWith("BGPPeer hand-made (peerIP 10.3.252.8) has asNumber 64513 but the global AS is 64512");
    assertThatThrownBy(() -> p.apply(store)).isInstanceOf(RefusedException.class).hasMessageContaining("hand-made");
    assertThat(revisions()).isEqualTo(before);
  }
}
