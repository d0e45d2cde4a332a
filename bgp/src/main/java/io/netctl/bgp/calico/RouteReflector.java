package io.netctl.bgp.calico;

import inet.ipaddr.ipv4.IPv4Address;
import java.util.Map;
import java.util.Objects;

/**
 * A route reflector from netctl.yaml.
 *
 * @param name its name (DNS-1123 label); also the Calico Node name when the RR is a calico-node
 * @param ip its BGP address
 * @param clusterId its route-reflector cluster id, e.g. 1.0.0.1
 * @param labels extra labels for its Calico Node
 */
public record RouteReflector(String name, IPv4Address ip, IPv4Address clusterId, Map<String, String> labels) {
  public RouteReflector {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(ip, "ip");
    Objects.requireNonNull(clusterId, "clusterId");
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }

  /**
   * The name of this reflector's global BGPPeer: {@code rr-} and its IP with dashes, e.g. {@code
   * rr-10-3-252-8} (the reference's example, A.3). Derived from the IP, not the name, so renaming a
   * reflector in netctl.yaml changes nothing in etcd, and the name says which address it peers with.
   */
  public String peerName() {
    return peerName(ip);
  }

  public static String peerName(IPv4Address ip) {
    return "rr-" + ip.toCanonicalString().replace('.', '-');
  }
}
