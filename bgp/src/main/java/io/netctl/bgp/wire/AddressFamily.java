package io.netctl.bgp.wire;

/**
 * An AFI/SAFI pair (RFC 4760 §5): which kind of NLRI a capability, MP_REACH/MP_UNREACH attribute,
 * ROUTE-REFRESH or End-of-RIB marker is about. Only IPv4 and IPv6 unicast carry routes here;
 * other pairs are kept as numbers so they can be shown and re-encoded.
 */
public record AddressFamily(int afi, int safi) {
  public static final int AFI_IPV4 = 1;
  public static final int AFI_IPV6 = 2;
  public static final int SAFI_UNICAST = 1;

  public static final AddressFamily IPV4_UNICAST = new AddressFamily(AFI_IPV4, SAFI_UNICAST);
  public static final AddressFamily IPV6_UNICAST = new AddressFamily(AFI_IPV6, SAFI_UNICAST);

  public AddressFamily {
    if (afi < 0 || afi > 0xffff || safi < 0 || safi > 0xff) {
      throw new IllegalArgumentException("AFI must be 0-65535 and SAFI 0-255: " + afi + "/" + safi);
    }
  }

  /** The family for these numbers, reusing the two constants. */
  public static AddressFamily of(int afi, int safi) {
    if (safi == SAFI_UNICAST && afi == AFI_IPV4) {
      return IPV4_UNICAST;
    }
    if (safi == SAFI_UNICAST && afi == AFI_IPV6) {
      return IPV6_UNICAST;
    }
    return new AddressFamily(afi, safi);
  }

  /** True for IPv4 or IPv6 unicast, whose NLRI this codec decodes into prefixes. */
  public boolean isUnicastIp() {
    return safi == SAFI_UNICAST && (afi == AFI_IPV4 || afi == AFI_IPV6);
  }

  @Override
  public String toString() {
    if (equals(IPV4_UNICAST)) {
      return "ipv4-unicast";
    }
    if (equals(IPV6_UNICAST)) {
      return "ipv6-unicast";
    }
    return "afi" + afi + "/safi" + safi;
  }
}
