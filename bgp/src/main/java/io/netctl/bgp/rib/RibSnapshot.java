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
  public static final RibSnapshot EMPTY = new RibSnapshot(new Ipv4RouteTable(), Map.of(), Set.of(), Set.of());

  private final Ipv4RouteTable ipv4;
  private final Map<AdjRibIn.PathKey, RouteAttributes> ipv6;
  private final Set<AddressFamily> endOfRib;
  private final Set<AddressFamily> addPath;

  RibSnapshot(
      Ipv4RouteTable ipv4, Map<AdjRibIn.PathKey, RouteAttributes> ipv6, Set<AddressFamily> endOfRib, Set<AddressFamily> addPath) {
    this.ipv4 = ipv4;
    this.ipv6 = ipv6;
    this.endOfRib = endOfRib;
    this.addPath = addPath;
  }

  /** The number of routes (paths, with ADD-PATH) in both families. */
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

  /** The families whose routes carry ADD-PATH path identifiers (RFC 7911). */
  public Set<AddressFamily> addPath() {
    return addPath;
  }

  private long shown(AddressFamily family, int id) {
    return addPath.contains(family) ? id & 0xffffffffL : Route.NO_PATH_ID;
  }

  /** The route for a prefix (with ADD-PATH: the path with identifier 0), or null; see {@link #paths}. */
  public Route get(Prefix p) {
    RouteAttributes a = p instanceof Prefix.Ipv4 v4 ? ipv4.get(v4.packed(), 0) : ipv6.get(new AdjRibIn.PathKey(p, 0));
    if (a == null && addPath.contains(p.family())) {
      List<Route> all = paths(p);
      return all.isEmpty() ? null : all.get(0);
    }
    return a == null ? null : new Route(p, shown(p.family(), 0), a);
  }

  /**
   * Every path of a prefix, by path identifier: one at most without ADD-PATH, each path the peer
   * sent with it (next hop, ORIGINATOR_ID, AS path, communities in {@link Route#attributes()}).
   */
  public List<Route> paths(Prefix p) {
    List<Route> out = new ArrayList<>(2);
    if (p instanceof Prefix.Ipv4 v4) {
      ipv4.paths(v4.packed(), (q, id, a) -> out.add(new Route(q, shown(q.family(), id), a)));
    } else {
      ipv6.forEach((k, a) -> {
        if (k.prefix().equals(p)) {
          out.add(new Route(p, shown(p.family(), k.pathId()), a));
        }
      });
    }
    Collections.sort(out);
    return out;
  }

  /** Every route, IPv4 then IPv6, each in address order, then by path identifier. */
  public List<Route> routes() {
    List<Route> out = new ArrayList<>(size());
    ipv4.forEach((p, id, a) -> out.add(new Route(p, shown(p.family(), id), a)));
    ipv6.forEach((k, a) -> out.add(new Route(k.prefix(), shown(k.prefix().family(), k.pathId()), a)));
    Collections.sort(out);
    return out;
  }
}
