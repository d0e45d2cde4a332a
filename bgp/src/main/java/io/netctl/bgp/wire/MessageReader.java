package io.netctl.bgp.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Decodes one whole BGP message (header included) into a {@link BgpMessage}. Syntax only: the
 * session checks what an OPEN means (peer AS, identifier, hold time). Every error is a {@link
 * BgpProtocolException} with the NOTIFICATION of RFC 4271 §6; lengths are checked against the
 * bytes present before anything is read, and every loop consumes input, so no input makes it
 * allocate beyond the message or run long.
 */
public final class MessageReader {
  private MessageReader() {}

  public static final int HEADER_LENGTH = 19;
  static final int MARKER_LENGTH = 16;

  /** Decodes a message given as bytes (tests, BMP payloads). */
  public static BgpMessage read(byte[] message, WireOptions options, Consumer<MalformedUpdate> issues) {
    return read(Unpooled.wrappedBuffer(message), options, issues);
  }

  /**
   * Decodes the message in {@code frame} from its reader index to its writer index.
   *
   * <pre>
   *  0                   1                   2                   3
   *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
   * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   * |                           Marker (16 x 0xff)                  |
   * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   * |          Length               |      Type     |   body ...
   * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   * </pre>
   */
  public static BgpMessage read(ByteBuf frame, WireOptions options, Consumer<MalformedUpdate> issues) {
    int start = frame.readerIndex();
    int available = frame.readableBytes();
    MessageType type = checkHeader(frame, start, available, options);
    int length = frame.getUnsignedShort(start + MARKER_LENGTH);
    int body = start + HEADER_LENGTH;
    int end = start + length;
    return switch (type) {
      case OPEN -> readOpen(frame, body, end);
      case UPDATE -> UpdateReader.read(frame, body, end, options, issues);
      case NOTIFICATION -> readNotification(frame, body, end);
      case KEEPALIVE -> Keepalive.INSTANCE;
      case ROUTE_REFRESH -> readRouteRefresh(frame, body, end);
    };
  }

  /**
   * Checks marker, length and type (RFC 4271 §6.1) of the header at {@code start}; {@code available}
   * bytes must hold the whole message. Returns the type.
   */
  static MessageType checkHeader(ByteBuf b, int start, int available, WireOptions options) {
    if (available < HEADER_LENGTH) {
      throw new BgpProtocolException(BgpError.BAD_MESSAGE_LENGTH, "message shorter than the 19-byte header");
    }
    checkMarker(b, start);
    int length = b.getUnsignedShort(start + MARKER_LENGTH);
    int typeCode = b.getUnsignedByte(start + MARKER_LENGTH + 2);
    MessageType type = MessageType.of(typeCode);
    checkLength(length, type, options);
    if (type == null) {
      throw new BgpProtocolException(BgpError.BAD_MESSAGE_TYPE, Octets.of((byte) typeCode), "unknown message type " + typeCode);
    }
    if (length != available) {
      throw new BgpProtocolException(
          BgpError.BAD_MESSAGE_LENGTH, lengthData(length), "length field " + length + " but " + available + " bytes");
    }
    return type;
  }

  static void checkMarker(ByteBuf b, int start) {
    for (int i = 0; i < MARKER_LENGTH; i++) {
      if (b.getByte(start + i) != (byte) 0xff) {
        throw new BgpProtocolException(BgpError.CONNECTION_NOT_SYNCHRONIZED, "marker is not all ones");
      }
    }
  }

  /** The length checks of RFC 4271 §6.1 and RFC 8654 §4 (OPEN and KEEPALIVE stay within 4096). */
  static void checkLength(int length, MessageType type, WireOptions options) {
    int max = type == MessageType.OPEN || type == MessageType.KEEPALIVE ? WireOptions.MAX_MESSAGE : options.maxMessageLength();
    boolean bad =
        length < HEADER_LENGTH
            || length > max
            || (type != null && length < type.minLength())
            || (type == MessageType.KEEPALIVE && length != HEADER_LENGTH);
    if (bad) {
      throw new BgpProtocolException(
          BgpError.BAD_MESSAGE_LENGTH,
          lengthData(length),
          "bad length " + length + (type == null ? "" : " for " + type) + " (limit " + max + ")");
    }
  }

  static Octets lengthData(int length) {
    return Octets.of((byte) (length >>> 8), (byte) length);
  }

  /**
   * OPEN body: Version(1) My AS(2) Hold Time(2) BGP Identifier(4) Opt Parm Len(1), then parameters
   * of Type(1) Length(1) Value; in a Capabilities parameter (type 2) each capability is Code(1)
   * Length(1) Value (RFC 5492 §4).
   */
  static Open readOpen(ByteBuf b, int i, int end) {
    int version = b.getUnsignedByte(i);
    if (version != Open.VERSION) {
      throw new BgpProtocolException(
          BgpError.UNSUPPORTED_VERSION_NUMBER, Octets.of((byte) 0, (byte) Open.VERSION), "BGP version " + version);
    }
    int myAs = b.getUnsignedShort(i + 1);
    int hold = b.getUnsignedShort(i + 3);
    int bgpId = b.getInt(i + 5);
    int paramsLength = b.getUnsignedByte(i + 9);
    int p = i + 10;
    if (p + paramsLength != end) {
      throw new BgpProtocolException(
          BgpError.OPEN_UNSPECIFIC, "optional parameters length " + paramsLength + " does not match the message");
    }
    List<Capability> caps = new ArrayList<>();
    int params = 0;
    while (p < end) {
      if (p + 2 > end) {
        throw new BgpProtocolException(BgpError.OPEN_UNSPECIFIC, "truncated optional parameter");
      }
      int paramType = b.getUnsignedByte(p);
      int paramLength = b.getUnsignedByte(p + 1);
      int valueStart = p + 2;
      int valueEnd = valueStart + paramLength;
      if (valueEnd > end) {
        throw new BgpProtocolException(BgpError.OPEN_UNSPECIFIC, "optional parameter overruns the message");
      }
      if (paramType != 2) {
        throw new BgpProtocolException(
            BgpError.UNSUPPORTED_OPTIONAL_PARAMETER, "optional parameter type " + paramType + " (only capabilities, type 2)");
      }
      readCapabilities(b, valueStart, valueEnd, caps);
      params++;
      p = valueEnd;
    }
    boolean oneParameter = params == 1 && caps.size() > 1;
    return new Open(myAs, hold, bgpId, caps, oneParameter);
  }

