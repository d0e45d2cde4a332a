package io.netctl.validator.observe;

import io.netctl.bgp.wire.AddressFamily;
import io.netctl.bgp.wire.Capability;
import io.netctl.bgp.wire.Open;

/**
 * What one side of a BGP session advertised about graceful restart (RFC 4724 §3) and long-lived
 * graceful restart (RFC 9494 §3), for IPv4 unicast: from an OPEN (netctl's monitor session, a BMP
 * Peer Up) or from BIRD's {@code show protocols all} ("Local capabilities", "Neighbor
 * capabilities").
 *
 * @param gracefulRestart the graceful-restart capability is present (at least "aware": the side
 *     keeps a restarting peer's routes, and sends End-of-RIB)
 * @param restartTime its restart time in seconds (how long the peer may keep this side's routes)
 * @param ipv4 IPv4 unicast is among its families: the peer keeps this side's IPv4 routes as stale
 *     when the session drops
 * @param ipv4Forwarding the F bit of that family: forwarding state preserved across the restart
 * @param longLived the long-lived capability lists IPv4 unicast
 * @param longLivedStaleTime its long-lived stale time in seconds
 */
public record RestartCapabilities(boolean gracefulRestart, int restartTime, boolean ipv4, boolean ipv4Forwarding, boolean longLived,
    long longLivedStaleTime) {
  /** No graceful-restart capability at all. */
  public static final RestartCapabilities NONE = new RestartCapabilities(false, 0, false, false, false, 0);

  /** What {@code open} advertises; {@link #NONE} for null. */
  public static RestartCapabilities of(Open open) {
    if (open == null) {
      return NONE;
    }
    Capability.GracefulRestart gr = open.gracefulRestart();
    boolean ipv4 = false;
    boolean forwarding = false;
    if (gr != null) {
      for (Capability.GracefulRestart.Family f : gr.families()) {
        if (f.family().equals(AddressFamily.IPV4_UNICAST)) {
          ipv4 = true;
          forwarding = f.forwardingPreserved();
        }
      }
    }
    boolean ll = false;
    long stale = 0;
    Capability.LongLivedGracefulRestart llgr = open.longLivedGracefulRestart();
    if (llgr != null) {
      for (Capability.LongLivedGracefulRestart.Family f : llgr.families()) {
        if (f.family().equals(AddressFamily.IPV4_UNICAST)) {
          ll = true;
          stale = f.staleTime();
        }
      }
    }
    return new RestartCapabilities(gr != null, gr == null ? 0 : gr.restartTime(), ipv4, forwarding, ll, stale);
  }

  /** This side's IPv4 routes survive its restart at a peer that supports graceful restart. */
  public boolean keepsIpv4() {
    return gracefulRestart && ipv4;
  }

  /** One line: {@code graceful restart 120 s for IPv4 (forwarding preserved), long-lived 3600 s}. */
  public String describe() {
    if (!gracefulRestart) {
      return longLived ? "no graceful restart, long-lived " + longLivedStaleTime + " s for IPv4" : "no graceful restart";
    }
    String gr = ipv4
        ? "graceful restart " + restartTime + " s for IPv4" + (ipv4Forwarding ? " (forwarding preserved)" : "")
        : "graceful restart aware only (restart time " + restartTime + " s, no family: its routes are not kept)";
    return gr + (longLived ? ", long-lived " + longLivedStaleTime + " s for IPv4" : "");
  }
}
