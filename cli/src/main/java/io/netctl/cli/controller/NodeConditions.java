package io.netctl.cli.controller;

/** Conditions netctl writes on a Node's status (the status subresource). */
public interface NodeConditions {
  /** The Node condition type of the routes-ready gate. */
  String ROUTES_READY = "NetctlRoutesReady";

  /**
   * Sets {@link #ROUTES_READY} on {@code node}: True when its pool is at every route reflector
   * observed, else False with {@code message} naming the reflectors still without it. A failure is
   * logged, not thrown; returns whether it was written. {@code at} is the transition's time.
   */
  boolean routesReady(String node, boolean ready, String reason, String message, java.time.Instant at);
}