  private static void readCapabilities(ByteBuf b, int p, int end, List<Capability> out) {
    while (p < end) {
      if (p + 2 > end) {
        throw new BgpProtocolException(BgpError.OPEN_UNSPECIFIC, "truncated capability");
      }
      int code = b.getUnsignedByte(p);
      int len = b.getUnsignedByte(p + 1);
      int v = p + 2;
      if (v + len > end) {
        throw new BgpProtocolException(BgpError.OPEN_UNSPECIFIC, "capability " + code + " overruns its parameter");
      }
      out.add(readCapability(b, code, v, len));
      p = v + len;
    }
  }

  /** One capability value; a known code with an unexpected length is kept as Unknown rather than refused. */
  private static Capability readCapability(ByteBuf b, int code, int v, int len) {
    switch (code) {
      case Capability.MULTIPROTOCOL:
        if (len == 4) {
          return new Capability.Multiprotocol(AddressFamily.of(b.getUnsignedShort(v), b.getUnsignedByte(v + 3)));
        }
        break;
      case Capability.ROUTE_REFRESH:
        if (len == 0) {
          return new Capability.RouteRefresh();
        }
        break;
      case Capability.ENHANCED_ROUTE_REFRESH:
        if (len == 0) {
          return new Capability.EnhancedRouteRefresh();
        }
        break;
      case Capability.EXTENDED_MESSAGE:
        if (len == 0) {
          return new Capability.ExtendedMessage();
        }
        break;
      case Capability.FOUR_OCTET_AS:
        if (len == 4) {
          return new Capability.FourOctetAs(b.getUnsignedInt(v));
        }
        break;
      case Capability.GRACEFUL_RESTART:
        if (len >= 2 && (len - 2) % 4 == 0) {
          int head = b.getUnsignedShort(v);
          List<Capability.GracefulRestart.Family> fs = new ArrayList<>();
          for (int f = v + 2; f < v + len; f += 4) {
            fs.add(new Capability.GracefulRestart.Family(
                AddressFamily.of(b.getUnsignedShort(f), b.getUnsignedByte(f + 2)), b.getUnsignedByte(f + 3)));
          }
          return new Capability.GracefulRestart(head >>> 12, head & 0xfff, fs);
        }
        break;
      case Capability.LONG_LIVED_GRACEFUL_RESTART:
        if (len % 7 == 0) {
          List<Capability.LongLivedGracefulRestart.Family> fs = new ArrayList<>();
          for (int f = v; f < v + len; f += 7) {
            fs.add(new Capability.LongLivedGracefulRestart.Family(AddressFamily.of(b.getUnsignedShort(f), b.getUnsignedByte(f + 2)),
                b.getUnsignedByte(f + 3), b.getUnsignedMedium(f + 4)));
          }
          return new Capability.LongLivedGracefulRestart(fs);
        }
        break;
      case Capability.ADD_PATH:
        if (len > 0 && len % 4 == 0) {
          List<Capability.AddPath.Entry> es = new ArrayList<>();
          for (int f = v; f < v + len; f += 4) {
            int sr = b.getUnsignedByte(f + 3);
            if (sr < Capability.AddPath.Entry.RECEIVE || sr > Capability.AddPath.Entry.BOTH) {
              return new Capability.Unknown(code, bytes(b, v, len));
            }
            es.add(new Capability.AddPath.Entry(AddressFamily.of(b.getUnsignedShort(f), b.getUnsignedByte(f + 2)), sr));
          }
          return new Capability.AddPath(es);
        }
        break;
      default:
        break;
    }
    return new Capability.Unknown(code, bytes(b, v, len));
  }

  /** NOTIFICATION body: Error code(1) Error subcode(1) Data (RFC 4271 §4.5). */
  static Notification readNotification(ByteBuf b, int i, int end) {
    return new Notification(b.getUnsignedByte(i), b.getUnsignedByte(i + 1), bytes(b, i + 2, end - i - 2));
  }

  /** ROUTE-REFRESH body: AFI(2) Subtype(1) SAFI(1); any other length is an error (RFC 7313 §5). */
  static RouteRefresh readRouteRefresh(ByteBuf b, int i, int end) {
    if (end - i != 4) {
      throw new BgpProtocolException(
          BgpError.ROUTE_REFRESH_INVALID_LENGTH,
          bytes(b, i - HEADER_LENGTH, Math.min(end - i + HEADER_LENGTH, 512)),
          "ROUTE-REFRESH body of " + (end - i) + " bytes");
    }
    return new RouteRefresh(AddressFamily.of(b.getUnsignedShort(i), b.getUnsignedByte(i + 3)), b.getUnsignedByte(i + 2));
  }

  static Octets bytes(ByteBuf b, int from, int length) {
    if (length <= 0) {
      return Octets.EMPTY;
    }
    byte[] out = new byte[length];
    b.getBytes(from, out);
    return Octets.wrap(out);
  }
}
