package io.netctl.bgp.wire;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Which families' UPDATEs from the peer carry ADD-PATH path identifiers (RFC 7911 §5): those for
 * which our OPEN said "receive" (or both) and the peer's OPEN said "send" (or both). A pure
 * function of the two OPENs, so a BMP collector reads a monitored session the same way from its
 * Peer Up (RFC 7854 §4.10).
 */
public final class AddPathNegotiation {
  private AddPathNegotiation() {}

  /** The families for which {@code receiver} gets path identifiers from {@code sender}. */
  public static Set<AddressFamily> receiving(Open receiver, Open sender) {
    Capability.AddPath ours = addPath(receiver);
    Capability.AddPath theirs = addPath(sender);
    Set<AddressFamily> out = new LinkedHashSet<>();
    if (ours == null || theirs == null) {
      return out;
    }
    for (Capability.AddPath.Entry e : ours.entries()) {
      if (e.family().isUnicastIp() && ours.receives(e.family()) && theirs.sends(e.family())) {
        out.add(e.family());
      }
    }
    return out;
  }

  /**
   * The families a BMP Loc-RIB Peer Up's fabricated OPEN names in ADD-PATH (RFC 9069: the
   * capabilities say how the Route Monitoring PDUs are encoded; there is no second side).
   */
  public static Set<AddressFamily> offered(Open open) {
    Capability.AddPath a = addPath(open);
    Set<AddressFamily> out = new LinkedHashSet<>();
    if (a != null) {
      for (Capability.AddPath.Entry e : a.entries()) {
        if (e.family().isUnicastIp()) {
          out.add(e.family());
        }
      }
    }
    return out;
  }

  private static Capability.AddPath addPath(Open open) {
    if (open == null) { // a BMP Peer Up without that OPEN (FRR 8.4's header-only received OPEN)
      return null;
    }
    for (Capability c : open.capabilities()) {
      if (c instanceof Capability.AddPath a) {
        return a;
      }
    }
    return null;
  }
}
