package io.netctl.bgp.wire;

import static io.netctl.bgp.wire.AttributeType.*;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Decodes an UPDATE body and applies the error handling of RFC 7606: a malformed attribute is
 * dropped (attribute discard) or turns the UPDATE into a withdrawal of all its prefixes
 * (treat-as-withdraw), and only what leaves the routes unlocatable resets the session.
 *
 * <pre>
 * +-----------------------------------------------------+
 * |   Withdrawn Routes Length (2 octets)                |
 * |   Withdrawn Routes (variable)                       |
 * |   Total Path Attribute Length (2 octets)            |
 * |   Path Attributes: Flags(1) Type(1) Length(1|2) ... |
 * |   Network Layer Reachability Information (variable) |
 * +-----------------------------------------------------+
 * </pre>
 */
final class UpdateReader {
  private UpdateReader() {}

  /** A malformed attribute and what RFC 7606 says to do about it. */
  private static final class Malformed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final Rfc7606Action action;
    final BgpError error;

    Malformed(Rfc7606Action action, BgpError error, String detail) {
      super(detail, null, false, false);
      this.action = action;
      this.error = error;
    }
  }

  static Update read(ByteBuf b, int i, int end, WireOptions o, Consumer<MalformedUpdate> issues) {
    int withdrawnLength = b.getUnsignedShort(i);
    int wStart = i + 2;
    int wEnd = wStart + withdrawnLength;
    if (wEnd + 2 > end) {
      throw new BgpProtocolException(BgpError.MALFORMED_ATTRIBUTE_LIST, "withdrawn routes length overruns the UPDATE");
    }
    int attrLength = b.getUnsignedShort(wEnd);
    int aStart = wEnd + 2;
    int aEnd = aStart + attrLength;
    if (aEnd > end) {
      throw new BgpProtocolException(BgpError.MALFORMED_ATTRIBUTE_LIST, "total path attribute length overruns the UPDATE");
    }
    boolean v4Paths = o.addPath(AddressFamily.IPV4_UNICAST);
    List<Integer> withdrawnIds = v4Paths ? new ArrayList<>() : null;
    List<Integer> nlriIds = v4Paths ? new ArrayList<>() : null;
    List<Prefix> withdrawn = NlriReader.readPrefixes(b, wStart, wEnd, AddressFamily.AFI_IPV4, BgpError.INVALID_NETWORK_FIELD, withdrawnIds);
    List<Prefix> nlri = NlriReader.readPrefixes(b, aEnd, end, AddressFamily.AFI_IPV4, BgpError.INVALID_NETWORK_FIELD, nlriIds);

    List<PathAttribute> attrs = new ArrayList<>();
    List<MalformedUpdate> found = new ArrayList<>(0);
    boolean[] seen = new boolean[256];
    boolean withdrawAll = false;
    long extendedForm = 0;
    long partialForm = 0;
    int p = aStart;
    while (p < aEnd) {
      int at = p;
      int flags = b.getUnsignedByte(p);
      boolean ext = (flags & PathAttribute.EXTENDED_LENGTH) != 0;
      int header = ext ? 4 : 3;
      int type = p + 1 < aEnd ? b.getUnsignedByte(p + 1) : -1;
      int len = p + header <= aEnd ? (ext ? b.getUnsignedShort(p + 2) : b.getUnsignedByte(p + 2)) : -1;
      if (type < 0 || len < 0 || p + header + len > aEnd) {
        // RFC 7606 §4: the NLRI field is still where the Total Path Attribute Length says; an
        // MP_REACH_NLRI beyond this point cannot be found, so without any route to withdraw, reset.
        if (nlri.isEmpty() && withdrawn.isEmpty() && !seen[MP_REACH_NLRI] && !seen[MP_UNREACH_NLRI]) {
          throw new BgpProtocolException(BgpError.MALFORMED_ATTRIBUTE_LIST, "path attribute overruns the attribute list");
        }
        found.add(new MalformedUpdate(
            Rfc7606Action.TREAT_AS_WITHDRAW, BgpError.MALFORMED_ATTRIBUTE_LIST, "path attribute overruns the attribute list"));
        withdrawAll = true;
        break;
      }
      int v = p + header;
      p = v + len;
      if (seen[type]) {
        if (type == MP_REACH_NLRI || type == MP_UNREACH_NLRI) {
          throw new BgpProtocolException(BgpError.MALFORMED_ATTRIBUTE_LIST, "repeated " + name(type));
        }
        found.add(new MalformedUpdate(
            Rfc7606Action.ATTRIBUTE_DISCARD, BgpError.MALFORMED_ATTRIBUTE_LIST, "repeated " + name(type) + " discarded"));
        continue;
      }
      seen[type] = true;
      if (!known(type)) {
        if ((flags & PathAttribute.OPTIONAL) == 0) {
          throw new BgpProtocolException(
              BgpError.UNRECOGNIZED_WELL_KNOWN_ATTRIBUTE, MessageReader.bytes(b, at, p - at), "well-known attribute type " + type);
        }
        attrs.add(new PathAttribute.Unknown(flags, type, MessageReader.bytes(b, v, len)));
        continue;
      }
      try {
        if ((flags & 0xc0) != canonicalFlags(type)) {
          throw new Malformed(
              Rfc7606Action.TREAT_AS_WITHDRAW, BgpError.ATTRIBUTE_FLAGS_ERROR, name(type) + " with flags 0x" + Integer.toHexString(flags));
        }
        PathAttribute a = readAttribute(b, flags, type, v, len, o);
        attrs.add(a);
        if (!(a instanceof PathAttribute.Unknown)) {
          extendedForm |= ext && len <= 255 ? 1L << type : 0;
          partialForm |= (flags & PathAttribute.PARTIAL) != 0 ? 1L << type : 0;
        }
      } catch (Malformed m) {
        if (m.action == Rfc7606Action.SESSION_RESET || type == MP_REACH_NLRI || type == MP_UNREACH_NLRI) {
          throw new BgpProtocolException(m.error, MessageReader.bytes(b, at, p - at), m.getMessage());
        }
        found.add(new MalformedUpdate(m.action, m.error, m.getMessage()));
        withdrawAll |= m.action == Rfc7606Action.TREAT_AS_WITHDRAW;
      }
    }

    PathAttribute.MpReach reach = null;
    for (PathAttribute a : attrs) {
      if (a instanceof PathAttribute.MpReach r) {
        reach = r;
      }
    }
    boolean announces = !nlri.isEmpty() || (reach != null && !reach.nlri().isEmpty());
    if (announces && !withdrawAll && !o.monitoring()) {
      int missing = !seen[ORIGIN] ? ORIGIN : !seen[AS_PATH] ? AS_PATH : !nlri.isEmpty() && !seen[NEXT_HOP] ? NEXT_HOP : 0;
      if (missing != 0) {
        found.add(new MalformedUpdate(
            Rfc7606Action.TREAT_AS_WITHDRAW, BgpError.MISSING_WELL_KNOWN_ATTRIBUTE, "missing " + name(missing)));
        withdrawAll = true;
      }
    }
    for (MalformedUpdate m : found) {
      issues.accept(m);
    }
    List<Integer> wIds = withdrawnIds == null ? List.of() : withdrawnIds;
    List<Integer> nIds = nlriIds == null ? List.of() : nlriIds;
    if (withdrawAll) {
      return asWithdrawal(withdrawn, wIds, nlri, nIds, attrs, o);
    }
    return new Update(withdrawn, attrs, nlri, new AttributeForm(extendedForm, partialForm), wIds, nIds);
  }

  /**
   * The UPDATE as RFC 7606 treat-as-withdraw has it: every prefix withdrawn, no attributes kept.
   * With ADD-PATH each withdrawal keeps its path identifier, so only the paths of this UPDATE go
   * (RFC 7911 §3: a path is identified by prefix and path identifier).
   */
  private static Update asWithdrawal(
      List<Prefix> withdrawn, List<Integer> wIds, List<Prefix> nlri, List<Integer> nIds, List<PathAttribute> attrs, WireOptions o) {
    List<Prefix> w = new ArrayList<>(withdrawn);
    w.addAll(nlri);
    List<Integer> ids = new ArrayList<>(wIds);
    ids.addAll(nIds);
    Map<AddressFamily, List<Prefix>> mp = new LinkedHashMap<>();
    Map<AddressFamily, List<Integer>> mpIds = new LinkedHashMap<>();
    for (PathAttribute a : attrs) {
      if (a instanceof PathAttribute.MpUnreach u) {
        mp.computeIfAbsent(u.family(), f -> new ArrayList<>()).addAll(u.withdrawn());
        mpIds.computeIfAbsent(u.family(), f -> new ArrayList<>()).addAll(u.pathIds());
      } else if (a instanceof PathAttribute.MpReach r) {
        mp.computeIfAbsent(r.family(), f -> new ArrayList<>()).addAll(r.nlri());
        mpIds.computeIfAbsent(r.family(), f -> new ArrayList<>()).addAll(r.pathIds());
      }
    }
    List<PathAttribute> keep = new ArrayList<>();
    for (Map.Entry<AddressFamily, List<Prefix>> e : mp.entrySet()) {
      if (e.getKey().equals(AddressFamily.IPV4_UNICAST)) {
        w.addAll(e.getValue());
        ids.addAll(mpIds.get(e.getKey()));
      } else {
        keep.add(new PathAttribute.MpUnreach(e.getKey(), e.getValue(), mpIds.get(e.getKey())));
      }
    }
    boolean v4Paths = o.addPath(AddressFamily.IPV4_UNICAST);
    return new Update(w, keep.size() > 1 ? keep.subList(0, 1) : keep, List.of(), AttributeForm.CANONICAL, v4Paths ? ids : List.of(), List.of());
  }

  private static PathAttribute readAttribute(ByteBuf b, int flags, int type, int v, int len, WireOptions o) {
    switch (type) {
      case ORIGIN -> {
        fixed(type, len, 1, Rfc7606Action.TREAT_AS_WITHDRAW);
        int value = b.getUnsignedByte(v);
        if (value > 2) {
          throw new Malformed(Rfc7606Action.TREAT_AS_WITHDRAW, BgpError.INVALID_ORIGIN_ATTRIBUTE, "ORIGIN " + value);
        }
        return new PathAttribute.Origin(PathAttribute.OriginType.values()[value]);
      }
      case AS_PATH -> {
        return new PathAttribute.AsPath(readSegments(b, v, len, o.fourOctetAs() ? 4 : 2, Rfc7606Action.TREAT_AS_WITHDRAW));
      }
      case NEXT_HOP -> {
        fixed(type, len, 4, Rfc7606Action.TREAT_AS_WITHDRAW);
        return new PathAttribute.NextHop(b.getInt(v));
      }
      case MULTI_EXIT_DISC -> {
        fixed(type, len, 4, Rfc7606Action.TREAT_AS_WITHDRAW);
        return new PathAttribute.MultiExitDisc(b.getUnsignedInt(v));
      }
      case LOCAL_PREF -> {
        fixed(type, len, 4, o.internal() ? Rfc7606Action.TREAT_AS_WITHDRAW : Rfc7606Action.ATTRIBUTE_DISCARD);
        return new PathAttribute.LocalPref(b.getUnsignedInt(v));
      }
      case ATOMIC_AGGREGATE -> {
        fixed(type, len, 0, Rfc7606Action.ATTRIBUTE_DISCARD);
        return new PathAttribute.AtomicAggregate();
      }
      case AGGREGATOR -> {
        if (o.fourOctetAs()) {
          fixed(type, len, 8, Rfc7606Action.ATTRIBUTE_DISCARD);
          return new PathAttribute.Aggregator(b.getUnsignedInt(v), b.getInt(v + 4));
        }
        fixed(type, len, 6, Rfc7606Action.ATTRIBUTE_DISCARD);
        return new PathAttribute.Aggregator(b.getUnsignedShort(v), b.getInt(v + 2));
      }
      case COMMUNITIES -> {
        multiple(type, len, 4);
        List<Integer> values = new ArrayList<>(len / 4);
        for (int k = 0; k < len; k += 4) {
          values.add(b.getInt(v + k));
        }
        return new PathAttribute.Communities(values);
      }
      case ORIGINATOR_ID -> {
        fixed(type, len, 4, Rfc7606Action.TREAT_AS_WITHDRAW);
        return new PathAttribute.OriginatorId(b.getInt(v));
      }
      case CLUSTER_LIST -> {
        multiple(type, len, 4);
        List<Integer> ids = new ArrayList<>(len / 4);
        for (int k = 0; k < len; k += 4) {
          ids.add(b.getInt(v + k));
        }
        return new PathAttribute.ClusterList(ids);
      }
      case MP_REACH_NLRI -> {
        return readMpReach(b, flags, v, len, o);
      }
      case MP_UNREACH_NLRI -> {
        if (len < 3) {
          throw new Malformed(Rfc7606Action.SESSION_RESET, BgpError.OPTIONAL_ATTRIBUTE_ERROR, "MP_UNREACH_NLRI of " + len + " bytes");
        }
        AddressFamily f = AddressFamily.of(b.getUnsignedShort(v), b.getUnsignedByte(v + 2));
        if (!f.isUnicastIp()) {
          return new PathAttribute.Unknown(flags, type, MessageReader.bytes(b, v, len));
        }
        List<Integer> ids = o.addPath(f) ? new ArrayList<>() : null;
        List<Prefix> gone = NlriReader.readPrefixes(b, v + 3, v + len, f.afi(), BgpError.OPTIONAL_ATTRIBUTE_ERROR, ids);
        return new PathAttribute.MpUnreach(f, gone, ids == null ? List.of() : ids);
      }
      case EXTENDED_COMMUNITIES -> {
        multiple(type, len, 8);
        List<Long> values = new ArrayList<>(len / 8);
        for (int k = 0; k < len; k += 8) {
          values.add(b.getLong(v + k));
        }
        return new PathAttribute.ExtendedCommunities(values);
      }
      case AS4_PATH -> {
        return new PathAttribute.As4Path(readSegments(b, v, len, 4, Rfc7606Action.ATTRIBUTE_DISCARD));
      }
      case AS4_AGGREGATOR -> {
        fixed(type, len, 8, Rfc7606Action.ATTRIBUTE_DISCARD);
        return new PathAttribute.As4Aggregator(b.getUnsignedInt(v), b.getInt(v + 4));
      }
      case LARGE_COMMUNITY -> {
        multiple(type, len, 12);
        List<LargeCommunity> values = new ArrayList<>(len / 12);
        for (int k = 0; k < len; k += 12) {
          values.add(new LargeCommunity(
              b.getUnsignedInt(v + k), b.getUnsignedInt(v + k + 4), b.getUnsignedInt(v + k + 8)));
        }
        return new PathAttribute.LargeCommunities(values);
      }
      default -> throw new IllegalStateException("not a known type: " + type);
    }
  }

  /**
   * MP_REACH_NLRI value: AFI(2) SAFI(1) Length of Next Hop(1) Next Hop, Reserved(1), NLRI. A next
   * hop whose length does not fit the family resets the session (RFC 7606 §7.11).
   */
  private static PathAttribute readMpReach(ByteBuf b, int flags, int v, int len, WireOptions o) {
    if (len < 5) {
      throw new Malformed(Rfc7606Action.SESSION_RESET, BgpError.OPTIONAL_ATTRIBUTE_ERROR, "MP_REACH_NLRI of " + len + " bytes");
    }
    AddressFamily f = AddressFamily.of(b.getUnsignedShort(v), b.getUnsignedByte(v + 2));
    int nhLength = b.getUnsignedByte(v + 3);
    if (4 + nhLength + 1 > len) {
      throw new Malformed(Rfc7606Action.SESSION_RESET, BgpError.OPTIONAL_ATTRIBUTE_ERROR, "MP_REACH_NLRI next hop overruns");
    }
    if (!f.isUnicastIp()) {
      return new PathAttribute.Unknown(flags, MP_REACH_NLRI, MessageReader.bytes(b, v, len));
    }
    boolean fits = f.afi() == AddressFamily.AFI_IPV4 ? nhLength == 4 || nhLength == 16 || nhLength == 32 : nhLength == 16 || nhLength == 32;
    if (!fits) {
      throw new Malformed(
          Rfc7606Action.SESSION_RESET, BgpError.OPTIONAL_ATTRIBUTE_ERROR, "next hop of " + nhLength + " bytes for " + f);
    }
    Octets nextHop = MessageReader.bytes(b, v + 4, nhLength);
    int nlriStart = v + 4 + nhLength + 1;
    List<Integer> ids = o.addPath(f) ? new ArrayList<>() : null;
    List<Prefix> nlri = NlriReader.readPrefixes(b, nlriStart, v + len, f.afi(), BgpError.OPTIONAL_ATTRIBUTE_ERROR, ids);
    return new PathAttribute.MpReach(f, nextHop, nlri, ids == null ? List.of() : ids);
  }

  /** AS_PATH / AS4_PATH segments: Type(1) Count(1) then Count ASNs of {@code width} octets. */
  private static List<PathAttribute.Segment> readSegments(ByteBuf b, int v, int len, int width, Rfc7606Action action) {
    List<PathAttribute.Segment> segments = new ArrayList<>(2);
    int p = v;
    int end = v + len;
    while (p < end) {
      if (p + 2 > end) {
        throw new Malformed(action, BgpError.MALFORMED_AS_PATH, "truncated AS_PATH segment header");
      }
      PathAttribute.SegmentType st = PathAttribute.SegmentType.of(b.getUnsignedByte(p));
      int count = b.getUnsignedByte(p + 1);
      if (st == null || count == 0 || p + 2 + count * width > end) {
        throw new Malformed(action, BgpError.MALFORMED_AS_PATH, "bad AS_PATH segment (type " + b.getUnsignedByte(p) + ", " + count + " ASNs)");
      }
      List<Long> asns = new ArrayList<>(count);
      for (int k = 0; k < count; k++) {
        int at = p + 2 + k * width;
        asns.add(width == 4 ? b.getUnsignedInt(at) : (long) b.getUnsignedShort(at));
      }
      segments.add(new PathAttribute.Segment(st, asns));
      p += 2 + count * width;
    }
    return segments;
  }

  private static void fixed(int type, int len, int expected, Rfc7606Action action) {
    if (len != expected) {
      throw new Malformed(action, BgpError.ATTRIBUTE_LENGTH_ERROR, name(type) + " of " + len + " bytes, not " + expected);
    }
  }

  private static void multiple(int type, int len, int unit) {
    if (len == 0 || len % unit != 0) {
      throw new Malformed(
          Rfc7606Action.TREAT_AS_WITHDRAW, BgpError.ATTRIBUTE_LENGTH_ERROR, name(type) + " of " + len + " bytes, not a multiple of " + unit);
    }
  }
}
