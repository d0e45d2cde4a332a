package io.netctl.bgp.bmp;

import io.netctl.bgp.bmp.BmpMessage.*;
import io.netctl.bgp.wire.Addresses;
import io.netctl.bgp.wire.BgpMessage;
import io.netctl.bgp.wire.BgpProtocolException;
import io.netctl.bgp.wire.MalformedUpdate;
import io.netctl.bgp.wire.AddressFamily;
import io.netctl.bgp.wire.MessageReader;
import io.netctl.bgp.wire.Notification;
import io.netctl.bgp.wire.Octets;
import io.netctl.bgp.wire.Open;
import io.netctl.bgp.wire.Update;
import io.netctl.bgp.wire.WireOptions;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Decodes one BMP message (common header included). Every length is checked against the bytes
 * given before use; errors are {@link BmpFormatException}s, including a BGP PDU inside that the
 * BGP codec refuses.
 *
 * <pre>
 * common header:  version(1)=3  message length(4)  message type(1)
 * per-peer header (types 0, 1, 2, 3, 6): see {@link PeerHeader}
 * </pre>
 */
public final class BmpReader {
  private BmpReader() {}

  public static final int VERSION = 3;
  public static final int COMMON_HEADER = 6;
  public static final int PEER_HEADER = 42;
  /** Larger messages are refused: one BGP PDU of 65535 bytes plus headers, or two OPENs, fit well. */
  public static final int MAX_MESSAGE = 128 * 1024;

  public static BmpMessage read(byte[] bytes, Consumer<MalformedUpdate> issues) {
    return read(Unpooled.wrappedBuffer(bytes), issues);
  }

  /** Decodes the message from the reader index to the writer index of {@code b}; no peer uses ADD-PATH. */
  public static BmpMessage read(ByteBuf b, Consumer<MalformedUpdate> issues) {
    return read(b, peer -> Set.of(), issues);
  }

  /**
   * Decodes the message from the reader index to the writer index of {@code b}. {@code addPath}
   * says, for a Route Monitoring message's peer, the families whose NLRI carry path identifiers:
   * what that peer's Peer Up OPENs negotiated (RFC 7854 §4.10, RFC 7911 §5).
   */
  public static BmpMessage read(ByteBuf b, Function<PeerHeader, Set<AddressFamily>> addPath, Consumer<MalformedUpdate> issues) {
    int start = b.readerIndex();
    int n = b.readableBytes();
    if (n < COMMON_HEADER) {
      throw new BmpFormatException("message shorter than the common header");
    }
    int version = b.getUnsignedByte(start);
    long length = b.getUnsignedInt(start + 1);
    int type = b.getUnsignedByte(start + 5);
    checkHeader(version, length, type);
    if (length != n) {
      throw new BmpFormatException("length field " + length + " but " + n + " bytes");
    }
    int p = start + COMMON_HEADER;
    int end = start + n;
    switch (type) {
      case 4:
        return new Initiation(tlvs(b, p, end));
      case 5:
        return new Termination(tlvs(b, p, end));
      default:
        break;
    }
    need(p + PEER_HEADER, end, "per-peer header");
    PeerHeader peer = peerHeader(b, p);
    p += PEER_HEADER;
    return switch (type) {
      case 0 -> {
        WireOptions o = WireOptions.bmp(!peer.twoOctetAsPath(), addPath.apply(peer));
        BgpMessage m = bgp(b, p, end, o, issues, "Route Monitoring");
        if (!(m instanceof Update u)) {
          throw new BmpFormatException("Route Monitoring carries a " + m.type() + ", not an UPDATE");
        }
        yield new RouteMonitoring(peer, u);
      }
      case 1 -> statistics(b, p, end, peer);
      case 2 -> peerDown(b, p, end, peer);
      case 3 -> peerUp(b, p, end, peer, issues);
      case 6 -> new RouteMirroring(peer, bytes(b, p, end - p));
      default -> throw new IllegalStateException("type checked above: " + type);
    };
  }

  /** The common header checks, also used by the frame decoder before the body arrives. */
  static void checkHeader(int version, long length, int type) {
    if (version != VERSION) {
      throw new BmpFormatException("BMP version " + version + " (only 3 is supported)");
    }
    if (length < COMMON_HEADER || length > MAX_MESSAGE) {
      throw new BmpFormatException("message length " + length + " outside 6.." + MAX_MESSAGE);
    }
    if (type > 6) {
      throw new BmpFormatException("unknown message type " + type);
    }
  }

  private static PeerHeader peerHeader(ByteBuf b, int p) {
    int type = b.getUnsignedByte(p);
    int flags = b.getUnsignedByte(p + 1);
    long rd = b.getLong(p + 2);
    boolean ipv6 = type != PeerHeader.LOC_RIB && (flags & 0x80) != 0; // in a Loc-RIB header 0x80 is the F flag
    byte[] addr = ipv6 ? bytes(b, p + 10, 16).toByteArray() : bytes(b, p + 22, 4).toByteArray();
    long as = b.getUnsignedInt(p + 26);
    int id = b.getInt(p + 30);
    long sec = b.getUnsignedInt(p + 34);
    long usec = b.getUnsignedInt(p + 38);
    return new PeerHeader(type, flags, rd, Addresses.fromBytes(addr), as, id, Instant.ofEpochSecond(sec, Math.min(usec, 999_999) * 1000));
  }

