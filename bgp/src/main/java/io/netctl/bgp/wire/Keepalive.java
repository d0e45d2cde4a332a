package io.netctl.bgp.wire;

/** KEEPALIVE (RFC 4271 §4.4): the header alone, 19 bytes. */
public record Keepalive() implements BgpMessage {
  public static final Keepalive INSTANCE = new Keepalive();

  @Override
  public MessageType type() {
    return MessageType.KEEPALIVE;
  }
}
