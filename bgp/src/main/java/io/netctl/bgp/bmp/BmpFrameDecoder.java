package io.netctl.bgp.bmp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Cuts a BMP stream into messages by the common header's length, checked (version 3, at most
 * {@link BmpReader#MAX_MESSAGE} bytes) before the body is awaited. After an error it discards input.
 */
public final class BmpFrameDecoder extends ByteToMessageDecoder {
  private boolean failed;

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    if (in.readableBytes() < BmpReader.COMMON_HEADER) {
      return;
    }
    int start = in.readerIndex();
    long length = in.getUnsignedInt(start + 1);
    try {
      BmpReader.checkHeader(in.getUnsignedByte(start), length, in.getUnsignedByte(start + 5));
    } catch (BmpFormatException e) {
      failed = true;
      in.skipBytes(in.readableBytes());
      throw e;
    }
    if (in.readableBytes() >= length) {
      out.add(in.readRetainedSlice((int) length));
    }
  }
}
