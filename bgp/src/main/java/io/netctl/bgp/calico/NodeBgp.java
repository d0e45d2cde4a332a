package io.netctl.bgp.calico;

import com.fasterxml.jackson.databind.JsonNode;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv4.IPv4Address;
import io.netctl.ipam.calico.CalicoResource;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What matters of a stored Calico Node for BGP (reference A.5, and C.2 for how confd reads it).
 *
 * @param name the node name
 * @param ip the IP of {@code spec.bgp.ipv4Address}, or null (confd then renders "IPv4 disabled")
 * @param ipv4Address {@code spec.bgp.ipv4Address} as stored (IP with prefix length), or ""
 * @param asNumber {@code spec.bgp.asNumber}, empty when absent (the global AS applies)
 * @param asError why {@code spec.bgp.asNumber} could not be read, or null
 * @param rrClusterId {@code spec.bgp.routeReflectorClusterID}, or "" (not a route reflector)
 * @param labels metadata.labels (what selectors match)
 */
public record NodeBgp(
    String name, IPv4Address ip, String ipv4Address, OptionalLong asNumber, String asError, String rrClusterId, Map<String, String> labels) {

  public static NodeBgp of(CalicoResource r) {
    JsonNode bgp = r.spec().path("bgp");
    String addr = bgp.path("ipv4Address").asText("");
    IPv4Address ip = null;
    IPAddress a = addr.isBlank() ? null : new IPAddressString(addr).getAddress();
    if (a != null && a.isIPv4()) {
      ip = a.withoutPrefixLength().toIPv4();
    }
    OptionalLong as = OptionalLong.empty();
    String asError = null;
    try {
      as = AsNumber.fromCalico(bgp.get("asNumber"));
    } catch (IllegalArgumentException e) {
      asError = e.getMessage();
    }
    return new NodeBgp(r.name(), ip, addr, as, asError, bgp.path("routeReflectorClusterID").asText(""), r.labels());
  }

  public boolean routeReflector() {
    return !rrClusterId.isEmpty();
  }

  public long effectiveAs(long globalAs) {
    return asNumber.orElse(globalAs);
  }
}
