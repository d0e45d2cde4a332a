package io.netctl.e2e.calico;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import inet.ipaddr.IPAddressString;
import io.netctl.cli.controller.NodeDirectory;
import io.netctl.cli.controller.NodeInfo;
import io.netctl.cli.controller.ReconcileCounters;
import io.netctl.cli.controller.Reconciler;
import io.netctl.ipam.Allocator;
import io.netctl.ipam.IpamConfig;
import io.netctl.ipam.IpamReplica;
import io.netctl.ipam.calico.AllocationBlock;
import io.netctl.ipam.calico.CalicoKeys;
import io.netctl.ipam.calico.PoolLabel;
import io.netctl.lab.EtcdExtension;
import io.netctl.lab.Poll;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node's allocation survives kube-controllers' IPAM GC in either join order, with the GC model run
 * against real etcd between every step: {@code netctl allocate} before calico-node registers the node
 * (the seed's order) → the Calico Node appears → netctl completes the allocation (a re-run of
 * allocate, or the controller) → a pod gets its address by Calico's assignment from the node's
 * block; and calico-node first. {@code netctl check} says "pending" before, never an error, and is
 * clean once the node is up.
 */
class JoinOrderIT {
  @RegisterExtension static EtcdExtension etcd = new EtcdExtension(1);
  @TempDir Path home;

  @Test
  void allocateBeforeCalicoNodeRegistersTheNode() {
    try (CalicoLab lab = new CalicoLab(etcd.cluster(), home)) {
      lab.kubernetesNodes.add("node-x"); // the kubelet registered the Node; calico-node is not running yet
      InProcessNetctl.Run allocate = lab.netctl.run("allocate", "node-x", "--host-ip", "10.3.0.5");
      assertThat(allocate.code()).as(allocate.toString()).isZero();
      assertThat(allocate.out()).contains("node-x 10.3.240.0/27 (host IP 10.3.0.5): allocated").contains("pending: no Calico Node node-x yet");
      lab.gcLeavesEverythingAlone("after allocate, before the Calico Node");
      assertThat(lab.netctl.checkConfig()).satisfies(c -> {
        assertThat(c.code()).isZero();
        assertThat(c.findings()).containsExactly("allocation-pending node-x (info)");
      });

      lab.calico.register("node-x", "10.3.0.5/24"); // calico-node starts on the host
      lab.gcLeavesEverythingAlone("after the Calico Node appeared");
      assertThat(lab.netctl.checkConfig()).satisfies(c -> {
        assertThat(c.code()).as("a warning, not an error").isZero();
        assertThat(c.findings()).containsExactly("allocation-incomplete node-x (warning)");
      });
      // what the warning says: until netctl completes it, the node's pods get nothing from its pool
      assertThatThrownBy(() -> lab.podStarts("node-x", "early")).hasMessage("no configured Calico pools for node node-x");
      lab.pods.clear();

      InProcessNetctl.Run again = lab.netctl.run("allocate", "node-x");
      assertThat(again.out()).as(again.toString()).contains("node-x 10.3.240.0/27 (host IP 10.3.0.5): completed in Calico");
      lab.gcLeavesEverythingAlone("after netctl completed the allocation");
      assertThat(lab.netctl.checkConfig()).satisfies(c -> {
        assertThat(c.code()).isZero();
        assertThat(c.findings()).isEmpty();
      });

      assertThat(lab.podStarts("node-x", "web-1")).isEqualTo("10.3.240.0");
      lab.gcLeavesEverythingAlone("with a pod on the node");
      assertThat(lab.addressesInUse("10.3.240.0-27")).isEqualTo(1);
      assertThat(lab.netctl.checkConfig().findings()).isEmpty();
    }
  }

  @Test
  void calicoNodeBeforeAllocate() {
    try (CalicoLab lab = new CalicoLab(etcd.cluster(), home)) {
      lab.kubernetesNodes.add("node-y");
      lab.calico.register("node-y", "10.3.0.6/24");
      lab.gcLeavesEverythingAlone("with a Calico Node and no allocation");
      InProcessNetctl.Run allocate = lab.netctl.run("allocate", "node-y", "--host-ip", "10.3.0.6", "-o", "json");
      assertThat(allocate.code()).as(allocate.toString()).isZero();
      assertThat(allocate.out()).contains("\"outcome\" : \"created\"").contains("\"pending\" : false");
      lab.gcLeavesEverythingAlone("after allocate");
      assertThat(lab.netctl.checkConfig().findings()).isEmpty();
      assertThat(lab.podStarts("node-y", "web-2")).isEqualTo("10.3.240.0");
      lab.gcLeavesEverythingAlone("with a pod on the node");
      assertThat(lab.netctl.checkConfig()).satisfies(c -> {
        assertThat(c.code()).isZero();
        assertThat(c.findings()).isEmpty();
      });
    }
  }

