package io.netctl.bgp.wire;

/** The message type octet of the BGP header (RFC 4271 §4.1, RFC 2918 §3). */
public enum MessageType {
  OPEN(1, 29),
  UPDATE(2, 23),
  NOTIFICATION(3, 21),
  KEEPALIVE(4, 19),
  ROUTE_REFRESH(5, 23);

  private final int code;
  private final int minLength;

  MessageType(int code, int minLength) {
    this.code = code;
    this.minLength = minLength;
  }

  public int code() {
    return code;
  }

  /** The smallest valid message of this type, header included (RFC 4271 §6.1). */
  public int minLength() {
    return minLength;
  }

  /** The type for a code, or null. */
  public static MessageType of(int code) {
    return switch (code) {
      case 1 -> OPEN;
      case 2 -> UPDATE;
      case 3 -> NOTIFICATION;
      case 4 -> KEEPALIVE;
      case 5 -> ROUTE_REFRESH;
      default -> null;
    };
  }
}
