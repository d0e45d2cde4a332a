package io.netctl.bgp.calico;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv4.IPv4Address;
import io.netctl.ipam.store.KeyValue;
import io.netctl.ipam.store.KvStore;
import io.netctl.ipam.store.Txn;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Topologies and Calico objects as calico-node, calicoctl or an operator would have stored them. */
final class Fixtures {
  private Fixtures() {}

  static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
  static final List<IPAddress> RANGES = List.of(cidr("10.3.240.0/21"), cidr("10.3.216.0/21"));

  static IPv4Address ip(String s) {
    return new IPAddressString(s).getAddress().toIPv4();
  }

  static IPAddress cidr(String s) {
    return new IPAddressString(s).getAddress().toPrefixBlock();
  }

  static RouteReflector rr(String name, String ip) {
    return new RouteReflector(name, ip(ip), ip("1.0.0.1"), Map.of());
  }

  static BgpTopology topo(RouteReflector... rrs) {
    return new BgpTopology(64512, List.of(rrs), List.of(), null);
  }

  static final BgpTopology TWO_RRS = topo(rr("rr-1", "10.3.252.8"), rr("rr-2", "10.3.252.9"));

  /** A Calico Node as calico-node v3 startup writes it (reference A.5). */
  static String calicoNode(String name, String ipv4Address) {
    return """
        {"kind":"Node","apiVersion":"projectcalico.org/v3","metadata":{"name":"%s","uid":"0b7c7a4e-1111-4c1e-9e2f-1d3f5c6a7b8c",\
        "creationTimestamp":"2026-01-02T03:04:05Z","labels":{"beta.kubernetes.io/os":"linux","kubernetes.io/hostname":"%s"}},\
        "spec":{"bgp":{"ipv4Address":"%s"},"orchRefs":[{"nodeName":"%s","orchestrator":"k8s"}]},"status":{}}"""
        .formatted(name, name, ipv4Address, name);
  }

  /** A BGPPeer as calicoctl stores one an operator typed by hand. */
  static String foreignPeer(String name, String peerIp, long as) {
    return """
        {"kind":"BGPPeer","apiVersion":"projectcalico.org/v3","metadata":{"name":"%s","uid":"5d0c1f7a-2222-4b9e-8c1d-0e2f3a4b5c6d",\
        "creationTimestamp":"2026-01-02T03:04:05Z"},"spec":{"peerIP":"%s","asNumber":%d}}""".formatted(name, peerIp, as);
  }

  static String pool(String name, String cidr) {
    return """
        {"kind":"IPPool","apiVersion":"projectcalico.org/v3","metadata":{"name":"%s","uid":"u","creationTimestamp":"2026-01-02T03:04:05Z"},\
        "spec":{"cidr":"%s","vxlanMode":"Never","ipipMode":"Never","blockSize":27,"nodeSelector":"all()","allowedUses":["Workload","Tunnel"]}}"""
        .formatted(name, cidr);
  }

  static void put(KvStore store, String key, String value) {
    var b = Txn.builder();
    store.get(key).ifPresentOrElse((KeyValue kv) -> b.update(kv, value), () -> b.create(key, value));
    if (!store.commit(b.build()).succeeded()) {
      throw new IllegalStateException("fixture write failed: " + key);
    }
  }

  static BgpPlan plan(BgpTopology topo, KvStore store) {
    return BgpPlanner.plan(topo, RANGES, CalicoBgpState.read(store), NOW);
  }
}
