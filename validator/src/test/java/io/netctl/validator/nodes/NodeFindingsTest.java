package io.netctl.validator.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import inet.ipaddr.IPAddressString;
import io.netctl.ipam.Allocation;
import io.netctl.ipam.RefusedException;
import io.netctl.validator.Code;
import io.netctl.validator.Finding;
import io.netctl.validator.nodes.NodeFindings.AllocationFailure;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The exact text of each finding the controller reports about Nodes (operators and alerts read it). */
class NodeFindingsTest {
  static final Instant T = Instant.parse("2026-11-27T10:00:00Z");
  static final Allocation POOL = new Allocation("node-a", new IPAddressString("10.3.240.0/27").getAddress(), null, T, T);

  @Test
  void aNodeWithoutAllocationSaysWhatStoodInTheWay() {
    assertThat(NodeFindings.nodeWithoutAllocation("node-a", AllocationFailure.REFUSED, "no free /27 left"))
        .isEqualTo(Finding.of(Code.NODE_WITHOUT_ALLOCATION, "node-a", "a pool of its own", "refused: no free /27 left"));
    assertThat(NodeFindings.nodeWithoutAllocation("node-a", AllocationFailure.DATASTORE, "etcd unreachable").observed())
        .isEqualTo("datastore: etcd unreachable");
    assertThat(NodeFindings.nodeWithoutAllocation("node-a", AllocationFailure.BAD_INPUT, "bad name").observed())
        .isEqualTo("bad input: bad name");
    assertThat(NodeFindings.nodeWithoutAllocation("node-a", AllocationFailure.WITHOUT_HOST_IP, "gave up").observed())
        .isEqualTo("gave up");
  }

  @Test
  void aHostIpConflictNamesTheIpAndQuotesTheRefusal() {
    RefusedException taken = new RefusedException(RefusedException.Reason.HOST_IP_TAKEN, "host IP 192.0.2.1 is already recorded for node-old; one host IP per node");
    assertThat(NodeFindings.nodeHostIpConflict("node-new", new IPAddressString("192.0.2.1").getAddress().toIPv4(), taken))
        .isEqualTo(Finding.of(Code.NODE_HOST_IP_CONFLICT, "node-new", "host IP 192.0.2.1 recorded for node-new", taken.getMessage()));
  }

  @Test
  void aNodeWithoutInternalIpNamesItsPool() {
    assertThat(NodeFindings.nodeWithoutInternalIp("node-a", POOL.cidr()))
        .isEqualTo(Finding.of(Code.NODE_WITHOUT_INTERNAL_IP, "node-a", "an InternalIP in status.addresses", "none; pool 10.3.240.0/27 has no host IP"));
  }

  @Test
  void anAllocationWithoutNodeSaysWhenItIsReleased() {
    assertThat(NodeFindings.allocationWithoutNode(POOL, T.plusSeconds(600)))
        .isEqualTo(Finding.of(Code.ALLOCATION_WITHOUT_NODE, "node-a", "a Node named node-a",
            "no Node; pool 10.3.240.0/27 is released at 2026-11-27T10:10:00Z if the Node is still gone"));
  }

  @Test
  void aGoneNodesPoolInUseQuotesTheRefusal() {
    RefusedException inUse = new RefusedException(RefusedException.Reason.BLOCK_IN_USE, "node-a's block 10.3.240.0/27 has 2 addresses in use by pods");
    assertThat(NodeFindings.nodeGonePoolInUse("node-a", inUse))
        .isEqualTo(Finding.of(Code.NODE_GONE_POOL_IN_USE, "node-a", "no addresses in use in the block of a deleted Node", inUse.getMessage()));
  }

  @Test
  void aRefusalOfAnotherKindIsNoSuchFinding() {
    RefusedException contention = new RefusedException(RefusedException.Reason.CONTENTION, "gave up");
    assertThatThrownBy(() -> NodeFindings.nodeGonePoolInUse("node-a", contention)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NodeFindings.nodeHostIpConflict("node-a", null, contention)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aPodCapacityAboveThePoolsAddressesIsReportedAndNoneAtOrBelowIt() {
    assertThat(NodeFindings.maxPodsExceedsPool("node-a", 110, POOL.cidr())).contains(Finding.of(Code.NODE_MAXPODS_EXCEEDS_POOL, "node-a",
        "status.capacity.pods at most 32 (the addresses of 10.3.240.0/27)", "status.capacity.pods 110"));
    assertThat(NodeFindings.maxPodsExceedsPool("node-a", 33, POOL.cidr())).isPresent();
    assertThat(NodeFindings.maxPodsExceedsPool("node-a", 32, POOL.cidr())).isEmpty();
    assertThat(NodeFindings.maxPodsExceedsPool("node-a", 16, POOL.cidr())).isEmpty();
    assertThat(NodeFindings.maxPodsExceedsPool("node-a", null, POOL.cidr())).isEmpty();
  }
}
