package io.netctl.validator;

import io.netctl.ipam.calico.CalicoKeys;
import io.netctl.ipam.store.KvStore;
import io.netctl.ipam.store.Txn;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Calico Nodes as calico-node's start-up creates them in etcd mode (node/pkg/lifecycle/startup/startup.go:
 * its BGP address, the Kubernetes orchRef, no labels of its own; reference A.5), optionally with the
 * labels kube-controllers' label sync would have copied.
 */
public final class CalicoNodes {
  private CalicoNodes() {}

  public static String json(String name, String ipv4Address, Map<String, String> labels) {
    String l = labels.isEmpty() ? "" : ",\"labels\":{" + new TreeMap<>(labels).entrySet().stream()
        .map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"").collect(Collectors.joining(",")) + "}";
    return ("{\"kind\":\"Node\",\"apiVersion\":\"projectcalico.org/v3\",\"metadata\":{\"name\":\"%s\",\"uid\":\"%s\","
        + "\"creationTimestamp\":\"2026-11-27T09:00:00Z\"%s},\"spec\":{\"bgp\":{\"ipv4Address\":\"%s\"},"
        + "\"orchRefs\":[{\"nodeName\":\"%s\",\"orchestrator\":\"k8s\"}]},\"status\":{}}").formatted(name, UUID.randomUUID(), l, ipv4Address, name);
  }

  /** calico-node registers {@code name} with BGP address {@code ipv4Address} (IP/prefix), no labels. */
  public static void register(KvStore store, String name, String ipv4Address) {
    register(store, name, ipv4Address, Map.of());
  }

  public static void register(KvStore store, String name, String ipv4Address, Map<String, String> labels) {
    if (!store.commit(Txn.builder().create(CalicoKeys.node(name), json(name, ipv4Address, labels)).build()).succeeded()) {
      throw new IllegalStateException("Calico Node " + name + " exists already");
    }
  }
}
