package io.netctl.bgp.rib;

import io.netctl.bgp.wire.Prefix;

/** Told of each change an UPDATE makes to an Adj-RIB-In, in order. */
public interface RouteListener {
  RouteListener NONE = new RouteListener() {
    @Override
    public void announced(Route route, boolean replaced) {}

    @Override
    public void withdrawn(Prefix prefix, long pathId) {}
  };

  /** A route was added, or replaced one for the same prefix (and path identifier). */
  void announced(Route route, boolean replaced);

  /**
   * A route that was in the RIB was withdrawn (withdrawals of absent prefixes are not reported);
   * {@code pathId} is its ADD-PATH path identifier or {@link Route#NO_PATH_ID}.
   */
  void withdrawn(Prefix prefix, long pathId);
}
