package io.netctl.validator.routes;

import java.util.List;

/**
 * What netctl's monitor session saw at one route reflector.
 *
 * @param rr the reflector's name
 * @param address its IP
 * @param routes every IPv4 route it advertised (empty when the session failed)
 * @param failure why no session came up, or null
 * @param flaps state changes away from Established during the observation
 */
public record RrObservation(String rr, String address, List<ReflectedRoute> routes, String failure, int flaps) {
  public RrObservation {
    routes = List.copyOf(routes);
  }

  public boolean ok() {
    return failure == null;
  }
}
