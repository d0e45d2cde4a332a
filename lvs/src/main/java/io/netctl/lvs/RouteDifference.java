package io.netctl.lvs;

import java.util.Objects;

/**
 * How a director's kernel table differs from the allocations, for one route.
 *
 * @param kind what is wrong
 * @param dst the prefix concerned (a pool, or a foreign route's destination)
 * @param desired the route the allocations ask for, or null (stale, foreign without a pool)
 * @param observed the kernel's route concerned, or null (missing)
 * @param detail one line saying what netctl saw and does
 * @param change what sync does about it, or null (reported only)
 */
public record RouteDifference(Kind kind, Ipv4Prefix dst, PoolRoute desired, KernelRoute observed, String detail, RouteChange change) {
  public RouteDifference {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(dst, "dst");
    Objects.requireNonNull(detail, "detail");
  }

  /** The classes of difference. */
  public enum Kind {
    /** A pool with a host IP has no route of netctl's: sync adds it. */
    MISSING,
    /** netctl's route for a pool goes another way (next hop, device, type, metric): sync replaces it. */
    WRONG_NEXT_HOP,
    /** netctl's route for a pool that is no longer allocated, or moved (other table, duplicate): sync deletes it. */
    STALE,
    /** A route netctl does not own contradicts the allocations: reported, never changed. */
    FOREIGN,
    /** A route netctl does not own agrees with an allocation (made by hand): left alone, or taken over with --adopt. */
    UNOWNED;

    /** {@code missing}, {@code wrong-next-hop}, ... for output. */
    public String text() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  /** True when sync changes something for it. */
  public boolean fixable() {
    return change != null;
  }
}
