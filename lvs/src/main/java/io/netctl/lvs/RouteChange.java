package io.netctl.lvs;

import java.util.Objects;

/** One change to a routing table; a sync applies a list of them in one batch. */
public sealed interface RouteChange permits RouteChange.Add, RouteChange.Replace, RouteChange.Delete {

  /** The route added, put in place, or removed. */
  KernelRoute route();

  /** Adds a route that is not there; fails when a route with its key exists (never overwrites). */
  record Add(KernelRoute route) implements RouteChange {
    public Add {
      Objects.requireNonNull(route, "route");
    }
  }

  /** Puts a route in place of netctl's own route with the same key (table, destination, metric). */
  record Replace(KernelRoute route) implements RouteChange {
    public Replace {
      Objects.requireNonNull(route, "route");
    }
  }

  /** Removes exactly this route: same key, protocol and, for a single next hop, gateway. */
  record Delete(KernelRoute route) implements RouteChange {
    public Delete {
      Objects.requireNonNull(route, "route");
    }
  }
}
