package io.netctl.bgp.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits the TCP stream into whole BGP messages by the header's length field. Checks marker and
 * length (RFC 4271 §6.1) before waiting for the body, so it never buffers more than one message
 * of at most 65535 bytes, and hands on one message per call, so options the session sets after an
 * OPEN apply to the very next message. After the first error it discards all further input: the session sends
 * the NOTIFICATION and closes.
 */
public final class BgpFrameDecoder extends ByteToMessageDecoder {
  private boolean failed;

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    // one message per call: the session may change this channel's options (after the OPEN) before the next
    if (in.readableBytes() >= MessageReader.HEADER_LENGTH) {
      int start = in.readerIndex();
      int length = in.getUnsignedShort(start + MessageReader.MARKER_LENGTH);
      try {
        MessageReader.checkMarker(in, start);
        MessageReader.checkLength(length, MessageType.of(in.getUnsignedByte(start + 18)), WireOptions.of(ctx.channel()));
      } catch (BgpProtocolException e) {
        failed = true;
        in.skipBytes(in.readableBytes());
        throw e;
      }
      if (in.readableBytes() < length) {
        return;
      }
      out.add(in.readRetainedSlice(length));
    }
  }
}
