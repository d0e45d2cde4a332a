package io.netctl.ipam;

import static org.assertj.core.api.Assertions.assertThat;

import io.netctl.ipam.calico.CalicoKeys;
import io.netctl.ipam.store.KvStore;
import io.netctl.ipam.store.Txn;
import java.util.UUID;

/**
 * A Calico Node as calico-node's start-up creates it in etcd mode (node/pkg/lifecycle/startup/startup.go:
 * a new Node with its BGP address and the Kubernetes orchRef, no labels; reference A.5).
 */
final class CalicoNodeFixture {
  private CalicoNodeFixture() {}

  static String json(String name, String ipv4Address) {
    return ("{\"kind\":\"Node\",\"apiVersion\":\"projectcalico.org/v3\",\"metadata\":{\"name\":\"%s\",\"uid\":\"%s\","
        + "\"creationTimestamp\":\"2026-11-27T09:00:00Z\"},\"spec\":{\"bgp\":{\"ipv4Address\":\"%s\"},"
        + "\"orchRefs\":[{\"nodeName\":\"%s\",\"orchestrator\":\"k8s\"}]},\"status\":{}}").formatted(name, UUID.randomUUID(), ipv4Address, name);
  }

  /** calico-node registers {@code name}. */
  static void register(KvStore store, String name) {
    assertThat(store.commit(Txn.builder().create(CalicoKeys.node(name), json(name, "10.3.0.99/24")).build()).succeeded()).isTrue();
  }
}
