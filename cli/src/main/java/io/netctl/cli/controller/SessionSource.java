package io.netctl.cli.controller;

import io.netctl.cli.metrics.PeerSession;
import io.netctl.validator.Finding;
import java.util.List;

/**
 * Where the drift check gets BGP sessions and the routes they carry: netctl's monitor sessions to
 * the route reflectors, or BMP. <b>Seam for the checker:</b> the monitor-session implementation
 * (over {@code io.netctl.bgp.session}) plugs in here; until then {@link #NONE} reports that the
 * session and route checks did not run.
 */
public interface SessionSource extends AutoCloseable {
  /**
   * What the sessions show now.
   *
   * @param sessions one per peer, with its RFC 4271 state, flaps and routes received
   * @param findings session and route findings (SESSION_*, ROUTE_*)
   * @param notRun why the session checks did not run, or null when they did
   */
  record Observation(List<PeerSession> sessions, List<Finding> findings, String notRun) {
    public Observation {
      sessions = List.copyOf(sessions);
      findings = List.copyOf(findings);
    }
  }

  Observation observe();

  /** Closes the sessions (a Cease NOTIFICATION to each peer). */
  @Override
  default void close() {}

  SessionSource NONE = () -> new Observation(List.of(), List.of(),
      "no monitor sessions to route reflectors in this build (netctl check's session checks plug in here)");
}
