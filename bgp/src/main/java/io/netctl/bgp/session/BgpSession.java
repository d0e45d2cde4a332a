package io.netctl.bgp.session;

import io.netctl.bgp.rib.AdjRibIn;
import io.netctl.bgp.rib.RibSnapshot;
import io.netctl.bgp.rib.Route;
import io.netctl.bgp.rib.RouteListener;
import io.netctl.bgp.session.FsmAction.*;
import io.netctl.bgp.session.FsmEvent.*;
import io.netctl.bgp.wire.AddPathNegotiation;
import io.netctl.bgp.wire.AddressFamily;
import io.netctl.bgp.wire.BgpError;
import io.netctl.bgp.wire.BgpMessage;
import io.netctl.bgp.wire.BgpProtocolException;
import io.netctl.bgp.wire.Capability;
import io.netctl.bgp.wire.Keepalive;
import io.netctl.bgp.wire.MalformedUpdate;
import io.netctl.bgp.wire.Notification;
import io.netctl.bgp.wire.Open;
import io.netctl.bgp.wire.Prefix;
import io.netctl.bgp.wire.RouteRefresh;
import io.netctl.bgp.wire.Update;
import io.netctl.bgp.wire.WireOptions;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One BGP session with one peer: runs {@link BgpFsm} on an event loop, performs its actions on the
 * current connection, keeps the peer's {@link AdjRibIn}, counters and events. Everything happens
 * on {@code loop}, which is also the loop of the session's channels; the public methods may be
 * called from any thread.
 */
public final class BgpSession {
  /** Opens a TCP connection for a session; reports through the pipeline's handler or {@link #connectFailed}. */
  public interface Connector {
    void connect(BgpSession session);

    /** Gives up a connection attempt still in flight. */
    default void abort(BgpSession session) {}
  }

  private final SessionConfig config;
  private final EventExecutor loop;
  private final Connector connector;
  private final SessionListener listener;
  private final AdjRibIn rib = new AdjRibIn();
  private final SessionCounters counters = new SessionCounters();
  private final Map<FsmAction.Timer, ScheduledFuture<?>> timers = new EnumMap<>(FsmAction.Timer.class);
  private FsmState state = FsmState.STOPPED;
  private Channel channel;
  private WireOptions options = WireOptions.INITIAL;
  private volatile Open peerOpen;
  private String reason;
  private final java.util.ArrayDeque<FsmEvent> queue = new java.util.ArrayDeque<>();
  private boolean firing;

  public BgpSession(SessionConfig config, EventExecutor loop, Connector connector, SessionListener listener) {
    this.config = config;
    this.loop = loop;
    this.connector = connector;
    this.listener = listener;
  }

  public SessionConfig config() {
    return config;
  }

  public SessionCounters counters() {
    return counters;
  }

  public EventExecutor loop() {
    return loop;
  }

  /** The peer's OPEN of the current or last session, or null. */
  public Open peerOpen() {
    return peerOpen;
  }

  /** Starts connecting (or waiting, when passive). */
  public void start() {
    run(() -> fire(new ManualStart()));
  }

