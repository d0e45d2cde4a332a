package io.netctl.bgp.rib;

import io.netctl.bgp.wire.Prefix;

/**
 * One path of an Adj-RIB-In: a prefix, its ADD-PATH path identifier (RFC 7911 §3; unsigned 32 bits,
 * or {@link #NO_PATH_ID} where the family has none) and its (shared) attributes.
 */
public record Route(Prefix prefix, long pathId, RouteAttributes attributes) implements Comparable<Route> {
  /** The path identifier of a route received without ADD-PATH. */
  public static final long NO_PATH_ID = -1L;

  public Route {
    if (pathId < NO_PATH_ID || pathId > 0xffffffffL) {
      throw new IllegalArgumentException("path identifier must be unsigned 32 bits: " + pathId);
    }
  }

  /** A route without a path identifier. */
  public Route(Prefix prefix, RouteAttributes attributes) {
    this(prefix, NO_PATH_ID, attributes);
  }

  /** True when the route came with an ADD-PATH path identifier. */
  public boolean hasPathId() {
    return pathId != NO_PATH_ID;
  }

  @Override
  public int compareTo(Route o) {
    int c = prefix.compareTo(o.prefix);
    return c != 0 ? c : Long.compare(pathId, o.pathId);
  }
}