  /** One BGP message at {@code p}, its length from its own header, within {@code end}. */
  private static BgpMessage bgp(ByteBuf b, int p, int end, WireOptions o, Consumer<MalformedUpdate> issues, String where) {
    need(p + MessageReader.HEADER_LENGTH, end, "BGP header in " + where);
    int len = b.getUnsignedShort(p + 16);
    need(p + len, end, "BGP message in " + where);
    try {
      return MessageReader.read(b.slice(p, len), o, issues);
    } catch (BgpProtocolException e) {
      throw new BmpFormatException("bad BGP message in " + where + ": " + e.getMessage());
    }
  }

  private static int bgpLength(ByteBuf b, int p, int end, String where) {
    need(p + MessageReader.HEADER_LENGTH, end, "BGP header in " + where);
    return b.getUnsignedShort(p + 16);
  }

  /** Peer Up (§4.10): local address(16) local port(2) remote port(2) sent OPEN, received OPEN, TLVs. */
  private static PeerUp peerUp(ByteBuf b, int p, int end, PeerHeader peer, Consumer<MalformedUpdate> issues) {
    need(p + 20, end, "Peer Up local address and ports");
    byte[] local = (peer.flags() & 0x80) != 0 ? bytes(b, p, 16).toByteArray() : bytes(b, p + 12, 4).toByteArray();
    int localPort = b.getUnsignedShort(p + 16);
    int remotePort = b.getUnsignedShort(p + 18);
    p += 20;
    int sentLen = bgpLength(b, p, end, "Peer Up (sent OPEN)");
    Open sent = headerOnly(b, p, sentLen) ? null : open(bgp(b, p, end, WireOptions.INITIAL, issues, "Peer Up (sent OPEN)"));
    p += sentLen;
    int recvLen = bgpLength(b, p, end, "Peer Up (received OPEN)");
    Open received = headerOnly(b, p, recvLen) ? null : open(bgp(b, p, end, WireOptions.INITIAL, issues, "Peer Up (received OPEN)"));
    p += recvLen;
    return new PeerUp(peer, Addresses.fromBytes(local), localPort, remotePort, sent, received, tlvs(b, p, end));
  }

  /**
   * A BGP header of type OPEN with no body (19 bytes): FRR 8.4 sends one in place of the received
   * OPEN of a session its peer opened (seen in the lab); the OPEN is then unknown (null), not a
   * malformed stream.
   */
  private static boolean headerOnly(ByteBuf b, int p, int len) {
    return len == 19 && b.getUnsignedByte(p + 18) == 1;
  }

  private static Open open(BgpMessage m) {
    if (m instanceof Open o) {
      return o;
    }
    throw new BmpFormatException("Peer Up carries a " + m.type() + " where an OPEN belongs");
  }

  /** Peer Down (§4.9): reason(1), then a NOTIFICATION (1, 3), an FSM event code (2) or nothing. */
  private static PeerDown peerDown(ByteBuf b, int p, int end, PeerHeader peer) {
    need(p + 1, end, "Peer Down reason");
    int reason = b.getUnsignedByte(p);
    p++;
    Notification n = null;
    if ((reason == 1 || reason == 3) && p < end) {
      BgpMessage m = bgp(b, p, end, WireOptions.INITIAL, x -> {}, "Peer Down");
      if (!(m instanceof Notification notification)) {
        throw new BmpFormatException("Peer Down carries a " + m.type() + " where a NOTIFICATION belongs");
      }
      n = notification;
    }
    return new PeerDown(peer, reason, n, n == null ? bytes(b, p, end - p) : Octets.EMPTY);
  }

  /** Statistics Report (§4.8): count(4), then count TLVs of type(2) length(2) value. */
  private static StatisticsReport statistics(ByteBuf b, int p, int end, PeerHeader peer) {
    need(p + 4, end, "statistics count");
    long count = b.getUnsignedInt(p);
    p += 4;
    List<Stat> stats = new ArrayList<>();
    for (long i = 0; i < count; i++) {
      need(p + 4, end, "statistic " + i);
      int type = b.getUnsignedShort(p);
      int len = b.getUnsignedShort(p + 2);
      need(p + 4 + len, end, "statistic " + i + " value");
      long value = len == 4 ? b.getUnsignedInt(p + 4) : len == 8 ? b.getLong(p + 4) : -1;
      stats.add(new Stat(type, value, bytes(b, p + 4, len)));
      p += 4 + len;
    }
    return new StatisticsReport(peer, stats);
  }

  /** Information TLVs up to {@code end}: type(2) length(2) value. */
  private static List<InfoTlv> tlvs(ByteBuf b, int p, int end) {
    List<InfoTlv> out = new ArrayList<>();
    while (p < end) {
      need(p + 4, end, "information TLV");
      int type = b.getUnsignedShort(p);
      int len = b.getUnsignedShort(p + 2);
      need(p + 4 + len, end, "information TLV value");
      out.add(new InfoTlv(type, bytes(b, p + 4, len)));
      p += 4 + len;
    }
    return out;
  }

  private static void need(int upTo, int end, String what) {
    if (upTo > end) {
      throw new BmpFormatException("truncated " + what);
    }
  }

  private static Octets bytes(ByteBuf b, int from, int len) {
    byte[] out = new byte[Math.max(0, len)];
    b.getBytes(from, out);
    return Octets.of(out);
  }

}
