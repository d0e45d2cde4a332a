package io.netctl.bgp.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;

/**
 * Encodes a {@link BgpMessage} with its header; lengths are computed here, never taken from the
 * message. Refuses (IllegalArgumentException) what cannot be sent on this session: a message over
 * the size limit, a 4-octet AS number on a 2-octet session.
 */
public final class MessageWriter {
  private MessageWriter() {}

  /** Encodes into a new byte array. */
  public static byte[] write(BgpMessage m, WireOptions o) {
    ByteBuf out = Unpooled.buffer(64);
    write(m, o, out);
    byte[] bytes = new byte[out.readableBytes()];
    out.readBytes(bytes);
    return bytes;
  }

  /** Appends the encoded message to {@code out}. */
  public static void write(BgpMessage m, WireOptions o, ByteBuf out) {
    int start = out.writerIndex();
    for (int i = 0; i < MessageReader.MARKER_LENGTH; i++) {
      out.writeByte(0xff);
    }
    out.writeShort(0);
    out.writeByte(m.type().code());
    if (m instanceof Open open) {
      writeOpen(open, out);
    } else if (m instanceof Update update) {
      AttributeWriter.writeUpdate(update, o, out);
    } else if (m instanceof Notification n) {
      out.writeByte(n.code()).writeByte(n.subcode()).writeBytes(n.data().unsafeArray());
    } else if (m instanceof RouteRefresh r) {
      out.writeShort(r.family().afi()).writeByte(r.subtype()).writeByte(r.family().safi());
    }
    int length = out.writerIndex() - start;
    int max = m instanceof Open ? WireOptions.MAX_MESSAGE : o.maxMessageLength();
    if (length > max) {
      out.writerIndex(start);
      throw new IllegalArgumentException(m.type() + " of " + length + " bytes exceeds the " + max + "-byte limit");
    }
    out.setShort(start + MessageReader.MARKER_LENGTH, length);
  }

  private static void writeOpen(Open open, ByteBuf out) {
    out.writeByte(Open.VERSION).writeShort(open.myAs()).writeShort(open.holdTime()).writeInt(open.bgpId());
    int lengthAt = out.writerIndex();
    out.writeByte(0);
    List<Capability> caps = open.capabilities();
    if (open.oneParameter() && !caps.isEmpty()) {
      out.writeByte(2);
      int paramAt = out.writerIndex();
      out.writeByte(0);
      for (Capability c : caps) {
        writeCapability(c, out);
      }
      out.setByte(paramAt, checkOctet(out.writerIndex() - paramAt - 1, "capabilities parameter"));
    } else {
      for (Capability c : caps) {
        out.writeByte(2);
        int paramAt = out.writerIndex();
        out.writeByte(0);
        writeCapability(c, out);
        out.setByte(paramAt, out.writerIndex() - paramAt - 1);
      }
    }
    out.setByte(lengthAt, checkOctet(out.writerIndex() - lengthAt - 1, "optional parameters"));
  }

  private static int checkOctet(int length, String what) {
    if (length > 255) {
      throw new IllegalArgumentException(what + " of " + length + " bytes do not fit an OPEN");
    }
    return length;
  }

  /** Code(1) Length(1) Value. */
  private static void writeCapability(Capability c, ByteBuf out) {
    out.writeByte(c.code());
    int lengthAt = out.writerIndex();
    out.writeByte(0);
    if (c instanceof Capability.Multiprotocol mp) {
      out.writeShort(mp.family().afi()).writeByte(0).writeByte(mp.family().safi());
    } else if (c instanceof Capability.FourOctetAs f) {
      out.writeInt((int) f.asNumber());
    } else if (c instanceof Capability.GracefulRestart gr) {
      out.writeShort((gr.flags() << 12) | gr.restartTime());
      for (Capability.GracefulRestart.Family f : gr.families()) {
        out.writeShort(f.family().afi()).writeByte(f.family().safi()).writeByte(f.flags());
      }
    } else if (c instanceof Capability.LongLivedGracefulRestart ll) {
      for (Capability.LongLivedGracefulRestart.Family f : ll.families()) {
        out.writeShort(f.family().afi()).writeByte(f.family().safi()).writeByte(f.flags()).writeMedium(f.staleTime());
      }
    } else if (c instanceof Capability.AddPath ap) {
      for (Capability.AddPath.Entry e : ap.entries()) {
        out.writeShort(e.family().afi()).writeByte(e.family().safi()).writeByte(e.sendReceive());
      }
    } else if (c instanceof Capability.Unknown u) {
      out.writeBytes(u.value().unsafeArray());
    }
    out.setByte(lengthAt, checkOctet(out.writerIndex() - lengthAt - 1, "capability " + c.code()));
  }
}
