package io.netctl.bgp.session;

import io.netctl.bgp.rib.Route;
import io.netctl.bgp.wire.AddressFamily;
import io.netctl.bgp.wire.MalformedUpdate;
import io.netctl.bgp.wire.Prefix;
import java.time.Instant;

/** What a session reports to its {@link SessionListener}, in the order it happened. */
public sealed interface SessionEvent {
  /** The peer, as {@link SessionConfig#peerName()}. */
  String peer();

  /** The FSM moved; {@code reason} says why when the move is a failure or a stop, else null. */
  record StateChanged(String peer, SessionState from, SessionState to, String reason, Instant at) implements SessionEvent {}

  /** A route was added to the Adj-RIB-In, or replaced the route for its prefix. */
  record RouteAnnounced(String peer, Route route, boolean replaced) implements SessionEvent {}

  /** A route was withdrawn from the Adj-RIB-In; {@code pathId} as in {@link Route#pathId()}. */
  record RouteWithdrawn(String peer, Prefix prefix, long pathId) implements SessionEvent {
    /** A withdrawal without ADD-PATH. */
    public RouteWithdrawn(String peer, Prefix prefix) {
      this(peer, prefix, Route.NO_PATH_ID);
    }
  }

  /** The peer's End-of-RIB for a family (RFC 4724 §2); {@code routes} are now in the RIB in all. */
  record EndOfRib(String peer, AddressFamily family, int routes) implements SessionEvent {}

  /** The session went down and its routes were dropped. */
  record RibCleared(String peer, int routes) implements SessionEvent {}

  /** An UPDATE was malformed and handled by RFC 7606 without a reset. */
  record UpdateError(String peer, MalformedUpdate finding) implements SessionEvent {}
}