  @Test
  void theControllerCompletesTheAllocationWhenCalicoNodeRegistersTheNode() throws Exception {
    ExecutorService loop = Executors.newSingleThreadExecutor();
    try (CalicoLab lab = new CalicoLab(etcd.cluster(), home); IpamReplica replica = new IpamReplica(lab.store)) {
      Allocator allocator = Allocator.mirrored(lab.store, IpamConfig.of(List.of("10.3.240.0/24"), 27), Clock.systemUTC(), replica);
      NodeDirectory api = new NodeDirectory() {
        @Override
        public Presence presence(String node) {
          return lab.kubernetesNodes.contains(node) ? Presence.PRESENT : Presence.ABSENT;
        }

        @Override
        public List<NodeInfo> list() {
          return lab.kubernetesNodes.stream().map(n -> NodeInfo.of(n, null)).toList();
        }

        @Override
        public void annotate(String node, String pool) {}
      };
      Reconciler reconciler = new Reconciler(allocator, api, Clock.systemUTC(), Duration.ofMinutes(10), false, () -> true, ReconcileCounters.NONE);
      // as ControllerCommand wires it: the allocation mirror's watch tells the reconciler's one thread
      replica.onCalicoNode(name -> loop.execute(() -> reconciler.calicoNodeChanged(name)));
      lab.kubernetesNodes.add("node-z");
      loop.submit(() -> reconciler.upsert(NodeInfo.of("node-z", new IPAddressString("10.3.0.7").getAddress().toIPv4()))).get(60, TimeUnit.SECONDS);
      assertThat(lab.hasBlock("10.3.240.0-27")).as("pending").isFalse();
      lab.gcLeavesEverythingAlone("after the controller allocated");
      assertThat(lab.netctl.checkConfig().findings()).containsExactly("allocation-pending node-z (info)");

      lab.calico.register("node-z", "10.3.0.7/24");
      Poll.until(Duration.ofSeconds(60), "the controller completes node-z's allocation", () -> lab.hasBlock("10.3.240.0-27")
          && lab.store.get(CalicoKeys.affinity("node-z", new IPAddressString("10.3.240.0/27").getAddress())).isPresent());
      lab.gcLeavesEverythingAlone("after the controller completed it");
      assertThat(lab.netctl.checkConfig().findings()).isEmpty();
      assertThat(lab.podStarts("node-z", "web-3")).isEqualTo("10.3.240.0");
      lab.gcLeavesEverythingAlone("with a pod on the node");
      assertThat(lab.netctl.checkConfig().findings()).isEmpty();

      // the Calico Node loses netctl's pool label (an edit): the controller puts it back
      lab.calico.removeLabel("node-z", PoolLabel.KEY);
      Poll.until(Duration.ofSeconds(60), "the controller puts node-z's pool label back", () -> CalicoKv.json(
          lab.store.get(CalicoKeys.node("node-z")).orElseThrow()).path("metadata").path("labels").path(PoolLabel.KEY).asText("").startsWith("netctl-"));
      assertThat(lab.netctl.checkConfig().findings()).isEmpty();
      assertThat(lab.podStarts("node-z", "web-4")).isEqualTo("10.3.240.1");
    } finally {
      loop.shutdownNow();
    }
  }

  /** The model is not toothless: what netctl used to write for a host without a Calico Node, it releases. */
  @Test
  void theGcModelReleasesTheBlockAndAffinityOfAHostWithoutACalicoNode() {
    try (CalicoLab lab = new CalicoLab(etcd.cluster(), home)) {
      var cidr = new IPAddressString("10.3.240.64/27").getAddress();
      lab.kubernetesNodes.add("node-old");
      lab.kv.create(CalicoKeys.block(cidr), AllocationBlock.fresh(cidr, "node-old", Instant.EPOCH));
      lab.kv.create(CalicoKeys.affinity("node-old", cidr), "{\"state\":\"confirmed\",\"deleted\":false}");
      assertThat(lab.gc.sync(lab.kubernetesNodes, lab.pods))
          .containsExactly("released the affinity of node-old for 10.3.240.64-27 (no Kubernetes node for the IPAM host)");
      assertThat(lab.hasBlock("10.3.240.64-27")).isFalse();
      assertThat(lab.store.get(CalicoKeys.affinity("node-old", cidr))).isEmpty();
      // with its Calico Node (naming an existing Kubernetes node) the same objects stay
      lab.kv.create(CalicoKeys.block(cidr), AllocationBlock.fresh(cidr, "node-old", Instant.EPOCH));
      lab.kv.create(CalicoKeys.affinity("node-old", cidr), "{\"state\":\"confirmed\",\"deleted\":false}");
      lab.calico.register("node-old", "10.3.0.9/24");
      lab.gcLeavesEverythingAlone("for a host with a Calico Node");
      // and once its Kubernetes node is gone, they go
      lab.kubernetesNodes.remove("node-old");
      assertThat(lab.gc.sync(lab.kubernetesNodes, lab.pods)).hasSize(1);
      assertThat(lab.hasBlock("10.3.240.64-27")).isFalse();
    }
  }
}
