package io.netctl.bgp.session;

/** Receives a session's events on its event loop; must not block. */
public interface SessionListener {
  SessionListener NONE = e -> {};

  void onEvent(SessionEvent event);

  /** False to skip one event per route (for a full-table ingest); EndOfRib and state changes still come. */
  default boolean routeEvents() {
    return true;
  }
}
