package io.netctl.bgp.wire;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * NLRI fields: prefixes as Length(1) and the fewest octets holding them (RFC 4271 §4.3, RFC 4760
 * §5), each after a Path Identifier(4) where ADD-PATH was negotiated for the family (RFC 7911 §3).
 * Used for the UPDATE's Withdrawn Routes and NLRI fields and inside MP_REACH_NLRI/MP_UNREACH_NLRI.
 */
final class NlriReader {
  private NlriReader() {}

  /**
   * Checks ADD-PATH path identifiers against their prefixes (RFC 7911 §3): none, or one per prefix.
   * Returns an immutable copy.
   */
  static List<Integer> pathIds(List<Integer> ids, List<Prefix> prefixes) {
    if (ids == null || ids.isEmpty()) {
      return List.of();
    }
    if (ids.size() != prefixes.size()) {
      throw new IllegalArgumentException(ids.size() + " path identifiers for " + prefixes.size() + " prefixes");
    }
    return List.copyOf(ids);
  }

  /**
   * A list of prefixes, each Length(1) then the fewest octets holding that many bits (RFC 4271
   * §4.3, RFC 4760 §5). Bits past the length are cleared. Any error resets the session, as the
   * NLRI can then not be parsed reliably (RFC 7606 §5.3).
   *
   * <p>With {@code pathIds} not null the family uses ADD-PATH: each prefix is preceded by its Path
   * Identifier(4) (RFC 7911 §3), added to {@code pathIds}. A path identifier cut short by the end of
   * the field is an NLRI that cannot be parsed, so it resets the session too (RFC 7606 §5.3; RFC
   * 7911 §3 defines no other handling).
   */
  static List<Prefix> readPrefixes(ByteBuf b, int from, int to, int afi, BgpError error, List<Integer> pathIds) {
    if (from >= to) {
      return List.of();
    }
    int maxBits = afi == AddressFamily.AFI_IPV4 ? 32 : 128;
    List<Prefix> out = new ArrayList<>(Math.min(to - from, 64));
    int p = from;
    while (p < to) {
      if (pathIds != null) {
        if (p + 4 + 1 > to) {
          throw new BgpProtocolException(error, "truncated ADD-PATH path identifier at offset " + (p - from));
        }
        pathIds.add(b.getInt(p));
        p += 4;
      }
      int bits = b.getUnsignedByte(p);
      int octets = (bits + 7) >>> 3;
      if (bits > maxBits || p + 1 + octets > to) {
        throw new BgpProtocolException(error, "bad prefix length " + bits + " at offset " + (p - from));
      }
      p++;
      if (afi == AddressFamily.AFI_IPV4) {
        int a = 0;
        for (int k = 0; k < octets; k++) {
          a |= b.getUnsignedByte(p + k) << (24 - 8 * k);
        }
        out.add(new Prefix.Ipv4(a & Prefix.Ipv4.mask(bits), bits));
      } else {
        long hi = 0;
        long lo = 0;
        for (int k = 0; k < octets; k++) {
          long octet = b.getUnsignedByte(p + k);
          if (k < 8) {
            hi |= octet << (56 - 8 * k);
          } else {
            lo |= octet << (56 - 8 * (k - 8));
          }
        }
        out.add(Prefix.Ipv6.masked(hi, lo, bits));
      }
      p += octets;
    }
    return out;
  }
}
