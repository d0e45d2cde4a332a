package io.netctl.bgp.wire;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IP prefix as carried in NLRI (RFC 4271 §4.3, RFC 4760 §5): an address and a length. Host
 * bits beyond the length are always zero (the decoder clears what a sender left set, as RFC 4271
 * lets a receiver ignore them).
 */
public sealed interface Prefix extends Comparable<Prefix> permits Prefix.Ipv4, Prefix.Ipv6 {

  int length();

  AddressFamily family();

  /** The network address. */
  InetAddress inetAddress();

  /** {@code 10.3.240.0/27} or {@code 2001:db8::/48}. */
  @Override
  String toString();

  /** Parses {@code a.b.c.d/n} or an IPv6 {@code addr/n}; host bits must be zero. */
  static Prefix parse(String text) {
    int slash = text.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("not a prefix (address/length): " + text);
    }
    String addr = text.substring(0, slash);
    if (!addr.matches("[0-9A-Fa-f:.]+")) {
      throw new IllegalArgumentException("not an IP address: " + addr);
    }
    int len;
    try {
      len = Integer.parseInt(text.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad prefix length in " + text);
    }
    InetAddress a;
    try {
      a = InetAddress.getByName(addr);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address: " + addr);
    }
    Prefix p = of(a.getAddress(), len);
    if (!p.inetAddress().equals(a)) {
      throw new IllegalArgumentException("host bits set in " + text);
    }
    return p;
  }

  /** A prefix from address bytes (4 or 16) and a length; host bits are cleared. */
  static Prefix of(byte[] address, int length) {
    if (address.length == 4) {
      int v = ((address[0] & 0xff) << 24) | ((address[1] & 0xff) << 16) | ((address[2] & 0xff) << 8) | (address[3] & 0xff);
      return new Ipv4(v & Ipv4.mask(length), length);
    }
    if (address.length == 16) {
      long hi = 0;
      long lo = 0;
      for (int i = 0; i < 8; i++) {
        hi = (hi << 8) | (address[i] & 0xff);
        lo = (lo << 8) | (address[i + 8] & 0xff);
      }
      return Ipv6.masked(hi, lo, length);
    }
    throw new IllegalArgumentException("address must have 4 or 16 bytes, not " + address.length);
  }

  /** An IPv4 prefix; {@code address} holds the 32 bits, network order, in an int. */
  record Ipv4(int address, int length) implements Prefix {
    public Ipv4 {
      if (length < 0 || length > 32) {
        throw new IllegalArgumentException("IPv4 prefix length must be 0-32: " + length);
      }
      if ((address & ~mask(length)) != 0) {
        throw new IllegalArgumentException("host bits set in " + text(address, length));
      }
    }

    static int mask(int length) {
      return length == 0 ? 0 : -1 << (32 - length);
    }

    @Override
    public AddressFamily family() {
      return AddressFamily.IPV4_UNICAST;
    }

    @Override
    public InetAddress inetAddress() {
      try {
        return Inet4Address.getByAddress(
            new byte[] {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address});
      } catch (UnknownHostException e) {
        throw new IllegalStateException(e);
      }
    }

    /** Packs address and length into one long (a map key that needs no object). */
    public long packed() {
      return ((address & 0xffffffffL) << 6) | length;
    }

    /** The inverse of {@link #packed()}. */
    public static Ipv4 unpack(long packed) {
      return new Ipv4((int) (packed >>> 6), (int) (packed & 0x3f));
    }

    @Override
    public int compareTo(Prefix o) {
      if (o instanceof Ipv4 b) {
        int c = Integer.compareUnsigned(address, b.address);
        return c != 0 ? c : Integer.compare(length, b.length);
      }
      return -1;
    }

    @Override
    public String toString() {
      return text(address, length);
    }

    private static String text(int a, int len) {
      return (a >>> 24) + "." + ((a >>> 16) & 0xff) + "." + ((a >>> 8) & 0xff) + "." + (a & 0xff) + "/" + len;
    }
  }

  /** An IPv6 prefix; the 128 bits as two longs, network order. */
  record Ipv6(long high, long low, int length) implements Prefix {
    public Ipv6 {
      if (length < 0 || length > 128) {
        throw new IllegalArgumentException("IPv6 prefix length must be 0-128: " + length);
      }
      if ((high & ~highMask(length)) != 0 || (low & ~lowMask(length)) != 0) {
        throw new IllegalArgumentException("host bits set in IPv6 prefix /" + length);
      }
    }

    static long highMask(int length) {
      return length >= 64 ? -1L : length == 0 ? 0 : -1L << (64 - length);
    }

    static long lowMask(int length) {
      return length <= 64 ? 0 : length == 128 ? -1L : -1L << (128 - length);
    }

    /** A prefix from 128 bits and a length, host bits cleared. */
    public static Ipv6 masked(long hi, long lo, int length) {
      if (length < 0 || length > 128) {
        throw new IllegalArgumentException("IPv6 prefix length must be 0-128: " + length);
      }
      return new Ipv6(hi & highMask(length), lo & lowMask(length), length);
    }

    @Override
    public AddressFamily family() {
      return AddressFamily.IPV6_UNICAST;
    }

    @Override
    public InetAddress inetAddress() {
      byte[] b = new byte[16];
      for (int i = 0; i < 8; i++) {
        b[i] = (byte) (high >>> (56 - 8 * i));
        b[i + 8] = (byte) (low >>> (56 - 8 * i));
      }
      try {
        return Inet6Address.getByAddress(b);
      } catch (UnknownHostException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public int compareTo(Prefix o) {
      if (o instanceof Ipv6 b) {
        int c = Long.compareUnsigned(high, b.high);
        if (c == 0) {
          c = Long.compareUnsigned(low, b.low);
        }
        return c != 0 ? c : Integer.compare(length, b.length);
      }
      return 1;
    }

    @Override
    public String toString() {
      return Addresses.text(inetAddress()) + "/" + length;
    }
  }
}
