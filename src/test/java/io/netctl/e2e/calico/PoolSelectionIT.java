package io.netctl.e2e.calico;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netctl.ipam.calico.CalicoResource;
import io.netctl.ipam.calico.IpPoolSpec;
import io.netctl.ipam.calico.PoolLabel;
import io.netctl.lab.EtcdExtension;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node's pool selects its Calico Node without kube-controllers' label sync: a Calico Node without
 * the hostname label, and one whose hostname label is not its name, each get their addresses from
 * netctl's pool by Calico's own assignment, and {@code netctl check} is clean; a Node that lost
 * netctl's label yields exactly {@code pool-not-selecting-node}, and {@code netctl allocate} repairs it.
 */
class PoolSelectionIT {
  @RegisterExtension static EtcdExtension etcd = new EtcdExtension(1);
  @TempDir Path home;

  @Test
  void aCalicoNodeWithoutTheHostnameLabelGetsItsAddressesFromItsPool() {
    try (CalicoLab lab = new CalicoLab(etcd.cluster(), home)) {
      lab.kubernetesNodes.add("node-a");
      lab.calico.register("node-a", "10.3.0.5/24"); // calico-node sets no labels; no label sync runs
      assertThat(lab.netctl.run("allocate", "node-a", "--host-ip", "10.3.0.5").code()).isZero();
      assertThat(lab.podStarts("node-a", "p1")).isEqualTo("10.3.240.0");
      lab.gcLeavesEverythingAlone("with a pod on node-a");
      assertThat(lab.netctl.checkConfig().findings()).isEmpty();
    }
  }

  @Test
  void aCalicoNodeWhoseHostnameLabelIsNotItsNameGetsItsAddressesFromItsPool() {
    try (CalicoLab lab = new CalicoLab(etcd.cluster(), home)) {
      lab.kubernetesNodes.add("node-b");
      lab.calico.register("node-b", "10.3.0.6/24");
      lab.calico.labelSync("node-b", Map.of("kubernetes.io/hostname", "b.example.com"));
      assertThat(lab.netctl.run("allocate", "node-b", "--host-ip", "10.3.0.6").code()).isZero();
      // label sync runs again later: it only touches the labels it synced
      lab.calico.labelSync("node-b", Map.of("kubernetes.io/hostname", "b.example.com", "topology.kubernetes.io/zone", "z1"));
      assertThat(lab.podStarts("node-b", "p2")).isEqualTo("10.3.240.0");
      lab.gcLeavesEverythingAlone("with a pod on node-b");
      assertThat(lab.netctl.checkConfig().findings()).isEmpty();
    }
  }

  @Test
  void aCalicoNodeThatLostTheLabelIsExactlyPoolNotSelectingNodeAndAllocateRepairsIt() {
    try (CalicoLab lab = new CalicoLab(etcd.cluster(), home)) {
      lab.kubernetesNodes.add("node-c");
      lab.calico.register("node-c", "10.3.0.7/24");
      assertThat(lab.netctl.run("allocate", "node-c", "--host-ip", "10.3.0.7").code()).isZero();
      lab.calico.removeLabel("node-c", PoolLabel.KEY);
      assertThat(lab.netctl.checkConfig()).satisfies(c -> {
        assertThat(c.code()).isEqualTo(1);
        assertThat(c.findings()).containsExactly("pool-not-selecting-node node-c (error)");
      });
      assertThatThrownBy(() -> lab.podStarts("node-c", "p3")).hasMessage("no configured Calico pools for node node-c");
      lab.pods.clear();

      // with another pool that selects every node, Calico releases netctl's empty affinity (ipam.go prepareAffinityBlocksForHost)
      lab.kv.create("/calico/resources/v3/projectcalico.org/ippools/default-ipv4-ippool", CalicoResource.create("IPPool", "default-ipv4-ippool",
          Map.of(), Map.of(), new IpPoolSpec(new inet.ipaddr.IPAddressString("192.168.0.0/16").getAddress(), 26, "all()", true, false).toJson(), null,
          Instant.EPOCH).toJson());
      assertThat(lab.podStarts("node-c", "p4")).startsWith("192.168.");
      assertThat(lab.hasBlock("10.3.240.0-27")).as("netctl's empty block released by Calico").isFalse();

      InProcessNetctl.Run repair = lab.netctl.run("allocate", "node-c");
      assertThat(repair.out()).as(repair.toString()).contains("completed in Calico");
      assertThat(lab.hasBlock("10.3.240.0-27")).isTrue();
      assertThat(lab.netctl.checkConfig().findings()).doesNotContain("pool-not-selecting-node node-c (error)")
          .noneMatch(f -> f.endsWith("(error)") && f.contains("node-c"));
      assertThat(lab.podStarts("node-c", "p5")).isEqualTo("10.3.240.0");
    }
  }
}
