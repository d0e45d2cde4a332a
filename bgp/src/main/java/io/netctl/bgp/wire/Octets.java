package io.netctl.bgp.wire;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable run of bytes with value equality: the raw value of an unknown attribute or
 * capability, NOTIFICATION data, a next-hop field. Copies on the way in and out.
 */
public final class Octets {
  /** No bytes. */
  public static final Octets EMPTY = new Octets(new byte[0]);

  private final byte[] bytes;
  private final int hash;

  private Octets(byte[] owned) {
    this.bytes = owned;
    this.hash = Arrays.hashCode(owned);
  }

  /** A copy of {@code bytes}. */
  public static Octets of(byte... bytes) {
    return bytes.length == 0 ? EMPTY : new Octets(bytes.clone());
  }

  /** Bytes from a hex string; spaces, newlines and {@code #} comments to the end of a line are ignored. */
  public static Octets hex(String hex) {
    return new Octets(parseHex(hex));
  }

  /** Parses hex with spaces, line breaks and {@code #} comments (for readable fixtures). */
  public static byte[] parseHex(String hex) {
    StringBuilder clean = new StringBuilder(hex.length());
    for (String line : hex.split("\n")) {
      int comment = line.indexOf('#');
      String part = comment >= 0 ? line.substring(0, comment) : line;
      for (int i = 0; i < part.length(); i++) {
        char c = part.charAt(i);
        if (!Character.isWhitespace(c) && c != ':') {
          clean.append(c);
        }
      }
    }
    return HexFormat.of().parseHex(clean);
  }

  static Octets wrap(byte[] owned) {
    return owned.length == 0 ? EMPTY : new Octets(owned);
  }

  /** A copy of the bytes. */
  public byte[] toByteArray() {
    return bytes.clone();
  }

  public int length() {
    return bytes.length;
  }

  public int get(int index) {
    return bytes[index] & 0xff;
  }

  byte[] unsafeArray() {
    return bytes;
  }

  public String toHex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Octets other && hash == other.hash && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return "0x" + toHex();
  }
}
