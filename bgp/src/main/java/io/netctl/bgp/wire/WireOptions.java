package io.netctl.bgp.wire;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.util.Set;

/**
 * What the codec must know about a session to read and write its messages, fixed once both OPENs
 * are exchanged: 2- or 4-octet AS numbers (RFC 6793), the message size limit (RFC 8654), and
 * whether the peer is internal (LOCAL_PREF is mandatory there, RFC 4271 §5.1.5).
 *
 * @param fourOctetAs both sides advertised the 4-octet AS capability
 * @param extendedMessage both sides advertised the extended message capability (65535 bytes)
 * @param internal the peer is in our AS (iBGP)
 * @param monitoring the UPDATEs are a router's report over BMP, not a peer's advertisement: a route
 *     without ORIGIN, AS_PATH or NEXT_HOP (a Loc-RIB entry the router originated) is kept rather
 *     than treated as withdrawn
 * @param addPath the families whose NLRI carry a 4-octet path identifier before each prefix (RFC
 *     7911 §3): those where the peer offered to send and we to receive
 */
public record WireOptions(
    boolean fourOctetAs, boolean extendedMessage, boolean internal, boolean monitoring, Set<AddressFamily> addPath) {
  /** Before the OPEN exchange: 2-octet AS, 4096-byte messages (RFC 4271 §4.1). */
  public static final WireOptions INITIAL = new WireOptions(false, false, false);

  public WireOptions {
    addPath = Set.copyOf(addPath);
  }

  /** Options for a BGP session without ADD-PATH. */
  public WireOptions(boolean fourOctetAs, boolean extendedMessage, boolean internal) {
    this(fourOctetAs, extendedMessage, internal, false, Set.of());
  }

  /** Options for a BGP session; {@code addPath} as negotiated. */
  public WireOptions(boolean fourOctetAs, boolean extendedMessage, boolean internal, Set<AddressFamily> addPath) {
    this(fourOctetAs, extendedMessage, internal, false, addPath);
  }

  /** Options for UPDATEs inside BMP Route Monitoring (RFC 7854 §4.6): up to 65535 bytes. */
  public static WireOptions bmp(boolean fourOctetAs) {
    return bmp(fourOctetAs, Set.of());
  }

  /**
   * BMP Route Monitoring of a peer whose Peer Up OPENs negotiated ADD-PATH for {@code addPath}: the
   * UPDATEs are encoded as on that session, path identifiers included (RFC 7854 §4.10: the OPENs in
   * Peer Up tell the station how to read the peer's PDUs; RFC 9069: a Loc-RIB Peer Up carries a
   * fabricated OPEN whose capabilities say the same).
   */
  public static WireOptions bmp(boolean fourOctetAs, Set<AddressFamily> addPath) {
    return new WireOptions(fourOctetAs, true, true, true, addPath);
  }

  /** True when NLRI of the family carry path identifiers. */
  public boolean addPath(AddressFamily family) {
    return !addPath.isEmpty() && addPath.contains(family);
  }

  private static final AttributeKey<WireOptions> KEY = AttributeKey.valueOf(WireOptions.class, "options");

  public static final int MAX_MESSAGE = 4096;
  public static final int MAX_EXTENDED_MESSAGE = 65535;

  /** The largest message the peer may send. OPEN and KEEPALIVE are always limited to 4096. */
  public int maxMessageLength() {
    return extendedMessage ? MAX_EXTENDED_MESSAGE : MAX_MESSAGE;
  }

  /** The options the codec handlers of this channel use ({@link #INITIAL} until set). */
  public static WireOptions of(Channel ch) {
    WireOptions o = ch.attr(KEY).get();
    return o == null ? INITIAL : o;
  }

  /** Sets the options for the codec handlers of this channel (after the OPEN exchange). */
  public void applyTo(Channel ch) {
    ch.attr(KEY).set(this);
  }
}
