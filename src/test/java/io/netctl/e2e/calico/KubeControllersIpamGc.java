package io.netctl.e2e.calico;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netctl.ipam.calico.CalicoKeys;
import io.netctl.ipam.store.KeyValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A model of kube-controllers' IPAM garbage collection in etcd mode, written from Calico v3.30.0's
 * {@code kube-controllers/pkg/controllers/node/ipam.go}: one full sync ({@code syncIPAM} after
 * {@code fullScanNextSync}, which the periodic ticker queues every 5 minutes), acting on the
 * datastore as the controller does. It is deliberately the worst case: every grace period counts
 * as elapsed.
 *
 * <ol>
 *   <li>{@code onBlockUpdated}: every block with affinity {@code host:X} puts X among the IPAM
 *       hosts ({@code nodesByBlock}); every allocated ordinal is an allocation of the node in its
 *       attributes' {@code secondary.node}.
 *   <li>{@code checkAllocations} (full scan): for each IPAM host, {@code kubernetesNodeForCalico}:
 *       no Calico Node → no Kubernetes node ({@code ""}); a Calico Node without a {@code k8s}
 *       orchRef → {@code ErrorNotKubernetes}, the host is skipped; else its orchRef's name. The
 *       Kubernetes node exists when the API has it ({@code nodeExists}). An allocation that is no
 *       pod and no tunnel address keeps the host ({@code canDelete = false}); a pod address is
 *       valid while its pod exists ({@code allocationIsValid}: no namespace/pod → assumed valid);
 *       when the Kubernetes node is gone an invalid one is a confirmed leak. A host whose
 *       Kubernetes node does not exist and whose allocations may all go is released.
 *   <li>{@code garbageCollectKnownLeaks}: confirmed leaks are released ({@code ReleaseIPs}).
 *   <li>{@code releaseUnusedBlocks}: an empty block of a host that has more than one affine block
 *       loses its affinity ({@code ReleaseBlockAffinity(block, true)}) once empty for the leak
 *       grace period — here at once.
 *   <li>{@code cleanupNode}: {@code ReleaseHostAffinities(host, mustBeEmpty=true)}.
 * </ol>
 *
 * Not modelled, because they only make the GC release less: candidate leaks on live nodes (they
 * need the grace period and a pod that is gone), the Flannel migration check, rate limiting.
 */
final class KubeControllersIpamGc {
  private final CalicoKv kv;
  private final BlockReaderWriter rw;

  KubeControllersIpamGc(CalicoKv kv) {
    this.kv = kv;
    this.rw = new BlockReaderWriter(kv);
  }

  /** One address in a block, as {@code onBlockUpdated} records it. */
  private record Address(String block, int ordinal, String handle, Map<String, String> attrs) {
    boolean podIp() {
      return !attrs.getOrDefault("namespace", "").isEmpty() && !attrs.getOrDefault("pod", "").isEmpty();
    }

    boolean tunnel() {
      return Set.of("ipipTunnelAddress", "vxlanTunnelAddress", "vxlanV6TunnelAddress", "wireguardTunnelAddress", "wireguardV6TunnelAddress")
          .contains(attrs.getOrDefault("type", ""));
    }
  }

