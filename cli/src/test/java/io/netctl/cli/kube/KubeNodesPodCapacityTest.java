package io.netctl.cli.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** status.capacity.pods as the kubelet reports it becomes the NodeInfo's pod capacity. */
class KubeNodesPodCapacityTest {
  static Node node(Map<String, Quantity> capacity) {
    NodeBuilder b = new NodeBuilder().withNewMetadata().withName("node-a").endMetadata();
    return capacity == null ? b.build() : b.withNewStatus().withCapacity(capacity).endStatus().build();
  }

  @Test
  void thePodCapacityIsReadAndAbsentOrUnreadableIsUnknown() {
    assertThat(KubeNodes.info(node(Map.of("pods", new Quantity("110"), "cpu", new Quantity("4")))).podCapacity()).isEqualTo(110);
    assertThat(KubeNodes.info(node(Map.of("cpu", new Quantity("4")))).podCapacity()).isNull();
    assertThat(KubeNodes.info(node(null)).podCapacity()).isNull();
    assertThat(KubeNodes.info(node(Map.of("pods", new Quantity("1.5")))).podCapacity()).isNull();
  }
}
