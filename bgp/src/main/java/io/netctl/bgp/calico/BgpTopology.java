package io.netctl.bgp.calico;

import inet.ipaddr.ipv4.IPv4Address;
import io.netctl.ipam.BadInputException;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The BGP design of the platform from netctl.yaml: one AS everywhere, the node-to-node mesh off,
 * route reflectors every node peers with, and the core switches the reflectors peer with.
 *
 * @param asNumber the one AS of every node and reflector (64512 by default)
 * @param routeReflectors the reflectors (unique names and IPs)
 * @param coreSwitches the switches the reflectors peer with (unique IPs, none an RR's)
 * @param password the BGP password of the node-RR sessions (a Secret reference written into each
 *     BGPPeer; its value is given to {@code render-rr} from a file), or null
 * @param nodeToNodeMesh whether Calico's full mesh stays on (only for a small cluster without
 *     reflectors; netctl refuses it together with reflectors)
 */
public record BgpTopology(
    long asNumber, List<RouteReflector> routeReflectors, List<CoreSwitch> coreSwitches, SecretRef password, boolean nodeToNodeMesh) {
  public static final long DEFAULT_AS = 64512;
  /**
   * The most route reflectors netctl manages: every node peers with each, and {@code bgp apply}
   * writes a BGPPeer and possibly a Node per reflector in one etcd transaction (at most {@code
   * Txn.MAX_OPS} operations). Real platforms run two to four.
   */
  public static final int MAX_ROUTE_REFLECTORS = 32;

  public BgpTopology {
    AsNumber.check("asNumber", asNumber);
    routeReflectors = List.copyOf(routeReflectors);
    coreSwitches = List.copyOf(coreSwitches);
    if (routeReflectors.size() > MAX_ROUTE_REFLECTORS) {
      throw new BadInputException(routeReflectors.size() + " route reflectors; at most " + MAX_ROUTE_REFLECTORS + " are supported");
    }
    Set<String> names = new HashSet<>();
    Set<IPv4Address> ips = new HashSet<>();
    for (RouteReflector rr : routeReflectors) {
      if (!names.add(rr.name())) {
        throw new BadInputException("duplicate route reflector name " + rr.name());
      }
      if (!ips.add(rr.ip())) {
        throw new BadInputException("duplicate route reflector IP " + rr.ip());
      }
    }
    for (CoreSwitch s : coreSwitches) {
      AsNumber.check("coreSwitches[" + s.name() + "].asNumber", s.asNumber());
      if (!ips.add(s.ip())) {
        throw new BadInputException("core switch " + s.name() + " IP " + s.ip() + " is already used by a route reflector or another switch");
      }
    }
  }

  /** Without a mesh setting: the mesh is off, as on the platform. */
  public BgpTopology(long asNumber, List<RouteReflector> routeReflectors, List<CoreSwitch> coreSwitches, SecretRef password) {
    this(asNumber, routeReflectors, coreSwitches, password, false);
  }

  public static BgpTopology defaults() {
    return new BgpTopology(DEFAULT_AS, List.of(), List.of(), null, false);
  }

  public Optional<RouteReflector> routeReflector(String name) {
    return routeReflectors.stream().filter(r -> r.name().equals(name)).findFirst();
  }

  public Optional<RouteReflector> routeReflectorAt(IPv4Address ip) {
    return routeReflectors.stream().filter(r -> r.ip().equals(ip)).findFirst();
  }

  public Optional<CoreSwitch> coreSwitchAt(IPv4Address ip) {
    return coreSwitches.stream().filter(s -> s.ip().equals(ip)).findFirst();
  }

  /** Every Secret reference whose value a standalone reflector's BIRD configuration needs. */
  public Set<SecretRef> secretRefs() {
    Set<SecretRef> out = new LinkedHashSet<>();
    if (password != null) {
      out.add(password);
    }
    coreSwitches.stream().filter(s -> s.password() != null).forEach(s -> out.add(s.password()));
    return out;
  }
}
