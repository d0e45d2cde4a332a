package io.netctl.bgp.session;

import io.netctl.bgp.wire.Addresses;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * netctl's BGP speaker: sessions to configured peers on one event loop (so a session and its
 * channels share a thread), active connects with TCP-MD5 (RFC 2385, through netty's epoll
 * transport), and an optional listener for passive sessions. Close it to stop every session with
 * a Cease NOTIFICATION.
 */
public final class BgpSpeaker implements AutoCloseable {
  private final EventLoopGroup group;
  private final EventLoop loop;
  private final boolean epoll;
  private final Map<InetAddress, BgpSession> sessions = new ConcurrentHashMap<>();
  private final Map<BgpSession, ChannelFuture> pending = new ConcurrentHashMap<>();
  private Channel server;

  public BgpSpeaker() {
    this.epoll = Epoll.isAvailable();
    IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    this.group = new MultiThreadIoEventLoopGroup(1, io);
    this.loop = group.next();
  }

  /** A session to {@code config}'s peer; call {@link BgpSession#start()} to begin. */
  public BgpSession session(SessionConfig config, SessionListener listener) {
    if (config.password() != null && !epoll) {
      throw new IllegalArgumentException("TCP-MD5 needs netty's epoll transport (Linux); it is not available: " + Epoll.unavailabilityCause());
    }
    BgpSession s = new BgpSession(config, loop, new TcpConnector(), listener);
    if (sessions.putIfAbsent(config.peer().getAddress(), s) != null) {
      throw new IllegalArgumentException("a session to " + config.peerName() + " exists already");
    }
    updateServerKeys();
    return s;
  }

  /** Accepts connections on {@code bind} for passive sessions; others are closed at once. */
  public synchronized InetSocketAddress listen(InetSocketAddress bind) throws InterruptedException {
    ServerBootstrap b = new ServerBootstrap()
        .group(group, group)
        .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
        .option(ChannelOption.SO_REUSEADDR, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            BgpSession s = sessions.get(ch.remoteAddress().getAddress());
            if (s == null || s.config().mode() == SessionConfig.Mode.ACTIVE) {
              ch.close();
              return;
            }
            BgpSessionHandler.install(ch.pipeline(), s, true);
          }
        });
    server = b.bind(bind).sync().channel();
    updateServerKeys();
    return (InetSocketAddress) server.localAddress();
  }

  private synchronized void updateServerKeys() {
    if (server == null || !epoll) {
      return;
    }
    Map<InetAddress, byte[]> keys = new HashMap<>();
    for (BgpSession s : sessions.values()) {
      if (s.config().password() != null) {
        keys.put(s.config().peer().getAddress(), s.config().password().getBytes(StandardCharsets.US_ASCII));
      }
    }
    if (!keys.isEmpty()) {
      server.config().setOption(EpollChannelOption.TCP_MD5SIG, keys);
    }
  }

  /** Opens the session's TCP connection on the shared loop, with its local address and TCP-MD5 key. */
  private final class TcpConnector implements BgpSession.Connector {
    @Override
    public void connect(BgpSession session) {
      SessionConfig c = session.config();
      Class<? extends Channel> type = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
      Bootstrap b = new Bootstrap()
          .group(loop)
          .channel(type)
          .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, c.connectTimeout().toMillis()))
          .option(ChannelOption.TCP_NODELAY, true)
          .handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
              BgpSessionHandler.install(ch.pipeline(), session, false);
            }
          });
      if (c.password() != null) {
        b.option(EpollChannelOption.TCP_MD5SIG, Map.of(c.peer().getAddress(), c.password().getBytes(StandardCharsets.US_ASCII)));
      }
      ChannelFuture f = c.localAddress() == null
          ? b.connect(c.peer())
          : b.connect(c.peer(), new InetSocketAddress(c.localAddress(), 0));
      pending.put(session, f);
      f.addListener(done -> {
        pending.remove(session, f);
        if (!done.isSuccess() && !done.isCancelled()) {
          session.connectFailed(describe(c, done.cause()));
        }
      });
    }

    @Override
    public void abort(BgpSession session) {
      ChannelFuture f = pending.remove(session);
      if (f != null && !f.isDone()) {
        f.cancel(false);
        f.channel().close();
      }
    }
  }

  /** One line for why a connect failed: "connection refused", "connect timed out after 5 s", … */
  static String describe(SessionConfig c, Throwable t) {
    String to = " (" + Addresses.text(c.peer().getAddress()) + ":" + c.peer().getPort() + ")";
    if (t instanceof io.netty.channel.ConnectTimeoutException) {
      return "connect timed out after " + c.connectTimeout().toSeconds() + " s" + to
          + (c.password() == null ? "" : "; TCP-MD5 is on, and a wrong password looks just like this");
    }
    if (t instanceof NoRouteToHostException) {
      return "no route to host" + to;
    }
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    if (t instanceof ConnectException && m.toLowerCase().contains("refused")) {
      return "connection refused" + to;
    }
    int colon = m.lastIndexOf(": ");
    return (colon >= 0 ? m.substring(colon + 2) : m).toLowerCase() + to;
  }

  /** Stops every session with a Cease and shuts the loop down (waits at most 5 s). */
  @Override
  public void close() {
    List<BgpSession> all = List.copyOf(sessions.values());
    for (BgpSession s : all) {
      try {
        s.stop("netctl stopping").get(2, TimeUnit.SECONDS);
      } catch (Exception e) {
        // the loop goes down anyway
      }
    }
    synchronized (this) {
      if (server != null) {
        server.close();
      }
    }
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
  }

  /** True when TCP-MD5 can be used here. */
  public boolean tcpMd5Available() {
    return epoll;
  }

}
