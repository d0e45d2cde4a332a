package io.netctl.bgp.wire;

import io.netty.buffer.ByteBuf;
import java.util.List;

/** Encodes UPDATE bodies and their path attributes (RFC 4271 §4.3); the inverse of {@link UpdateReader}. */
final class AttributeWriter {
  private AttributeWriter() {}

  static void writeUpdate(Update u, WireOptions o, ByteBuf out) {
    int wAt = out.writerIndex();
    out.writeShort(0);
    writePrefixes(u.withdrawn(), u.withdrawnPathIds(), out);
    out.setShort(wAt, out.writerIndex() - wAt - 2);
    int aAt = out.writerIndex();
    out.writeShort(0);
    for (PathAttribute a : u.attributes()) {
      writeAttribute(a, u.form(), o, out);
    }
    int attrLength = out.writerIndex() - aAt - 2;
    if (attrLength > 0xffff) {
      throw new IllegalArgumentException("path attributes exceed 65535 bytes");
    }
    out.setShort(aAt, attrLength);
    writePrefixes(u.nlri(), u.nlriPathIds(), out);
  }

  /**
   * Flags(1) Type(1) Length(1, or 2 with the extended-length flag when the value exceeds 255 bytes
   * or the form says so) Value.
   */
  static void writeAttribute(PathAttribute a, AttributeForm form, WireOptions o, ByteBuf out) {
    int len = valueLength(a, o);
    if (len > 0xffff) {
      throw new IllegalArgumentException(AttributeType.name(a.typeCode()) + " of " + len + " bytes");
    }
    int flags = a.flags();
    if (a instanceof PathAttribute.Unknown) {
      flags &= ~PathAttribute.EXTENDED_LENGTH;
    } else if (form.partial(a.typeCode())) {
      flags |= PathAttribute.PARTIAL;
    }
    boolean ext = len > 255 || form.extendedLength(a.typeCode()) || (a.flags() & PathAttribute.EXTENDED_LENGTH) != 0;
    out.writeByte(flags | (ext ? PathAttribute.EXTENDED_LENGTH : 0));
    out.writeByte(a.typeCode());
    if (ext) {
      out.writeShort(len);
    } else {
      out.writeByte(len);
    }
    writeValue(a, o, out);
  }

  private static int valueLength(PathAttribute a, WireOptions o) {
    if (a instanceof PathAttribute.Origin) {
      return 1;
    } else if (a instanceof PathAttribute.AsPath p) {
      return segmentsLength(p.segments(), o.fourOctetAs() ? 4 : 2);
    } else if (a instanceof PathAttribute.As4Path p) {
      return segmentsLength(p.segments(), 4);
    } else if (a instanceof PathAttribute.NextHop
        || a instanceof PathAttribute.MultiExitDisc
        || a instanceof PathAttribute.LocalPref
        || a instanceof PathAttribute.OriginatorId) {
      return 4;
    } else if (a instanceof PathAttribute.AtomicAggregate) {
      return 0;
    } else if (a instanceof PathAttribute.Aggregator) {
      return o.fourOctetAs() ? 8 : 6;
    } else if (a instanceof PathAttribute.As4Aggregator) {
      return 8;
    } else if (a instanceof PathAttribute.Communities c) {
      return 4 * c.values().size();
    } else if (a instanceof PathAttribute.ClusterList c) {
      return 4 * c.ids().size();
    } else if (a instanceof PathAttribute.ExtendedCommunities c) {
      return 8 * c.values().size();
    } else if (a instanceof PathAttribute.LargeCommunities c) {
      return 12 * c.values().size();
    } else if (a instanceof PathAttribute.MpReach r) {
      return 5 + r.nextHop().length() + prefixesLength(r.nlri()) + 4 * r.pathIds().size();
    } else if (a instanceof PathAttribute.MpUnreach u) {
      return 3 + prefixesLength(u.withdrawn()) + 4 * u.pathIds().size();
    } else if (a instanceof PathAttribute.Unknown u) {
      return u.value().length();
    }
    throw new IllegalStateException("unhandled attribute " + a);
  }

