package io.netctl.ipam.calico;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The label by which a node's own IPPool selects its Calico Node: {@code netctl.io/ippool:
 * <pool name>} on the Calico Node, and {@code nodeSelector: netctl.io/ippool == '<pool name>'} on
 * the pool.
 *
 * <p>Why not {@code kubernetes.io/hostname}: Calico's IPAM evaluates a pool's selector against the
 * Calico Node's labels only (libcalico-go {@code lib/ipam/pools.go SelectsNode}); in etcd mode a
 * Kubernetes label reaches the Calico Node only through kube-controllers' label sync ({@code
 * kube-controllers/pkg/controllers/node/labels.go syncNodeLabels}, on when {@code
 * pkg/config/runconfig.go} enables it), calico-node sets none, and the hostname label need not equal
 * the node name. Without a selecting pool, assignment fails with "no configured Calico pools for
 * node" ({@code lib/ipam/ipam.go prepareAffinityBlocksForHost}), and when another pool selects the
 * node Calico releases the empty affinity of the one that does not. This label is netctl's: it
 * writes it when it completes an allocation, and {@code netctl allocate} and the controller put it
 * back. Label sync leaves it alone (it only removes the labels it synced itself, recorded in the
 * {@code projectcalico.org/kube-labels} annotation) and calico-node's start-up keeps the labels of
 * an existing Node (it reads and updates it: {@code node/pkg/lifecycle/startup/startup.go getNode}).
 */
public final class PoolLabel {
  private PoolLabel() {}

  public static final String KEY = "netctl.io/ippool";

  /** The pool's node selector for the pool named {@code poolName}. */
  public static String selector(String poolName) {
    return KEY + " == '" + poolName + "'";
  }

  /** The selector netctl wrote before this label: it works only when label sync copies the hostname label. */
  public static String legacySelector(String node) {
    return "kubernetes.io/hostname == '" + node + "'";
  }

  /** Whether the stored Calico Node {@code json} carries the label for {@code poolName}. */
  public static boolean carries(String key, String json, String poolName) {
    JsonNode labels = CalicoJson.parse(key, json).path("metadata").path("labels");
    return poolName.equals(labels.path(KEY).asText(null));
  }

  /** The stored Calico Node {@code json} without the label (released with the pool); every other field as it was. */
  public static String unlabeled(String key, String json) {
    ObjectNode root = CalicoJson.parse(key, json);
    JsonNode labels = root.path("metadata").path("labels");
    if (labels.isObject()) {
      ((ObjectNode) labels).remove(KEY);
      if (labels.isEmpty()) {
        ((ObjectNode) root.get("metadata")).remove("labels"); // Go's omitempty drops an empty map
      }
    }
    return CalicoJson.write(root);
  }

  /**
   * The stored Calico Node {@code json} with the label set to {@code poolName}; every other field
   * as it was (labels sorted, as Go marshals a map).
   */
  public static String labeled(String key, String json, String poolName) {
    ObjectNode root = CalicoJson.parse(key, json);
    JsonNode meta = root.get("metadata");
    ObjectNode metadata = meta != null && meta.isObject() ? (ObjectNode) meta : root.putObject("metadata");
    Map<String, JsonNode> sorted = new TreeMap<>();
    JsonNode old = metadata.get("labels");
    if (old != null && old.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = old.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        sorted.put(e.getKey(), e.getValue());
      }
    }
    sorted.put(KEY, CalicoJson.MAPPER.getNodeFactory().textNode(poolName));
    ObjectNode labels = CalicoJson.object();
    sorted.forEach(labels::set);
    if (old != null) {
      metadata.replace("labels", labels);
    } else {
      // metadata.labels follows name, uid and creationTimestamp in ObjectMeta's field order; keep the rest where it is
      ObjectNode rebuilt = CalicoJson.object();
      Iterator<Map.Entry<String, JsonNode>> it = metadata.fields();
      boolean placed = false;
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!placed && !(e.getKey().equals("name") || e.getKey().equals("namespace") || e.getKey().equals("uid")
            || e.getKey().equals("resourceVersion") || e.getKey().equals("generation") || e.getKey().equals("creationTimestamp"))) {
          rebuilt.set("labels", labels);
          placed = true;
        }
        rebuilt.set(e.getKey(), e.getValue());
      }
      if (!placed) {
        rebuilt.set("labels", labels);
      }
      root.replace("metadata", rebuilt);
    }
    return CalicoJson.write(root);
  }
}
