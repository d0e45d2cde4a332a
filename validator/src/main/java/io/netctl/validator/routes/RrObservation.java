package io.netctl.validator.routes;

import io.netctl.validator.observe.RestartCapabilities;
import java.util.List;

/**
 * What netctl's monitor session saw at one route reflector.
 *
 * @param rr the reflector's name
 * @param address its IP
 * @param routes every IPv4 path it advertised (several per prefix when the session received
 *     ADD-PATH; empty when the session failed)
 * @param failure why no session came up, or null
 * @param flaps state changes away from Established during the observation
 * @param restart what the reflector's OPEN advertised about graceful restart, or null when unknown
 */
public record RrObservation(String rr, String address, List<ReflectedRoute> routes, String failure, int flaps, RestartCapabilities restart) {
  public RrObservation {
    routes = List.copyOf(routes);
  }

  /** An observation without the reflector's OPEN. */
  public RrObservation(String rr, String address, List<ReflectedRoute> routes, String failure, int flaps) {
    this(rr, address, routes, failure, flaps, null);
  }

  public boolean ok() {
    return failure == null;
  }
}
