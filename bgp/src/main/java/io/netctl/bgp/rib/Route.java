package io.netctl.bgp.rib;

import io.netctl.bgp.wire.Prefix;

/** One route of an Adj-RIB-In: a prefix and its (shared) attributes. */
public record Route(Prefix prefix, RouteAttributes attributes) implements Comparable<Route> {
  @Override
  public int compareTo(Route o) {
    return prefix.compareTo(o.prefix);
  }
}
