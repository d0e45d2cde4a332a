package io.netctl.lvs;

import inet.ipaddr.IPAddress;
import inet.ipaddr.ipv4.IPv4Address;

/**
 * An IPv4 prefix such as {@code 10.3.240.0/27}, kept as two ints: the kernel's tables hold
 * 100,000 of them, and parsing or comparing them must cost next to nothing.
 *
 * @param address the network address (host bits zero) as an unsigned 32-bit value
 * @param length the prefix length, 0-32
 */
public record Ipv4Prefix(int address, int length) implements Comparable<Ipv4Prefix> {
  public Ipv4Prefix {
    if (length < 0 || length > 32) {
      throw new IllegalArgumentException("prefix length " + length + " is not 0-32");
    }
    if ((address & ~mask(length)) != 0) {
      throw new IllegalArgumentException(Ipv4.text(address) + "/" + length + " has host bits set");
    }
  }

  /** The prefix of a Calico pool or range. */
  public static Ipv4Prefix of(IPAddress cidr) {
    if (!cidr.isIPv4()) {
      throw new IllegalArgumentException("not IPv4: " + cidr);
    }
    int len = cidr.isPrefixed() ? cidr.getNetworkPrefixLength() : 32;
    return new Ipv4Prefix(cidr.toIPv4().getLower().intValue() & mask(len), len);
  }

  /**
   * Parses {@code a.b.c.d/len}, {@code a.b.c.d} (a /32) or {@code default} (0.0.0.0/0), as
   * iproute2 prints a route's destination. Host bits must be zero.
   *
   * @throws IllegalArgumentException when it is none of these
   */
  public static Ipv4Prefix parse(String text) {
    if ("default".equals(text)) {
      return new Ipv4Prefix(0, 0);
    }
    int slash = text.indexOf('/');
    int addr = Ipv4.parse(slash < 0 ? text : text.substring(0, slash));
    int len = 32;
    if (slash >= 0) {
      String l = text.substring(slash + 1);
      if (l.isEmpty() || l.length() > 2 || !l.chars().allMatch(Character::isDigit)) {
        throw new IllegalArgumentException("not an IPv4 prefix: " + text);
      }
      len = Integer.parseInt(l);
    }
    return new Ipv4Prefix(addr, len);
  }

  static int mask(int length) {
    return length == 0 ? 0 : -1 << (32 - length);
  }

  /** True when {@code other} lies inside this prefix (or equals it). */
  public boolean contains(Ipv4Prefix other) {
    return other.length >= length && (other.address & mask(length)) == address;
  }

  /** True when the address lies inside this prefix. */
  public boolean contains(IPv4Address a) {
    return (a.intValue() & mask(length)) == address;
  }

  public boolean overlaps(Ipv4Prefix other) {
    return contains(other) || other.contains(this);
  }

  @Override
  public int compareTo(Ipv4Prefix o) {
    int c = Integer.compareUnsigned(address, o.address);
    return c != 0 ? c : Integer.compare(length, o.length);
  }

  @Override
  public String toString() {
    return Ipv4.text(address) + "/" + length;
  }
}
