package io.netctl.bgp.wire;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

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
 */
public record WireOptions(boolean fourOctetAs, boolean extendedMessage, boolean internal, boolean monitoring) {
  /** Before the OPEN exchange: 2-octet AS, 4096-byte messages (RFC 4271 §4.1). */
  public static final WireOptions INITIAL = new WireOptions(false, false, false);

  /** Options for a BGP session. */
  public WireOptions(boolean fourOctetAs, boolean extendedMessage, boolean internal) {
    this(fourOctetAs, extendedMessage, internal, false);
  }

  /** Options for UPDATEs inside BMP Route Monitoring (RFC 7854 §4.6): up to 65535 bytes. */
  public static WireOptions bmp(boolean fourOctetAs) {
    return new WireOptions(fourOctetAs, true, true, true);
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
