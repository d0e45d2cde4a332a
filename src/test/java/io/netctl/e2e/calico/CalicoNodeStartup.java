package io.netctl.e2e.calico;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netctl.ipam.calico.CalicoJson;
import io.netctl.ipam.calico.CalicoKeys;
import io.netctl.ipam.store.KeyValue;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What calico-node and kube-controllers write to a Calico Node, from Calico v3.30.0: calico-node's
 * start-up creates a Node it does not find with its BGP address and the Kubernetes orchRef and no
 * labels ({@code node/pkg/lifecycle/startup/startup.go getNode}, {@code configureNodeRef}, {@code
 * CreateOrUpdate}); kube-controllers' label sync copies a Kubernetes Node's labels and records them
 * in an annotation ({@code kube-controllers/pkg/controllers/node/labels.go syncNodeLabels}).
 */
final class CalicoNodeStartup {
  private final CalicoKv kv;

  CalicoNodeStartup(CalicoKv kv) {
    this.kv = kv;
  }

  /** calico-node starts on {@code name} for the first time. */
  void register(String name, String ipv4Address) {
    ObjectNode n = CalicoJson.object();
    n.put("kind", "Node");
    n.put("apiVersion", "projectcalico.org/v3");
    n.putObject("metadata").put("name", name).put("uid", UUID.randomUUID().toString()).put("creationTimestamp", "2026-11-27T09:00:00Z");
    ObjectNode spec = n.putObject("spec");
    spec.putObject("bgp").put("ipv4Address", ipv4Address);
    spec.putArray("orchRefs").addObject().put("nodeName", name).put("orchestrator", "k8s");
    n.putObject("status");
    kv.create(CalicoKeys.node(name), n);
  }

  /** Label sync copies {@code labels} of the Kubernetes Node {@code name} (first sync: no earlier annotation). */
  void labelSync(String name, Map<String, String> labels) {
    KeyValue old = kv.get(CalicoKeys.node(name)).orElseThrow();
    ObjectNode n = CalicoKv.json(old);
    ObjectNode meta = (ObjectNode) n.get("metadata");
    Map<String, String> merged = new TreeMap<>();
    meta.path("labels").fields().forEachRemaining(e -> merged.put(e.getKey(), e.getValue().asText()));
    merged.putAll(labels);
    ObjectNode l = meta.putObject("labels");
    merged.forEach(l::put);
    ObjectNode a = meta.has("annotations") ? (ObjectNode) meta.get("annotations") : meta.putObject("annotations");
    ObjectNode synced = CalicoJson.object();
    new TreeMap<>(labels).forEach(synced::put);
    a.put("projectcalico.org/kube-labels", CalicoJson.write(synced));
    kv.update(old, n);
  }

  /** Someone removes a label from the Calico Node (an edit, a re-registration from scratch). */
  void removeLabel(String name, String key) {
    KeyValue old = kv.get(CalicoKeys.node(name)).orElseThrow();
    ObjectNode n = CalicoKv.json(old);
    ((ObjectNode) n.path("metadata").path("labels")).remove(key);
    kv.update(old, n);
  }
}