  private static void writeValue(PathAttribute a, WireOptions o, ByteBuf out) {
    if (a instanceof PathAttribute.Origin origin) {
      out.writeByte(origin.value().code());
    } else if (a instanceof PathAttribute.AsPath p) {
      writeSegments(p.segments(), o.fourOctetAs() ? 4 : 2, out);
    } else if (a instanceof PathAttribute.As4Path p) {
      writeSegments(p.segments(), 4, out);
    } else if (a instanceof PathAttribute.NextHop nh) {
      out.writeInt(nh.address());
    } else if (a instanceof PathAttribute.MultiExitDisc med) {
      out.writeInt((int) med.value());
    } else if (a instanceof PathAttribute.LocalPref lp) {
      out.writeInt((int) lp.value());
    } else if (a instanceof PathAttribute.OriginatorId id) {
      out.writeInt(id.id());
    } else if (a instanceof PathAttribute.Aggregator ag) {
      writeAs(ag.asNumber(), o.fourOctetAs() ? 4 : 2, out);
      out.writeInt(ag.address());
    } else if (a instanceof PathAttribute.As4Aggregator ag) {
      out.writeInt((int) ag.asNumber()).writeInt(ag.address());
    } else if (a instanceof PathAttribute.Communities c) {
      c.values().forEach(out::writeInt);
    } else if (a instanceof PathAttribute.ClusterList c) {
      c.ids().forEach(out::writeInt);
    } else if (a instanceof PathAttribute.ExtendedCommunities c) {
      c.values().forEach(out::writeLong);
    } else if (a instanceof PathAttribute.LargeCommunities c) {
      for (LargeCommunity lc : c.values()) {
        out.writeInt((int) lc.global()).writeInt((int) lc.local1()).writeInt((int) lc.local2());
      }
    } else if (a instanceof PathAttribute.MpReach r) {
      out.writeShort(r.family().afi()).writeByte(r.family().safi());
      out.writeByte(r.nextHop().length()).writeBytes(r.nextHop().unsafeArray());
      out.writeByte(0);
      writePrefixes(r.nlri(), r.pathIds(), out);
    } else if (a instanceof PathAttribute.MpUnreach u) {
      out.writeShort(u.family().afi()).writeByte(u.family().safi());
      writePrefixes(u.withdrawn(), u.pathIds(), out);
    } else if (a instanceof PathAttribute.Unknown u) {
      out.writeBytes(u.value().unsafeArray());
    }
  }

  private static int segmentsLength(List<PathAttribute.Segment> segments, int width) {
    int n = 0;
    for (PathAttribute.Segment s : segments) {
      n += 2 + width * s.asns().size();
    }
    return n;
  }

  private static void writeSegments(List<PathAttribute.Segment> segments, int width, ByteBuf out) {
    for (PathAttribute.Segment s : segments) {
      out.writeByte(s.type().code()).writeByte(s.asns().size());
      for (long as : s.asns()) {
        writeAs(as, width, out);
      }
    }
  }

  private static void writeAs(long as, int width, ByteBuf out) {
    if (width == 2) {
      if (as > 0xffff) {
        throw new IllegalArgumentException("AS " + as + " needs 4 octets; this session has 2 (send AS_TRANS and AS4_PATH)");
      }
      out.writeShort((int) as);
    } else {
      out.writeInt((int) as);
    }
  }

  static int prefixesLength(List<Prefix> prefixes) {
    int n = 0;
    for (Prefix p : prefixes) {
      n += 1 + ((p.length() + 7) >>> 3);
    }
    return n;
  }

  /** Prefixes, each preceded by its ADD-PATH path identifier when {@code pathIds} is not empty (RFC 7911 §3). */
  static void writePrefixes(List<Prefix> prefixes, List<Integer> pathIds, ByteBuf out) {
    for (int i = 0; i < prefixes.size(); i++) {
      Prefix p = prefixes.get(i);
      if (!pathIds.isEmpty()) {
        out.writeInt(pathIds.get(i));
      }
      int octets = (p.length() + 7) >>> 3;
      out.writeByte(p.length());
      if (p instanceof Prefix.Ipv4 v4) {
        for (int k = 0; k < octets; k++) {
          out.writeByte(v4.address() >>> (24 - 8 * k));
        }
      } else if (p instanceof Prefix.Ipv6 v6) {
        for (int k = 0; k < octets; k++) {
          out.writeByte((int) (k < 8 ? v6.high() >>> (56 - 8 * k) : v6.low() >>> (56 - 8 * (k - 8))));
        }
      }
    }
  }
}
