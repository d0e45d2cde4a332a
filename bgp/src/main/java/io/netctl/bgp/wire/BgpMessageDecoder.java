package io.netctl.bgp.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;

/**
 * Decodes each frame from {@link BgpFrameDecoder} into a {@link BgpMessage}; an UPDATE that RFC
 * 7606 repaired is preceded by its {@link MalformedUpdate} findings. Errors are {@link
 * BgpProtocolException}s. Uses the channel's {@link WireOptions}.
 */
public final class BgpMessageDecoder extends MessageToMessageDecoder<ByteBuf> {
  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
    out.add(MessageReader.read(frame, WireOptions.of(ctx.channel()), out::add));
  }
}
