package io.netctl.bgp.bmp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netctl.bgp.rib.RibSnapshot;
import io.netctl.bgp.rib.Route;
import io.netctl.bgp.wire.Addresses;
import io.netctl.bgp.wire.Octets;
import io.netctl.bgp.wire.Prefix;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Route Monitoring with ADD-PATH NLRI (RFC 7911 in BMP): the collector reads path identifiers for a
 * peer exactly where that peer's Peer Up OPENs negotiated them (the router's sent OPEN says
 * "receive", the peer's received OPEN says "send"; RFC 7854 §4.10), and keeps every path in the
 * pre-policy Adj-RIB-In. Hand-built messages, annotated field by field.
 */
class BmpAddPathTest {
  static final String MARKER = "ffffffffffffffffffffffffffffffff";
  // per-peer header: type 0 (global), flags 0 (IPv4, pre-policy, 4-octet AS_PATH), RD 0,
  // address 172.31.9.1, AS 64512, BGP ID 172.31.9.1, timestamp 0.0
  static final String PEER = "00 00 0000000000000000 000000000000000000000000ac1f0901 0000fc00 ac1f0901 00000000 00000000";
  // OPEN: version 4, AS 64512, hold 90, BGP ID; one parameter: 4-octet AS (65) and, when given, ADD-PATH (69) ipv4-unicast
  static String open(String id, String addPath) {
    String caps = "41 04 0000fc00" + (addPath == null ? "" : " 45 04 0001 01 " + addPath);
    int capLen = Octets.parseHex(caps).length;
    return bgp(1, "04 fc00 005a " + id + String.format(" %02x 02 %02x ", capLen + 2, capLen) + caps);
  }

  static String bgp(int type, String body) {
    int len = 19 + Octets.parseHex(body).length;
    return MARKER + String.format("%04x%02x", len, type) + body;
  }

  static byte[] bmp(int type, String body) {
    int len = 6 + Octets.parseHex(body).length;
    return Octets.parseHex(String.format("03 %08x %02x ", len, type) + body);
  }

  /** Peer Up: local address 172.31.9.4, local port 179, remote port 40000, sent OPEN, received OPEN. */
  static byte[] peerUp(String routerAddPath, String peerAddPath) {
    return bmp(3, PEER + " 000000000000000000000000ac1f0904 00b3 9c40 "
        + open("ac1f0904", routerAddPath) + open("ac1f0901", peerAddPath));
  }

  /** Route Monitoring of one UPDATE: ORIGIN IGP, AS_PATH empty, NEXT_HOP, LOCAL_PREF 100, then {@code nlri}. */
  static byte[] routeMonitoring(String nextHop, String nlri) {
    String attrs = "40 01 01 00 40 02 00 40 03 04 " + nextHop + " 40 05 04 00000064";
    return bmp(0, PEER + bgp(2, "0000 " + String.format("%04x ", Octets.parseHex(attrs).length) + attrs + nlri));
  }

  static RibSnapshot feed(byte[]... messages) {
    BmpRouterHandler handler = new BmpRouterHandler(e -> {}, new ConcurrentHashMap<>());
    EmbeddedChannel ch = new EmbeddedChannel(new BmpFrameDecoder(), handler);
    for (byte[] m : messages) {
      ch.writeInbound(Unpooled.wrappedBuffer(m));
    }
    assertThat(ch.isOpen()).as("the stream decoded").isTrue();
    RibSnapshot rib = handler.snapshot().get(new MonitoredPeer("172.31.9.1", 64512, 0, MonitoredPeer.View.PRE_POLICY));
    ch.finishAndReleaseAll();
    return rib;
  }

  static final Prefix A = Prefix.parse("10.3.240.0/27");

  @Test
  void bothPathsOfOnePrefixWhenPeerUpNegotiatedAddPath() {
    // router receives (1), peer sends (2); path 1 via 172.31.9.2, path 2 via 172.31.9.3
    RibSnapshot rib = feed(peerUp("01", "02"),
        routeMonitoring("ac1f0902", "00000001 1b 0a03f000"), routeMonitoring("ac1f0903", "00000002 1b 0a03f000"));
    List<String> paths = new ArrayList<>();
    for (Route r : rib.paths(A)) {
      paths.add(r.pathId() + " via " + Addresses.text(r.attributes().nextHop()));
    }
    assertThat(paths).containsExactly("1 via 172.31.9.2", "2 via 172.31.9.3");
  }

  @Test
  void withoutAddPathInBothOpensTheSecondAnnouncementReplacesTheFirst() {
    // the peer offers to send but the router did not offer to receive: plain NLRI
    RibSnapshot rib = feed(peerUp(null, "02"), routeMonitoring("ac1f0902", "1b 0a03f000"), routeMonitoring("ac1f0903", "1b 0a03f000"));
    assertThat(rib.paths(A)).hasSize(1);
    assertThat(rib.paths(A).get(0).hasPathId()).isFalse();
    assertThat(Addresses.text(rib.paths(A).get(0).attributes().nextHop())).isEqualTo("172.31.9.3");
  }
}
