package io.netctl.bgp.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** Encodes {@link BgpMessage}s with the channel's {@link WireOptions}; stateless, one instance for all channels. */
@Sharable
public final class BgpMessageEncoder extends MessageToByteEncoder<BgpMessage> {
  public static final BgpMessageEncoder INSTANCE = new BgpMessageEncoder();

  private BgpMessageEncoder() {}

  @Override
  protected void encode(ChannelHandlerContext ctx, BgpMessage msg, ByteBuf out) {
    MessageWriter.write(msg, WireOptions.of(ctx.channel()), out);
  }
}
