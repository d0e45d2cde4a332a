package io.netctl.bgp.bmp;

import io.netctl.bgp.rib.RibSnapshot;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A BMP station: listens, accepts any number of routers, and reports their peers and routes to a
 * {@link BmpListener}. All connections share one event loop, which owns the RIBs.
 */
public final class BmpCollector implements AutoCloseable {
  private final BmpListener listener;
  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final EventLoop loop = group.next();
  private final Map<String, BmpRouterHandler> routers = new ConcurrentHashMap<>();
  private Channel server;

  public BmpCollector(BmpListener listener) {
    this.listener = listener;
  }

  /** Starts listening; returns the bound address (port 0 picks a free one). */
  public InetSocketAddress listen(InetSocketAddress bind) throws InterruptedException {
    ServerBootstrap b = new ServerBootstrap()
        .group(loop, loop)
        .channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_REUSEADDR, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast("bmp-frame", new BmpFrameDecoder());
            ch.pipeline().addLast("bmp-router", new BmpRouterHandler(listener, routers));
          }
        });
    server = b.bind(bind).sync().channel();
    return (InetSocketAddress) server.localAddress();
  }

  /** Every router's monitored RIBs as snapshots, taken on the loop. */
  public CompletableFuture<Map<String, Map<MonitoredPeer, RibSnapshot>>> snapshot() {
    CompletableFuture<Map<String, Map<MonitoredPeer, RibSnapshot>>> f = new CompletableFuture<>();
    loop.execute(() -> {
      Map<String, Map<MonitoredPeer, RibSnapshot>> out = new HashMap<>();
      routers.forEach((r, h) -> out.put(r, h.snapshot()));
      f.complete(out);
    });
    return f;
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
  }
}
