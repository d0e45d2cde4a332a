package io.netctl.bgp.calico;

import java.util.List;

/**
 * The BGP design of the platform from netctl.yaml: one AS everywhere, the node-to-node mesh off,
 * route reflectors every node peers with, and the core switches the reflectors peer with.
 *
 * @param asNumber the one AS of every node and reflector (64512 by default)
 * @param routeReflectors the reflectors
 * @param coreSwitches the switches the reflectors peer with
 * @param password the BGP password for node-RR sessions, or null
 */
public record BgpTopology(long asNumber, List<RouteReflector> routeReflectors, List<CoreSwitch> coreSwitches, SecretRef password) {
  public static final long DEFAULT_AS = 64512;

  public BgpTopology {
    AsNumber.check("asNumber", asNumber);
    routeReflectors = List.copyOf(routeReflectors);
    coreSwitches = List.copyOf(coreSwitches);
  }

  public static BgpTopology defaults() {
    return new BgpTopology(DEFAULT_AS, List.of(), List.of(), null);
  }
}
