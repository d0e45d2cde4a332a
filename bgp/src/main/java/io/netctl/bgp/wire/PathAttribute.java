package io.netctl.bgp.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * A path attribute of an UPDATE (RFC 4271 §4.3 and §5). Each known type is a record holding its
 * value; the flags octet and the length are written by the encoder (extended length only when the
 * value exceeds 255 bytes). Types this speaker does not know stay {@link Unknown}, flags and bytes.
 */
public sealed interface PathAttribute
    permits PathAttribute.Origin,
        PathAttribute.AsPath,
        PathAttribute.NextHop,
        PathAttribute.MultiExitDisc,
        PathAttribute.LocalPref,
        PathAttribute.AtomicAggregate,
        PathAttribute.Aggregator,
        PathAttribute.Communities,
        PathAttribute.OriginatorId,
        PathAttribute.ClusterList,
        PathAttribute.MpReach,
        PathAttribute.MpUnreach,
        PathAttribute.ExtendedCommunities,
        PathAttribute.As4Path,
        PathAttribute.As4Aggregator,
        PathAttribute.LargeCommunities,
        PathAttribute.Unknown {

  int OPTIONAL = 0x80;
  int TRANSITIVE = 0x40;
  int PARTIAL = 0x20;
  int EXTENDED_LENGTH = 0x10;

  /** The attribute type code. */
  int typeCode();


  /** The optional and transitive bits this type is sent with (RFC 4271 §5, the defining RFCs). */
  default int flags() {
    return AttributeType.canonicalFlags(typeCode());
  }

  /** ORIGIN, type 1, well-known mandatory (RFC 4271 §5.1.1): one octet. */
  record Origin(OriginType value) implements PathAttribute {
    @Override
    public int typeCode() {
      return AttributeType.ORIGIN;
    }
  }

  /** The ORIGIN values; {@code code()} is the wire value. */
  enum OriginType {
    IGP,
    EGP,
    INCOMPLETE;

    public int code() {
      return ordinal();
    }

    /** The letter BIRD and FRR show: i, e, ?. */
    public String symbol() {
      return switch (this) {
        case IGP -> "i";
        case EGP -> "e";
        case INCOMPLETE -> "?";
      };
    }
  }

  /** AS_PATH, type 2, well-known mandatory (RFC 4271 §4.3, §5.1.2): segments of 2- or 4-octet ASNs. */
  record AsPath(List<Segment> segments) implements PathAttribute {
    public static final AsPath EMPTY = new AsPath(List.of());

    public AsPath {
      segments = List.copyOf(segments);
    }

    /** One AS_SEQUENCE of these ASNs (empty list: the empty path). */
    public static AsPath sequence(Long... asns) {
      return asns.length == 0 ? EMPTY : new AsPath(List.of(new Segment(SegmentType.AS_SEQUENCE, List.of(asns))));
    }

    @Override
    public int typeCode() {
      return AttributeType.AS_PATH;
    }

    /** The path length for route selection: a set counts 1, confederation segments 0 (RFC 4271 §9.1.2.2, RFC 5065). */
    public int pathLength() {
      int n = 0;
      for (Segment s : segments) {
        n += switch (s.type()) {
          case AS_SEQUENCE -> s.asns().size();
          case AS_SET -> 1;
          case AS_CONFED_SEQUENCE, AS_CONFED_SET -> 0;
        };
      }
      return n;
    }

    /** "64512 65000 {1 2}" as BIRD and FRR print it; empty for an empty path. */
    @Override
    public String toString() {
      List<String> parts = new ArrayList<>();
      for (Segment s : segments) {
        parts.add(s.toString());
      }
      return String.join(" ", parts);
    }
  }

  /** A segment of an AS_PATH or AS4_PATH: type(1) count(1) then the ASNs. */
  record Segment(SegmentType type, List<Long> asns) {
    public Segment {
      asns = List.copyOf(asns);
      if (asns.isEmpty() || asns.size() > 255) {
        throw new IllegalArgumentException("a segment holds 1-255 AS numbers, not " + asns.size());
      }
      for (long a : asns) {
        if (a < 0 || a > 0xffffffffL) {
          throw new IllegalArgumentException("AS number out of range: " + a);
        }
      }
    }

    @Override
    public String toString() {
      String inner = String.join(" ", asns.stream().map(String::valueOf).toList());
      return switch (type) {
        case AS_SEQUENCE -> inner;
        case AS_SET -> "{" + inner + "}";
        case AS_CONFED_SEQUENCE -> "(" + inner + ")";
        case AS_CONFED_SET -> "[" + inner + "]";
      };
    }
  }

  /** AS_PATH segment types (RFC 4271 §4.3, RFC 5065 §3); {@code code()} is the wire value. */
  enum SegmentType {
    AS_SET(1),
    AS_SEQUENCE(2),
    AS_CONFED_SEQUENCE(3),
    AS_CONFED_SET(4);

    private final int code;

    SegmentType(int code) {
      this.code = code;
    }

    public int code() {
      return code;
    }

    static SegmentType of(int code) {
      return switch (code) {
        case 1 -> AS_SET;
        case 2 -> AS_SEQUENCE;
        case 3 -> AS_CONFED_SEQUENCE;
        case 4 -> AS_CONFED_SET;
        default -> null;
      };
    }
  }

  /** NEXT_HOP, type 3, well-known mandatory for IPv4 NLRI (RFC 4271 §5.1.3): an IPv4 address. */
  record NextHop(int address) implements PathAttribute {
    @Override
    public int typeCode() {
      return AttributeType.NEXT_HOP;
    }

    @Override
    public String toString() {
      return "NextHop[" + Addresses.dotted(address) + "]";
    }
  }

  /** MULTI_EXIT_DISC, type 4, optional non-transitive (RFC 4271 §5.1.4): 4 octets, unsigned. */
  record MultiExitDisc(long value) implements PathAttribute {
    public MultiExitDisc {
      checkU32(value);
    }

    @Override
    public int typeCode() {
      return AttributeType.MULTI_EXIT_DISC;
    }
  }

  /** LOCAL_PREF, type 5, well-known, iBGP only (RFC 4271 §5.1.5): 4 octets, unsigned. */
  record LocalPref(long value) implements PathAttribute {
    public LocalPref {
      checkU32(value);
    }

    @Override
    public int typeCode() {
      return AttributeType.LOCAL_PREF;
    }
  }

  /** ATOMIC_AGGREGATE, type 6, well-known discretionary (RFC 4271 §5.1.6): no value. */
  record AtomicAggregate() implements PathAttribute {
    @Override
    public int typeCode() {
      return AttributeType.ATOMIC_AGGREGATE;
    }
  }

  /** AGGREGATOR, type 7, optional transitive (RFC 4271 §5.1.7, RFC 6793 §3): AS (2 or 4) + IPv4 address. */
  record Aggregator(long asNumber, int address) implements PathAttribute {
    public Aggregator {
      checkU32(asNumber);
    }

    @Override
    public int typeCode() {
      return AttributeType.AGGREGATOR;
    }
  }

  /** COMMUNITIES, type 8, optional transitive (RFC 1997): 32-bit values, shown as high:low. */
  record Communities(List<Integer> values) implements PathAttribute {
    public static final int NO_EXPORT = 0xFFFFFF01;
    public static final int NO_ADVERTISE = 0xFFFFFF02;
    public static final int NO_EXPORT_SUBCONFED = 0xFFFFFF03;

    public Communities {
      values = List.copyOf(values);
    }

    @Override
    public int typeCode() {
      return AttributeType.COMMUNITIES;
    }

    /** "65000:100" for each value. */
    public List<String> text() {
      return values.stream().map(v -> (v >>> 16) + ":" + (v & 0xffff)).toList();
    }
  }

  /** ORIGINATOR_ID, type 9, optional non-transitive (RFC 4456 §8): the originating router's BGP id. */
  record OriginatorId(int id) implements PathAttribute {
    @Override
    public int typeCode() {
      return AttributeType.ORIGINATOR_ID;
    }

    @Override
    public String toString() {
      return "OriginatorId[" + Addresses.dotted(id) + "]";
    }
  }

  /** CLUSTER_LIST, type 10, optional non-transitive (RFC 4456 §8): the reflection path of cluster ids. */
  record ClusterList(List<Integer> ids) implements PathAttribute {
    public ClusterList {
      ids = List.copyOf(ids);
    }

    @Override
    public int typeCode() {
      return AttributeType.CLUSTER_LIST;
    }

    public List<String> text() {
      return ids.stream().map(Addresses::dotted).toList();
    }
  }

  /**
   * MP_REACH_NLRI, type 14, optional non-transitive (RFC 4760 §3): AFI(2) SAFI(1) next-hop length(1)
   * next hop, reserved(1), NLRI. Only IPv4/IPv6 unicast are decoded here; other families stay
   * {@link Unknown}. An IPv6 next hop is 16 bytes, or 32 with a link-local address after it.
   */
  record MpReach(AddressFamily family, Octets nextHop, List<Prefix> nlri, List<Integer> pathIds) implements PathAttribute {
    /** Without path identifiers. */
    public MpReach(AddressFamily family, Octets nextHop, List<Prefix> nlri) {
      this(family, nextHop, nlri, List.of());
    }

    public MpReach {
      nlri = List.copyOf(nlri);
      pathIds = NlriReader.pathIds(pathIds, nlri);
      if (nextHop.length() > 255) {
        throw new IllegalArgumentException("next hop too long");
      }
    }

    @Override
    public int typeCode() {
      return AttributeType.MP_REACH_NLRI;
    }

    /** The next-hop addresses (global first, then link-local when there is one). */
    public List<java.net.InetAddress> nextHops() {
      byte[] nh = nextHop.unsafeArray();
      List<java.net.InetAddress> out = new ArrayList<>(2);
      int step = nh.length == 4 ? 4 : 16;
      for (int i = 0; i + step <= nh.length; i += step) {
        out.add(Addresses.fromBytes(java.util.Arrays.copyOfRange(nh, i, i + step)));
      }
      return out;
    }
  }

  /** MP_UNREACH_NLRI, type 15, optional non-transitive (RFC 4760 §4): AFI(2) SAFI(1) withdrawn routes. */
  record MpUnreach(AddressFamily family, List<Prefix> withdrawn, List<Integer> pathIds) implements PathAttribute {
    /** Without path identifiers. */
    public MpUnreach(AddressFamily family, List<Prefix> withdrawn) {
      this(family, withdrawn, List.of());
    }

    public MpUnreach {
      withdrawn = List.copyOf(withdrawn);
      pathIds = NlriReader.pathIds(pathIds, withdrawn);
    }

    @Override
    public int typeCode() {
      return AttributeType.MP_UNREACH_NLRI;
    }
  }

  /** EXTENDED_COMMUNITIES, type 16, optional transitive (RFC 4360 §2): 8-octet values. */
  record ExtendedCommunities(List<Long> values) implements PathAttribute {
    public ExtendedCommunities {
      values = List.copyOf(values);
    }

    @Override
    public int typeCode() {
      return AttributeType.EXTENDED_COMMUNITIES;
    }
  }

  /** AS4_PATH, type 17, optional transitive (RFC 6793 §3): an AS_PATH with 4-octet ASNs, for 2-octet sessions. */
  record As4Path(List<Segment> segments) implements PathAttribute {
    public As4Path {
      segments = List.copyOf(segments);
    }

    @Override
    public int typeCode() {
      return AttributeType.AS4_PATH;
    }
  }

  /** AS4_AGGREGATOR, type 18, optional transitive (RFC 6793 §3): 4-octet AS + IPv4 address. */
  record As4Aggregator(long asNumber, int address) implements PathAttribute {
    public As4Aggregator {
      checkU32(asNumber);
    }

    @Override
    public int typeCode() {
      return AttributeType.AS4_AGGREGATOR;
    }
  }

  /** LARGE_COMMUNITY, type 32, optional transitive (RFC 8092 §3): 12-octet values. */
  record LargeCommunities(List<LargeCommunity> values) implements PathAttribute {
    public LargeCommunities {
      values = List.copyOf(values);
    }

    @Override
    public int typeCode() {
      return AttributeType.LARGE_COMMUNITY;
    }
  }

  /**
   * An attribute whose type this speaker does not interpret (or an MP attribute of another family):
   * its flags (partial and extended-length bits included) and value, kept byte for byte.
   */
  record Unknown(int flags, int typeCode, Octets value) implements PathAttribute {
    public Unknown {
      if (flags < 0 || flags > 0xff || typeCode < 0 || typeCode > 0xff || value.length() > 0xffff) {
        throw new IllegalArgumentException("flags and type are octets, values at most 65535 bytes");
      }
      flags = flags & 0xf0;
    }
  }

  private static void checkU32(long v) {
    if (v < 0 || v > 0xffffffffL) {
      throw new IllegalArgumentException("value is an unsigned 32-bit field: " + v);
    }
  }
}
