package io.netctl.bgp.session;

import io.netctl.bgp.wire.BgpFrameDecoder;
import io.netctl.bgp.wire.BgpMessageDecoder;
import io.netctl.bgp.wire.BgpMessageEncoder;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;

/**
 * The thin netty end of a {@link BgpSession}: passes connection up/down, decoded messages and
 * errors to the session, which runs the FSM. Last in the pipeline that {@link #install} builds.
 */
public final class BgpSessionHandler extends ChannelInboundHandlerAdapter {
  private final BgpSession session;
  private final boolean incoming;
  private boolean activated;

  public BgpSessionHandler(BgpSession session, boolean incoming) {
    this.session = session;
    this.incoming = incoming;
  }

  /** Frame → decode → handle, plus the encoder: the whole pipeline of a BGP connection. */
  public static void install(ChannelPipeline p, BgpSession session, boolean incoming) {
    p.addLast("bgp-frame", new BgpFrameDecoder());
    p.addLast("bgp-decoder", new BgpMessageDecoder());
    p.addLast("bgp-encoder", BgpMessageEncoder.INSTANCE);
    p.addLast("bgp-session", new BgpSessionHandler(session, incoming));
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    if (ctx.channel().isActive() && ctx.channel().isRegistered()) {
      activate(ctx);
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    activate(ctx);
    ctx.fireChannelActive();
  }

  private void activate(ChannelHandlerContext ctx) {
    if (!activated) {
      activated = true;
      session.channelActive(ctx.channel(), incoming);
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    session.channelRead(ctx.channel(), msg);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    session.channelError(ctx.channel(), cause);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    session.channelInactive(ctx.channel());
    ctx.fireChannelInactive();
  }
}
