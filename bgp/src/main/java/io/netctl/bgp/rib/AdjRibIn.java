package io.netctl.bgp.rib;

import io.netctl.bgp.wire.AddressFamily;
import io.netctl.bgp.wire.Addresses;
import io.netctl.bgp.wire.PathAttribute;
import io.netctl.bgp.wire.Prefix;
import io.netctl.bgp.wire.Update;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The routes one peer advertised (RFC 4271 §3.2), IPv4 and IPv6 unicast. {@link #apply} takes
 * each UPDATE in order: withdrawals first, then announcements (RFC 4271 §9, RFC 4760 §3-4), an
 * announcement replacing the route for the same prefix. With ADD-PATH (RFC 7911 §3) a route is
 * keyed by prefix and path identifier, so every path the peer sends is kept and a withdrawal
 * removes only the path it names. Confined to the session's thread.
 */
public final class AdjRibIn {
  private final AttributeInterner interner;
  private final Ipv4RouteTable ipv4 = new Ipv4RouteTable();
  private final Map<PathKey, RouteAttributes> ipv6 = new HashMap<>();
  private final Set<AddressFamily> endOfRib = new LinkedHashSet<>();
  private final Set<AddressFamily> addPath = new LinkedHashSet<>();
  private Ipv4RouteTable staleIpv4;
  private Set<PathKey> staleIpv6;

  /** An IPv6 route's key: prefix and path identifier (0 without ADD-PATH). */
  record PathKey(Prefix prefix, int pathId) {}

  public AdjRibIn() {
    this(new AttributeInterner());
  }

  /** A RIB sharing {@code interner} with others on the same thread (BMP: one per monitored peer). */
  public AdjRibIn(AttributeInterner interner) {
    this.interner = interner;
  }

  /** The number of routes in both families. */
  public int size() {
    return ipv4.size() + ipv6.size();
  }

  /** The families whose End-of-RIB marker has arrived since the session came up. */
  public Set<AddressFamily> endOfRib() {
    return Set.copyOf(endOfRib);
  }

  /** Distinct attribute sets in use (by this RIB and any sharing its interner). */
  public int attributeSets() {
    return interner.size();
  }

  /**
   * Applies one UPDATE. Returns the family whose End-of-RIB it is, or null.
   *
   * @param fourOctetSession AS4_PATH is merged into AS_PATH only on 2-octet sessions
   */
  public AddressFamily apply(Update u, boolean fourOctetSession, RouteListener listener) {
    AddressFamily eor = u.endOfRib();
    if (eor != null) {
      endOfRib.add(eor);
      return eor;
    }
    withdraw(u.withdrawn(), u.withdrawnPathIds(), listener);
    PathAttribute.MpUnreach unreach = u.attribute(PathAttribute.MpUnreach.class);
    if (unreach != null) {
      withdraw(unreach.withdrawn(), unreach.pathIds(), listener);
    }
    if (!u.nlri().isEmpty()) {
      PathAttribute.NextHop nh = u.attribute(PathAttribute.NextHop.class);
      InetAddress nextHop = nh == null ? null : Addresses.fromInt(nh.address());
      RouteAttributes attrs = RouteAttributes.of(u.attributes(), nextHop, fourOctetSession);
      announce(u.nlri(), u.nlriPathIds(), attrs, listener);
    }
    PathAttribute.MpReach reach = u.attribute(PathAttribute.MpReach.class);
    if (reach != null && !reach.nlri().isEmpty()) {
      List<InetAddress> hops = reach.nextHops();
      RouteAttributes attrs = RouteAttributes.of(u.attributes(), hops.isEmpty() ? null : hops.get(0), fourOctetSession);
      announce(reach.nlri(), reach.pathIds(), attrs, listener);
    }
    return null;
  }

  private void withdraw(List<Prefix> prefixes, List<Integer> ids, RouteListener listener) {
    for (int i = 0; i < prefixes.size(); i++) {
      Prefix p = prefixes.get(i);
      int id = ids.isEmpty() ? 0 : ids.get(i);
      if (remove(p, id)) {
        listener.withdrawn(p, shown(p.family(), id));
      }
    }
  }

  private void announce(List<Prefix> prefixes, List<Integer> ids, RouteAttributes attrs, RouteListener listener) {
    if (!ids.isEmpty()) {
      addPath.add(prefixes.get(0).family());
    }
    for (int i = 0; i < prefixes.size(); i++) {
      put(prefixes.get(i), ids.isEmpty() ? 0 : ids.get(i), attrs, listener);
    }
  }

  /** The path identifier as a route shows it: unsigned, or none where the family has no ADD-PATH. */
  private long shown(AddressFamily family, int id) {
    return addPath.contains(family) ? id & 0xffffffffL : Route.NO_PATH_ID;
  }

  private void put(Prefix p, int id, RouteAttributes attrs, RouteListener listener) {
    RouteAttributes shared = interner.acquire(attrs);
    RouteAttributes old;
    if (p instanceof Prefix.Ipv4 v4) {
      old = ipv4.put(v4.packed(), id, shared);
      if (staleIpv4 != null) {
        staleIpv4.remove(v4.packed(), id);
      }
    } else {
      PathKey k = new PathKey(p, id);
      old = ipv6.put(k, shared);
      if (staleIpv6 != null) {
        staleIpv6.remove(k);
      }
    }
    if (old != null) {
      interner.release(old);
    }
    listener.announced(new Route(p, shown(p.family(), id), shared), old != null);
  }

  private boolean remove(Prefix p, int id) {
    RouteAttributes old = p instanceof Prefix.Ipv4 v4 ? ipv4.remove(v4.packed(), id) : ipv6.remove(new PathKey(p, id));
    if (old != null) {
      interner.release(old);
    }
    return old != null;
  }

  /** The route for a prefix (without ADD-PATH; with it, the path with identifier 0), or null. */
  public Route get(Prefix p) {
    RouteAttributes a = p instanceof Prefix.Ipv4 v4 ? ipv4.get(v4.packed(), 0) : ipv6.get(new PathKey(p, 0));
    return a == null ? null : new Route(p, shown(p.family(), 0), a);
  }

  /** The families whose routes came with ADD-PATH path identifiers. */
  public Set<AddressFamily> addPath() {
    return Set.copyOf(addPath);
  }

  /** BoRR (RFC 7313 §4): every route of the family is stale until re-announced. */
  public void beginRefresh(AddressFamily family) {
    if (family.equals(AddressFamily.IPV4_UNICAST)) {
      staleIpv4 = ipv4.copy();
    } else if (family.equals(AddressFamily.IPV6_UNICAST)) {
      staleIpv6 = new HashSet<>(ipv6.keySet());
    }
  }

  /** EoRR (RFC 7313 §4): routes still stale are withdrawn. Returns how many. */
  public int endRefresh(AddressFamily family, RouteListener listener) {
    int[] purged = {0};
    if (family.equals(AddressFamily.IPV4_UNICAST) && staleIpv4 != null) {
      Ipv4RouteTable stale = staleIpv4;
      staleIpv4 = null;
      stale.forEach((p, id, a) -> {
        if (remove(p, id)) {
          purged[0]++;
          listener.withdrawn(p, shown(family, id));
        }
      });
    } else if (family.equals(AddressFamily.IPV6_UNICAST) && staleIpv6 != null) {
      for (PathKey k : staleIpv6) {
        if (remove(k.prefix(), k.pathId())) {
          purged[0]++;
          listener.withdrawn(k.prefix(), shown(family, k.pathId()));
        }
      }
      staleIpv6 = null;
    }
    return purged[0];
  }

  /** Forgets everything (the session went down). */
  public void clear() {
    ipv4.forEach((p, id, a) -> interner.release(a));
    ipv6.values().forEach(interner::release);
    ipv4.clear();
    ipv6.clear();
    endOfRib.clear();
    addPath.clear();
    staleIpv4 = null;
    staleIpv6 = null;
  }

  /** An immutable copy for readers on other threads. */
  public RibSnapshot snapshot() {
    return new RibSnapshot(ipv4.copy(), Map.copyOf(ipv6), Set.copyOf(endOfRib), Set.copyOf(addPath));
  }

  /** Bytes held by the IPv4 table's arrays (benchmark figure). */
  public long ipv4TableBytes() {
    return ipv4.footprint();
  }
}
