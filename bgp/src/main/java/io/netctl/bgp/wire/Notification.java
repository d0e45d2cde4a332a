package io.netctl.bgp.wire;

/**
 * NOTIFICATION (RFC 4271 §4.5): error code(1) subcode(1) data. A received NOTIFICATION may carry
 * a pair this speaker does not know; the numbers are kept, {@link #error()} names them when known.
 */
public record Notification(int code, int subcode, Octets data) implements BgpMessage {
  public Notification {
    if (code < 0 || code > 255 || subcode < 0 || subcode > 255) {
      throw new IllegalArgumentException("code and subcode must be 0-255");
    }
    if (data == null) {
      data = Octets.EMPTY;
    }
  }

  public static Notification of(BgpError error, Octets data) {
    return new Notification(error.code(), error.subcode(), data);
  }

  public static Notification of(BgpError error) {
    return of(error, Octets.EMPTY);
  }

  /** The known pair, or null. */
  public BgpError error() {
    return BgpError.of(code, subcode);
  }

  /** "OPEN Message Error / Bad Peer AS (2/2)", plus the shutdown message of RFC 8203 when present. */
  public String describe() {
    String text = BgpError.describe(code, subcode);
    String message = shutdownMessage();
    return message == null ? text : text + ": \"" + message + "\"";
  }

  /** The UTF-8 message of an Administrative Shutdown/Reset (RFC 8203 §2), or null. */
  public String shutdownMessage() {
    if (code != 6 || (subcode != 2 && subcode != 4) || data.length() < 1) {
      return null;
    }
    int len = data.get(0);
    if (len == 0 || len + 1 > data.length()) {
      return null;
    }
    return new String(data.unsafeArray(), 1, len, java.nio.charset.StandardCharsets.UTF_8)
        .replaceAll("\\p{Cntrl}", "?");
  }

  @Override
  public MessageType type() {
    return MessageType.NOTIFICATION;
  }
}
