package io.netctl.bgp.rib;

import io.netctl.bgp.wire.Addresses;
import io.netctl.bgp.wire.LargeCommunity;
import io.netctl.bgp.wire.PathAttribute;
import io.netctl.bgp.wire.PathAttribute.*;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The path attributes routes share, as the RIB keeps them: every attribute of the UPDATE except
 * the NLRI-carrying MP_REACH_NLRI/MP_UNREACH_NLRI, the next hop (from NEXT_HOP or MP_REACH_NLRI),
 * and the effective AS path. Immutable; interned so equal sets are one object.
 */
public final class RouteAttributes {
  private final List<PathAttribute> attributes;
  private final InetAddress nextHop;
  private final AsPath asPath;
  private final int hash;
  int refs; // owned by AttributeInterner

  RouteAttributes(List<PathAttribute> attributes, InetAddress nextHop, AsPath asPath) {
    this.attributes = List.copyOf(attributes);
    this.nextHop = nextHop;
    this.asPath = asPath;
    this.hash = 31 * (31 * this.attributes.hashCode() + (nextHop == null ? 0 : nextHop.hashCode())) + java.util.Objects.hashCode(asPath);
  }

  /** The attributes of an UPDATE for the routes it announces in one family. */
  static RouteAttributes of(List<PathAttribute> all, InetAddress nextHop, boolean fourOctetSession) {
    List<PathAttribute> kept = new ArrayList<>(all.size());
    AsPath path = null;
    As4Path path4 = null;
    for (PathAttribute a : all) {
      if (a instanceof MpReach || a instanceof MpUnreach) {
        continue;
      }
      if (a instanceof AsPath p) {
        path = p;
      } else if (a instanceof As4Path p) {
        path4 = p;
      }
      kept.add(a);
    }
    AsPath effective = fourOctetSession ? (path == null ? AsPath.EMPTY : path) : AsPaths.merge(path, path4);
    return new RouteAttributes(kept, nextHop, effective);
  }

  public List<PathAttribute> attributes() {
    return attributes;
  }

  /** The next hop: NEXT_HOP for IPv4, the (global) MP_REACH_NLRI next hop for IPv6; null if absent. */
  public InetAddress nextHop() {
    return nextHop;
  }

  /** The AS path the route has (merged with AS4_PATH on 2-octet sessions). */
  public AsPath asPath() {
    return asPath;
  }

  public <T extends PathAttribute> T attribute(Class<T> kind) {
    for (PathAttribute a : attributes) {
      if (kind.isInstance(a)) {
        return kind.cast(a);
      }
    }
    return null;
  }

  public OriginType origin() {
    Origin o = attribute(Origin.class);
    return o == null ? null : o.value();
  }

  public Long localPref() {
    LocalPref lp = attribute(LocalPref.class);
    return lp == null ? null : lp.value();
  }

  public Long med() {
    MultiExitDisc m = attribute(MultiExitDisc.class);
    return m == null ? null : m.value();
  }

  /** "65000:100" for each COMMUNITIES value. */
  public List<String> communities() {
    Communities c = attribute(Communities.class);
    return c == null ? List.of() : c.text();
  }

  /** "a:b:c" for each LARGE_COMMUNITY value. */
  public List<String> largeCommunities() {
    LargeCommunities c = attribute(LargeCommunities.class);
    return c == null ? List.of() : c.values().stream().map(LargeCommunity::toString).toList();
  }

  /** Each EXTENDED_COMMUNITIES value as 16 hex digits. */
  public List<String> extendedCommunities() {
    ExtendedCommunities c = attribute(ExtendedCommunities.class);
    return c == null ? List.of() : c.values().stream().map(v -> String.format("%016x", v)).toList();
  }

  /** ORIGINATOR_ID dotted, or null. */
  public String originatorId() {
    OriginatorId o = attribute(OriginatorId.class);
    return o == null ? null : Addresses.dotted(o.id());
  }

  /** CLUSTER_LIST ids dotted, nearest first. */
  public List<String> clusterList() {
    ClusterList c = attribute(ClusterList.class);
    return c == null ? List.of() : c.text();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RouteAttributes r
        && hash == r.hash
        && attributes.equals(r.attributes)
        && java.util.Objects.equals(nextHop, r.nextHop)
        && java.util.Objects.equals(asPath, r.asPath);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return "RouteAttributes[nextHop=" + (nextHop == null ? "-" : Addresses.text(nextHop)) + ", asPath=" + asPath + ", " + attributes + "]";
  }
}
