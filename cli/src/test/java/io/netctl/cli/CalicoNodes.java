package io.netctl.cli;

import io.netctl.ipam.calico.CalicoKeys;
import io.netctl.ipam.store.FileStore;
import io.netctl.ipam.store.KvStore;
import io.netctl.ipam.store.Txn;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Calico Nodes as calico-node's start-up creates them in etcd mode (node/pkg/lifecycle/startup/startup.go:
 * the BGP address and the Kubernetes orchRef, no labels of its own; reference A.5).
 */
public final class CalicoNodes {
  private CalicoNodes() {}

  public static String json(String name, String ipv4Address) {
    return ("{\"kind\":\"Node\",\"apiVersion\":\"projectcalico.org/v3\",\"metadata\":{\"name\":\"%s\",\"uid\":\"%s\","
        + "\"creationTimestamp\":\"2026-11-27T09:00:00Z\"},\"spec\":{\"bgp\":{\"ipv4Address\":\"%s\"},"
        + "\"orchRefs\":[{\"nodeName\":\"%s\",\"orchestrator\":\"k8s\"}]},\"status\":{}}").formatted(name, UUID.randomUUID(), ipv4Address, name);
  }

  /** calico-node registers {@code name} with BGP address {@code ipv4Address} (IP/prefix). */
  public static void register(KvStore store, String name, String ipv4Address) {
    if (!store.commit(Txn.builder().create(CalicoKeys.node(name), json(name, ipv4Address)).build()).succeeded()) {
      throw new IllegalStateException("Calico Node " + name + " exists already");
    }
  }

  /** The same in the embedded store of a {@link CliHarness} whose state folder is {@code home}. */
  public static void register(Path home, String name, String ipv4Address) {
    try (FileStore s = new FileStore(home.resolve("netctl/store.json"))) {
      register(s, name, ipv4Address);
    }
  }
}
