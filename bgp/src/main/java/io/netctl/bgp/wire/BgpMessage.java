package io.netctl.bgp.wire;

/**
 * A BGP-4 message (RFC 4271 §4): the five types a speaker exchanges. Each record holds only what
 * the message means; the 19-byte header (marker, length, type) is added by the encoder.
 */
public sealed interface BgpMessage permits Open, Update, Notification, Keepalive, RouteRefresh {

  MessageType type();
}
