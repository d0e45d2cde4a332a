package io.netctl.validator.observe;

import io.netctl.validator.routes.RrObservation;
import java.util.List;

/**
 * The route reflectors' tables as netctl's own BGP monitor sessions see them: read once by {@code
 * netctl check --monitor} ({@link MonitorSessions#source}), or kept open by the controller ({@link
 * LiveMonitorSessions}).
 */
@FunctionalInterface
public interface MonitorSource {
  /**
   * What the sessions show now.
   *
   * @param reflectors one observation per route reflector (a failed session carries its reason)
   * @param sessions the sessions themselves, for metrics (empty when they are not kept)
   */
  record View(List<RrObservation> reflectors, List<PeerSession> sessions) {
    public View {
      reflectors = List.copyOf(reflectors);
      sessions = List.copyOf(sessions);
    }
  }

  View observe();
}
