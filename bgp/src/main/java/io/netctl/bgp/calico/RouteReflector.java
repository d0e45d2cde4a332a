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
}
