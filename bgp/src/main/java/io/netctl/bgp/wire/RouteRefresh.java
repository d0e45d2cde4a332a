package io.netctl.bgp.wire;

/**
 * ROUTE-REFRESH (RFC 2918 §3, subtypes from RFC 7313 §3.2): AFI(2) subtype(1) SAFI(1). Subtype 0
 * asks for a re-advertisement; 1 (BoRR) and 2 (EoRR) mark the start and end of one.
 */
public record RouteRefresh(AddressFamily family, int subtype) implements BgpMessage {
  public RouteRefresh {
    if (subtype < 0 || subtype > 255) {
      throw new IllegalArgumentException("subtype is an octet");
    }
  }

  public RouteRefresh(AddressFamily family, Subtype subtype) {
    this(family, subtype.ordinal());
  }

  /** The subtype, or null for the values 3-255 that RFC 7313 §5 says to ignore. */
  public Subtype kind() {
    return subtype < 3 ? Subtype.values()[subtype] : null;
  }

  /** The demarcation subtypes of RFC 7313 §3.2 (the octet that RFC 2918 called reserved). */
  public enum Subtype {
    NORMAL,
    BEGIN_OF_ROUTE_REFRESH,
    END_OF_ROUTE_REFRESH
  }

  @Override
  public MessageType type() {
    return MessageType.ROUTE_REFRESH;
  }
}
