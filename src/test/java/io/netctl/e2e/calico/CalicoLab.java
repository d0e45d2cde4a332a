package io.netctl.e2e.calico;

import static org.assertj.core.api.Assertions.assertThat;

import io.netctl.ipam.calico.CalicoKeys;
import io.netctl.ipam.store.EtcdSettings;
import io.netctl.ipam.store.EtcdStore;
import io.netctl.ipam.store.KeyValue;
import io.netctl.ipam.store.KvStore;
import io.netctl.ipam.store.Txn;
import io.netctl.lab.EtcdCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One test's world on a real etcd: netctl (in this JVM), calico-node's start-up and label sync,
 * calico-ipam's assignment and kube-controllers' IPAM GC, the Kubernetes Nodes and pods that exist.
 * Starts from an empty keyspace, with netctl's BGP objects applied (one standalone reflector).
 */
final class CalicoLab implements AutoCloseable {
  static final String CONFIG = """
      asNumber: 64512
      ranges: [10.3.240.0/24]
      routeReflectors:
        - {name: rr-1, ip: 10.3.252.8, clusterId: 1.0.0.1}
      """;

  final KvStore store;
  final CalicoKv kv;
  final KubeControllersIpamGc gc;
  final CalicoIpamAssignment ipam;
  final CalicoNodeStartup calico;
  final InProcessNetctl netctl;
  final Set<String> kubernetesNodes = new HashSet<>();
  final Set<String> pods = new HashSet<>();

  CalicoLab(EtcdCluster etcd, Path home) {
    store = new EtcdStore(EtcdSettings.plain(etcd.endpoints()).withTimeout(InProcessNetctl.ETCD_TIMEOUT)); // a bound for a loaded machine, not a wait
    wipe(store);
    kv = new CalicoKv(store);
    gc = new KubeControllersIpamGc(kv);
    ipam = new CalicoIpamAssignment(kv);
    calico = new CalicoNodeStartup(kv);
    try {
      netctl = new InProcessNetctl(home, etcd.endpointsFlag(), Files.writeString(home.resolve("netctl.yaml"), CONFIG));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    InProcessNetctl.Run apply = netctl.run("bgp", "apply");
    assertThat(apply.code()).as(apply.toString()).isZero();
  }

  /** Every key of the previous test goes (in transactions of etcd's size). */
  static void wipe(KvStore store) {
    List<KeyValue> all = store.range("/").kvs();
    for (int i = 0; i < all.size(); i += 100) {
      Txn.Builder t = Txn.builder();
      all.subList(i, Math.min(all.size(), i + 100)).forEach(t::delete);
      assertThat(store.commit(t.build()).succeeded()).isTrue();
    }
  }

  /** kube-controllers' IPAM GC runs a full sync here: it must leave netctl's allocations alone. */
  void gcLeavesEverythingAlone(String when) {
    assertThat(gc.sync(kubernetesNodes, pods)).as("kube-controllers' IPAM GC " + when).isEmpty();
  }

  /** A pod starts on {@code node}: calico-ipam assigns its address. */
  String podStarts(String node, String pod) {
    pods.add("default/" + pod);
    return ipam.assign(node, "default", pod, "c-" + pod, Instant.parse("2026-11-27T10:00:00Z"));
  }

  boolean hasBlock(String segment) {
    return store.get(CalicoKeys.BLOCKS_V4 + segment).isPresent();
  }

  int addressesInUse(String segment) {
    return io.netctl.ipam.calico.AllocationBlock.parse("b", store.get(CalicoKeys.BLOCKS_V4 + segment).orElseThrow().value()).inUse();
  }

  @Override
  public void close() {
    store.close();
  }
}
