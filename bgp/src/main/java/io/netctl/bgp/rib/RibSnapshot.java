package io.netctl.bgp.rib;

import io.netctl.bgp.wire.AddressFamily;
import io.netctl.bgp.wire.Prefix;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** An immutable copy of an Adj-RIB-In at one moment, safe to read from any thread. */
public final class RibSnapshot {
  /** A RIB with nothing in it. */
  public static final RibSnapshot EMPTY = new RibSnapshot(new Ipv4RouteTable(), Map.of(), Set.of());

  private final Ipv4RouteTable ipv4;
  private final Map<Prefix, RouteAttributes> ipv6;
  private final Set<AddressFamily> endOfRib;

  RibSnapshot(Ipv4RouteTable ipv4, Map<Prefix, RouteAttributes> ipv6, Set<AddressFamily> endOfRib) {
    this.ipv4 = ipv4;
    this.ipv6 = ipv6;
    this.endOfRib = endOfRib;
  }

  public int size() {
    return ipv4.size() + ipv6.size();
  }

  public int size(AddressFamily family) {
    return family.equals(AddressFamily.IPV4_UNICAST) ? ipv4.size() : family.equals(AddressFamily.IPV6_UNICAST) ? ipv6.size() : 0;
  }

  /** The families whose End-of-RIB had arrived. */
  public Set<AddressFamily> endOfRib() {
    return endOfRib;
  }

  /** The route for a prefix, or null. */
  public Route get(Prefix p) {
    RouteAttributes a = p instanceof Prefix.Ipv4 v4 ? ipv4.get(v4.packed()) : ipv6.get(p);
    return a == null ? null : new Route(p, a);
  }

  /** Every route, IPv4 then IPv6, each in address order. */
  public List<Route> routes() {
    List<Route> out = new ArrayList<>(size());
    ipv4.forEach((p, a) -> out.add(new Route(p, a)));
    ipv6.forEach((p, a) -> out.add(new Route(p, a)));
    Collections.sort(out);
    return out;
  }
}
