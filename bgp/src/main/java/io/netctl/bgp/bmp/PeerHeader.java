package io.netctl.bgp.bmp;

import io.netctl.bgp.wire.Addresses;
import java.net.InetAddress;
import java.time.Instant;

/**
 * The per-peer header (RFC 7854 §4.2), 42 bytes: peer type(1) flags(1) distinguisher(8) address(16)
 * AS(4) BGP id(4) timestamp seconds(4) microseconds(4).
 *
 * @param type 0 global instance, 1 RD instance, 2 local instance, 3 Loc-RIB (RFC 9069)
 * @param flags V (0x80, IPv6 address), L (0x40, post-policy), A (0x20, 2-octet AS_PATH), O (0x10, Adj-RIB-Out)
 */
public record PeerHeader(int type, int flags, long distinguisher, InetAddress address, long asNumber, int bgpId, Instant timestamp) {
  public static final int LOC_RIB = 3;

  public boolean postPolicy() {
    return (flags & 0x40) != 0;
  }

  /** True when the AS_PATH in Route Monitoring uses 2-octet ASNs (the A flag). */
  public boolean twoOctetAsPath() {
    return type != LOC_RIB && (flags & 0x20) != 0;
  }

  /** Which RIB of the peer a Route Monitoring message describes. */
  public MonitoredPeer.View view() {
    if (type == LOC_RIB) {
      return MonitoredPeer.View.LOC_RIB;
    }
    return postPolicy() ? MonitoredPeer.View.POST_POLICY : MonitoredPeer.View.PRE_POLICY;
  }

  public MonitoredPeer peer() {
    return new MonitoredPeer(Addresses.text(address), asNumber, distinguisher, view());
  }
}
