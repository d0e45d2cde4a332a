package io.netctl.validator.picture;

import java.util.Locale;

/** The state of one block of a managed range in the pool map, in the order the legend lists them. */
public enum PoolState {
  /** Nobody holds it, and no reflector advertises it. */
  FREE,
  /** A node's allocation, with no warning or error about it (an info, such as a pending allocation, shows in its details). */
  HEALTHY,
  /** A node's allocation with at least one warning or error about it (its CIDR or its node). */
  FINDINGS,
  /** Held by a Calico IPPool or IPAM block that netctl did not write. */
  FOREIGN,
  /** No allocation, yet a route reflector advertises it. */
  SEEN;

  /** The marker value: {@code free}, {@code healthy}, {@code findings}, {@code foreign}, {@code seen}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
