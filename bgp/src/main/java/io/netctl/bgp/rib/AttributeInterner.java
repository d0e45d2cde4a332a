package io.netctl.bgp.rib;

import java.util.HashMap;
import java.util.Map;

/**
 * One shared object per distinct set of route attributes, counted by the routes that use it and
 * dropped when none does. A million routes with a handful of attribute sets keep a handful of
 * objects. Confined to one thread (the RIB's event loop).
 */
public final class AttributeInterner {
  private final Map<RouteAttributes, RouteAttributes> sets = new HashMap<>();

  /** The shared instance equal to {@code a}, with one more reference. */
  RouteAttributes acquire(RouteAttributes a) {
    RouteAttributes shared = sets.putIfAbsent(a, a);
    if (shared == null) {
      shared = a;
    }
    shared.refs++;
    return shared;
  }

  /** One reference fewer; forgotten at zero. */
  void release(RouteAttributes a) {
    if (--a.refs <= 0) {
      sets.remove(a);
    }
  }

  /** The number of distinct attribute sets in use. */
  public int size() {
    return sets.size();
  }
}