  /** Stops: a Cease / Administrative Shutdown with {@code reason} when a session is open, then close. */
  public CompletableFuture<Void> stop(String reason) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    run(() -> {
      Channel ch = channel;
      fire(new ManualStop(reason));
      if (ch == null) {
        done.complete(null);
      } else {
        ch.closeFuture().addListener(f -> done.complete(null));
      }
    });
    return done;
  }

  /** An immutable copy of the Adj-RIB-In, taken on the session's loop. */
  public CompletableFuture<RibSnapshot> snapshot() {
    CompletableFuture<RibSnapshot> f = new CompletableFuture<>();
    run(() -> f.complete(rib.snapshot()));
    return f;
  }

  private void run(Runnable r) {
    if (loop.inEventLoop()) {
      r.run();
    } else {
      loop.execute(r);
    }
  }

  // ---- from the channel handler and the connector, on the loop ----

  void channelActive(Channel ch, boolean incoming) {
    if (incoming && channel != null) {
      // connection collision (RFC 4271 §6.8), simplified: the connection we have wins
      counters.messageOut();
      ch.writeAndFlush(Notification.of(BgpError.CEASE_CONNECTION_COLLISION)).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    if (channel != null && channel != ch) {
      ch.close();
      return;
    }
    if (incoming) {
      connector.abort(this);
    }
    channel = ch;
    options = WireOptions.INITIAL;
    options.applyTo(ch);
    fire(new TcpConnected(incoming));
  }

  void channelRead(Channel ch, Object msg) {
    if (ch != channel) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (msg instanceof MalformedUpdate m) {
      counters.malformed();
      listener.onEvent(new SessionEvent.UpdateError(config.peerName(), m));
      return;
    }
    counters.messageIn();
    if (msg instanceof Open o) {
      fire(new OpenReceived(o));
    } else if (msg instanceof Update u) {
      counters.updateIn();
      fire(new UpdateReceived(u));
    } else if (msg instanceof Keepalive) {
      fire(new KeepaliveReceived());
    } else if (msg instanceof Notification n) {
      fire(new NotificationReceived(n));
    } else if (msg instanceof RouteRefresh r) {
      fire(new RouteRefreshReceived(r));
    }
  }

  void channelError(Channel ch, Throwable cause) {
    if (ch != channel) {
      return;
    }
    if (cause instanceof BgpProtocolException e) {
      fire(new ProtocolError(e));
    } else {
      fire(new TcpFails("connection error: " + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage())));
    }
  }

  void channelInactive(Channel ch) {
    if (ch == channel) {
      channel = null;
      fire(new TcpFails("connection closed by the peer"));
    }
  }

  /** The connector's attempt failed (refused, timed out, no route). */
  public void connectFailed(String why) {
    run(() -> {
      if (channel == null && (state.state() == SessionState.CONNECT)) {
        fire(new TcpFails(why));
      }
    });
  }

  // ---- the FSM ----

  /** Runs the FSM for {@code e}; an event raised while actions run (a connect that completes at once) waits its turn. */
  void fire(FsmEvent e) {
    queue.add(e);
    if (firing) {
      return;
    }
    firing = true;
    try {
      while (!queue.isEmpty()) {
        step(queue.poll());
      }
    } finally {
      firing = false;
    }
  }

  private void step(FsmEvent e) {
    SessionState before = state.state();
    reason = null;
    BgpFsm.Transition t = BgpFsm.next(config, state, e);
    state = t.state();
    for (FsmAction a : t.actions()) {
      perform(a);
    }
    if (state.state() != before) {
      Instant now = Instant.now();
      counters.state(state.state(), now);
      listener.onEvent(new SessionEvent.StateChanged(config.peerName(), before, state.state(), reason, now));
    }
  }

  private void perform(FsmAction a) {
    if (a instanceof Connect) {
      connector.connect(this);
    } else if (a instanceof SendOpen) {
      send(ourOpen());
    } else if (a instanceof SendKeepalive) {
      send(Keepalive.INSTANCE);
    } else if (a instanceof SendNotification n) {
      send(n.notification());
    } else if (a instanceof CloseConnection) {
      connector.abort(this);
      Channel ch = channel;
      channel = null;
      if (ch != null) {
        ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
      }
    } else if (a instanceof StartTimer st) {
      cancel(st.timer());
      FsmEvent expiry = switch (st.timer()) {
        case CONNECT_RETRY -> new ConnectRetryTimerExpires();
        case HOLD -> new HoldTimerExpires();
        case KEEPALIVE -> new KeepaliveTimerExpires();
      };
      ScheduledFuture<?>[] self = new ScheduledFuture<?>[1];
      self[0] = loop.schedule(() -> {
        if (timers.get(st.timer()) == self[0]) {
          timers.remove(st.timer());
          fire(expiry);
        }
      }, st.after().toMillis(), TimeUnit.MILLISECONDS);
      timers.put(st.timer(), self[0]);
    } else if (a instanceof StopTimer st) {
      cancel(st.timer());
    } else if (a instanceof AcceptOpen ao) {
      peerOpen = ao.open();
      options = new WireOptions(
          ao.open().has(Capability.FourOctetAs.class), ao.open().has(Capability.ExtendedMessage.class), config.internal(),
          AddPathNegotiation.receiving(ourOpen(), ao.open()));
      if (channel != null) {
        options.applyTo(channel);
      }
    } else if (a instanceof SessionUp) {
      rib.clear();
      counters.prefixes(0);
      // we advertise nothing: our initial update is complete at once (RFC 4724 §2)
      for (AddressFamily f : config.families()) {
        if (peerOpen != null && peerOpen.families().contains(f)) {
          send(Update.endOfRib(f));
        }
      }
    } else if (a instanceof SessionDown) {
      int dropped = rib.size();
      rib.clear();
      counters.prefixes(0);
      counters.flap();
      listener.onEvent(new SessionEvent.RibCleared(config.peerName(), dropped));
    } else if (a instanceof RecordError r) {
      reason = r.reason();
      counters.error(r.reason());
    } else if (a instanceof ProcessUpdate pu) {
      AddressFamily eor = rib.apply(pu.update(), options.fourOctetAs(), routeListener());
      counters.prefixes(rib.size());
      if (eor != null) {
        listener.onEvent(new SessionEvent.EndOfRib(config.peerName(), eor, rib.size()));
      }
    } else if (a instanceof ProcessRouteRefresh pr) {
      RouteRefresh.Subtype kind = pr.refresh().kind();
      if (kind == RouteRefresh.Subtype.BEGIN_OF_ROUTE_REFRESH) {
        rib.beginRefresh(pr.refresh().family());
      } else if (kind == RouteRefresh.Subtype.END_OF_ROUTE_REFRESH) {
        rib.endRefresh(pr.refresh().family(), routeListener());
        counters.prefixes(rib.size());
      }
    }
  }

  private RouteListener routeListener() {
    if (!listener.routeEvents()) {
      return RouteListener.NONE;
    }
    String peer = config.peerName();
    return new RouteListener() {
      @Override
      public void announced(Route route, boolean replaced) {
        listener.onEvent(new SessionEvent.RouteAnnounced(peer, route, replaced));
      }

      @Override
      public void withdrawn(Prefix prefix, long pathId) {
        listener.onEvent(new SessionEvent.RouteWithdrawn(peer, prefix, pathId));
      }
    };
  }

  private void cancel(FsmAction.Timer t) {
    ScheduledFuture<?> f = timers.remove(t);
    if (f != null) {
      f.cancel(false);
    }
  }

  private void send(BgpMessage m) {
    if (channel != null) {
      counters.messageOut();
      channel.writeAndFlush(m).addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
    }
  }

  /** Our OPEN: AS (AS_TRANS when it needs 4 octets), hold time, id, and the capabilities we support. */
  Open ourOpen() {
    List<Capability> caps = new ArrayList<>();
    for (AddressFamily f : config.families()) {
      caps.add(new Capability.Multiprotocol(f));
    }
    caps.add(new Capability.RouteRefresh());
    caps.add(new Capability.EnhancedRouteRefresh());
    caps.add(new Capability.FourOctetAs(config.localAs()));
    caps.add(new Capability.GracefulRestart(0, 0, List.of())); // GR-aware: the peer sends End-of-RIB
    caps.add(new Capability.ExtendedMessage());
    List<Capability.AddPath.Entry> addPath = new ArrayList<>();
    for (AddressFamily f : config.addPathReceive()) {
      if (config.families().contains(f)) {
        addPath.add(new Capability.AddPath.Entry(f, Capability.AddPath.Entry.RECEIVE));
      }
    }
    if (!addPath.isEmpty()) {
      caps.add(new Capability.AddPath(addPath));
    }
    int myAs = config.localAs() > 0xffff ? Open.AS_TRANS : (int) config.localAs();
    return new Open(myAs, config.holdTime(), config.routerId(), caps);
  }

  /** The state now (read from any thread). */
  public SessionState state() {
    return counters.snapshot().state();
  }
}
