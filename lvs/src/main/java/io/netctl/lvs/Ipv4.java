package io.netctl.lvs;

import inet.ipaddr.ipv4.IPv4Address;

/** Dotted quads to and from ints, without the cost of a general address parser. */
public final class Ipv4 {
  private Ipv4() {}

  /**
   * Parses a dotted quad {@code a.b.c.d}.
   *
   * @throws IllegalArgumentException when it is not one
   */
  public static int parse(String s) {
    int value = 0;
    int part = 0;
    int digits = 0;
    int dots = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        part = part * 10 + (c - '0');
        if (++digits > 3 || part > 255) {
          throw new IllegalArgumentException("not an IPv4 address: " + s);
        }
      } else if (c == '.' && digits > 0 && dots < 3) {
        value = value << 8 | part;
        part = 0;
        digits = 0;
        dots++;
      } else {
        throw new IllegalArgumentException("not an IPv4 address: " + s);
      }
    }
    if (dots != 3 || digits == 0) {
      throw new IllegalArgumentException("not an IPv4 address: " + s);
    }
    return value << 8 | part;
  }

  public static IPv4Address address(String s) {
    return new IPv4Address(parse(s));
  }

  public static String text(int a) {
    return (a >>> 24) + "." + (a >>> 16 & 255) + "." + (a >>> 8 & 255) + "." + (a & 255);
  }
}