  /**
   * Runs one full sync.
   *
   * @param kubernetesNodes the Node names the Kubernetes API has
   * @param pods the pods that exist, as {@code namespace/name}
   * @return what it did, one line per release (empty when it left everything alone)
   */
  List<String> sync(Set<String> kubernetesNodes, Set<String> pods) {
    List<String> did = new ArrayList<>();
    Map<String, Set<String>> blocksByNode = new LinkedHashMap<>();
    Map<String, List<Address>> allocationsByNode = new LinkedHashMap<>();
    Map<String, String> emptyBlocks = new LinkedHashMap<>();
    for (KeyValue b : kv.store().range(CalicoKeys.BLOCKS_V4).kvs()) {
      ObjectNode block = CalicoKv.json(b);
      String segment = b.key().substring(CalicoKeys.BLOCKS_V4.length());
      String affinity = block.path("affinity").isTextual() ? block.get("affinity").asText() : "";
      String node = affinity.startsWith("host:") ? affinity.substring(5) : "";
      if (!node.isEmpty()) {
        blocksByNode.computeIfAbsent(node, k -> new LinkedHashSet<>()).add(segment);
      }
      int n = 0;
      JsonNode allocations = block.path("allocations");
      for (int ord = 0; ord < allocations.size(); ord++) {
        if (allocations.get(ord).isNull()) {
          continue;
        }
        n++;
        JsonNode attr = block.path("attributes").path(allocations.get(ord).asInt());
        if (!attr.path("handle_id").isTextual()) {
          continue; // no handle: the controller cannot release it and ignores it
        }
        Map<String, String> attrs = new LinkedHashMap<>();
        attr.path("secondary").fields().forEachRemaining(e -> attrs.put(e.getKey(), e.getValue().asText()));
        Address a = new Address(segment, ord, attr.get("handle_id").asText(), attrs);
        if (!attrs.getOrDefault("node", "").isEmpty()) {
          allocationsByNode.computeIfAbsent(attrs.get("node"), k -> new ArrayList<>()).add(a);
        }
      }
      if (!node.isEmpty() && n == 0) {
        emptyBlocks.put(segment, node);
      }
    }

    // checkAllocations, full scan
    Set<String> nodesToCheck = new LinkedHashSet<>(blocksByNode.keySet());
    nodesToCheck.addAll(allocationsByNode.keySet());
    List<String> nodesToRelease = new ArrayList<>();
    List<Address> confirmedLeaks = new ArrayList<>();
    for (String cnode : nodesToCheck) {
      Optional<String> knode = kubernetesNodeForCalico(cnode);
      if (knode == null) {
        continue; // ErrorNotKubernetes: skipped
      }
      boolean kubernetesNodeExists = knode.isPresent() && kubernetesNodes.contains(knode.get());
      boolean canDelete = true;
      List<Address> leaks = new ArrayList<>();
      List<Address> tunnels = new ArrayList<>();
      for (Address a : allocationsByNode.getOrDefault(cnode, List.of())) {
        if (!a.podIp() && !a.tunnel()) {
          canDelete = false;
          continue;
        }
        if (a.tunnel()) {
          tunnels.add(a); // tunnel addresses go only with their node
          continue;
        }
        boolean valid = pods.contains(a.attrs().get("namespace") + "/" + a.attrs().get("pod"));
        if (valid) {
          canDelete = false;
        } else if (!kubernetesNodeExists) {
          leaks.add(a);
        }
      }
      confirmedLeaks.addAll(leaks);
      if (!kubernetesNodeExists && canDelete) {
        confirmedLeaks.addAll(tunnels);
        nodesToRelease.add(cnode);
      }
    }
    for (Address a : confirmedLeaks) {
      if (releaseIp(a)) {
        did.add("released leaked address " + a.ordinal() + " of block " + a.block() + " (handle " + a.handle() + ")");
      }
    }
    // releaseUnusedBlocks: an empty block of a host with more than one affine block
    for (Map.Entry<String, String> e : emptyBlocks.entrySet()) {
      Set<String> nodeBlocks = blocksByNode.get(e.getValue());
      if (nodeBlocks.size() <= 1) {
        continue;
      }
      if (rw.releaseBlockAffinity(e.getValue(), e.getKey(), true) == BlockReaderWriter.Released.RELEASED) {
        nodeBlocks.remove(e.getKey());
        did.add("released the affinity of " + e.getValue() + " for empty block " + e.getKey() + " (the host has other blocks)");
      }
    }
    // cleanupNode: ReleaseHostAffinities(host, mustBeEmpty=true)
    for (String cnode : nodesToRelease) {
      for (String segment : rw.affineBlocks(cnode)) {
        if (rw.releaseBlockAffinity(cnode, segment, true) == BlockReaderWriter.Released.RELEASED) {
          did.add("released the affinity of " + cnode + " for " + segment + " (no Kubernetes node for the IPAM host)");
        }
      }
    }
    return did;
  }

  /**
   * {@code kubernetesNodeForCalico} with {@code getK8sNodeName}: empty when there is no Calico Node,
   * the orchRef's node name when it has a {@code k8s} one, null when it has none (not Kubernetes).
   */
  private Optional<String> kubernetesNodeForCalico(String cnode) {
    Optional<KeyValue> node = kv.get(CalicoKeys.node(cnode));
    if (node.isEmpty()) {
      return Optional.empty();
    }
    for (JsonNode ref : CalicoKv.json(node.get()).path("spec").path("orchRefs")) {
      if (ref.path("orchestrator").asText("").equals("k8s")) {
        String name = ref.path("nodeName").asText("");
        return name.isEmpty() ? null : Optional.of(name);
      }
    }
    return null;
  }

  /** {@code ReleaseIPs} of one address: back to unallocated, the handle decremented ({@code releaseIPsFromBlock}, {@code decrementHandle}). */
  private boolean releaseIp(Address a) {
    Optional<KeyValue> blockKv = kv.get(CalicoKeys.BLOCKS_V4 + a.block());
    if (blockKv.isEmpty()) {
      return false;
    }
    ObjectNode block = CalicoKv.json(blockKv.get());
    if (block.path("allocations").get(a.ordinal()).isNull()) {
      return false;
    }
    ((com.fasterxml.jackson.databind.node.ArrayNode) block.get("allocations")).setNull(a.ordinal());
    ((com.fasterxml.jackson.databind.node.ArrayNode) block.get("unallocated")).add(a.ordinal());
    block.put("sequenceNumber", block.path("sequenceNumber").asLong() + 1);
    kv.update(blockKv.get(), block);
    Optional<KeyValue> handle = kv.get(CalicoKeys.handle(a.handle()));
    if (handle.isPresent()) {
      ObjectNode h = CalicoKv.json(handle.get());
      String cidr = block.get("cidr").asText();
      int left = h.path("block").path(cidr).asInt(0) - 1;
      if (left > 0) {
        ((ObjectNode) h.get("block")).put(cidr, left);
      } else {
        ((ObjectNode) h.get("block")).remove(cidr);
      }
      if (h.path("block").isEmpty()) {
        kv.delete(handle.get());
      } else {
        kv.update(handle.get(), h);
      }
    }
    return true;
  }
}
