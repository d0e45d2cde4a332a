package io.netctl.validator.sessions;

import io.netctl.bgp.calico.BgpTopology;
import io.netctl.bgp.calico.CoreSwitch;
import io.netctl.bgp.calico.RouteReflector;
import io.netctl.ipam.Allocation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which host a check observes, and so which BGP sessions it must have.
 *
 * @param kind node or route reflector
 * @param name its name
 * @param ip its BGP address
 */
public record Role(Kind kind, String name, String ip) {

  /** The kinds of hosts that speak BGP. */
  public enum Kind {
    NODE,
    ROUTE_REFLECTOR
  }

  public Role {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
  }

  /**
   * The peers this host must have sessions with: peer IP → what it is (for messages). A node: every
   * route reflector. A reflector: every node with an allocation and every core switch (sessions
   * between reflectors are allowed, not required: with every client peering with every reflector,
   * no route depends on them).
   */
  public Map<String, String> expectedPeers(BgpTopology topo, List<Allocation> allocations) {
    Map<String, String> out = new LinkedHashMap<>();
    if (kind == Kind.NODE) {
      for (RouteReflector rr : topo.routeReflectors()) {
        out.put(rr.ip().toCanonicalString(), "route reflector " + rr.name());
      }
      return out;
    }
    for (Allocation a : allocations) {
      if (a.hostIp() != null) {
        out.put(a.hostIpText(), "node " + a.node());
      }
    }
    for (CoreSwitch s : topo.coreSwitches()) {
      out.put(s.ip().toCanonicalString(), "core switch " + s.name());
    }
    out.remove(ip);
    return out;
  }

  /** Peers that may have a session with this host without being required: the other reflectors. */
  public java.util.Set<String> allowedPeers(BgpTopology topo) {
    java.util.Set<String> out = new java.util.HashSet<>();
    for (RouteReflector rr : topo.routeReflectors()) {
      out.add(rr.ip().toCanonicalString());
    }
    return out;
  }
}
