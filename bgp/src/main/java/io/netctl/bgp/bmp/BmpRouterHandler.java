package io.netctl.bgp.bmp;

import io.netctl.bgp.bmp.BmpMessage.*;
import io.netctl.bgp.rib.AdjRibIn;
import io.netctl.bgp.rib.AttributeInterner;
import io.netctl.bgp.rib.RibSnapshot;
import io.netctl.bgp.rib.Route;
import io.netctl.bgp.rib.RouteListener;
import io.netctl.bgp.wire.AddPathNegotiation;
import io.netctl.bgp.wire.AddressFamily;
import io.netctl.bgp.wire.MalformedUpdate;
import io.netctl.bgp.wire.Prefix;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One router's BMP connection: decodes each frame ({@link BmpReader}) and keeps an Adj-RIB-In per
 * monitored peer and view. A malformed message closes this connection with one log line; other
 * routers are not affected.
 */
final class BmpRouterHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(BmpRouterHandler.class);

  private final BmpListener listener;
  private final Map<String, BmpRouterHandler> routers;
  private final AttributeInterner interner = new AttributeInterner();
  private final Map<MonitoredPeer, AdjRibIn> ribs = new LinkedHashMap<>();
  /** Per peer (pre-policy standing for both Adj-RIB-In views): the families its Peer Up negotiated ADD-PATH for. */
  private final Map<MonitoredPeer, Set<AddressFamily>> addPath = new HashMap<>();
  private String router = "?";
  private String downReason;
  private final List<MalformedUpdate> findings = new ArrayList<>();

  BmpRouterHandler(BmpListener listener, Map<String, BmpRouterHandler> routers) {
    this.listener = listener;
    this.routers = routers;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    router = ctx.channel().remoteAddress() instanceof InetSocketAddress remote
        ? remote.getAddress().getHostAddress() + ":" + remote.getPort()
        : String.valueOf(ctx.channel().remoteAddress());
    routers.put(router, this);
    LOG.info("BMP router {} connected", router);
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf frame = (ByteBuf) msg;
    try {
      findings.clear();
      handle(BmpReader.read(frame, peer -> addPath.getOrDefault(sessionOf(peer.peer()), Set.of()), findings::add));
    } finally {
      frame.release();
    }
  }

  private void handle(BmpMessage m) {
    if (m instanceof Initiation i) {
      listener.onEvent(new BmpEvent.RouterUp(router, i.value(2), i.value(1)));
    } else if (m instanceof Termination t) {
      downReason = "Termination" + (t.information().isEmpty() ? "" : " " + t.information());
    } else if (m instanceof PeerUp up) {
      MonitoredPeer p = up.peer().peer();
      dropPeer(p); // a new session starts with empty RIBs
      addPath.put(sessionOf(p), p.view() == MonitoredPeer.View.LOC_RIB
          ? AddPathNegotiation.offered(up.receivedOpen())
          : AddPathNegotiation.receiving(up.sentOpen(), up.receivedOpen()));
      listener.onEvent(new BmpEvent.PeerUp(router, p, up.sentOpen(), up.receivedOpen()));
    } else if (m instanceof PeerDown down) {
      MonitoredPeer p = down.peer().peer();
      int dropped = dropPeer(p);
      listener.onEvent(new BmpEvent.PeerDown(router, p, down.describe(), dropped));
    } else if (m instanceof RouteMonitoring rm) {
      MonitoredPeer p = rm.peer().peer();
      for (MalformedUpdate f : findings) {
        LOG.warn("BMP router {} peer {}: malformed UPDATE handled by RFC 7606 {}: {}", router, p, f.action(), f.detail());
      }
      AdjRibIn rib = ribs.computeIfAbsent(p, k -> new AdjRibIn(interner));
      AddressFamily eor = rib.apply(rm.update(), !rm.peer().twoOctetAsPath(), new RouteListener() {
        @Override
        public void announced(Route route, boolean replaced) {
          listener.onEvent(new BmpEvent.RouteAnnounced(router, p, route));
        }

        @Override
        public void withdrawn(Prefix prefix, long pathId) {
          listener.onEvent(new BmpEvent.RouteWithdrawn(router, p, prefix, pathId));
        }
      });
      if (eor != null) {
        listener.onEvent(new BmpEvent.EndOfRib(router, p, eor));
      }
    } else if (m instanceof StatisticsReport s) {
      listener.onEvent(new BmpEvent.Statistics(router, s.peer().peer(), s.stats()));
    }
  }

  /** The key of a monitored session: pre- and post-policy views share one Peer Up. */
  private static MonitoredPeer sessionOf(MonitoredPeer p) {
    return p.view() == MonitoredPeer.View.POST_POLICY
        ? new MonitoredPeer(p.address(), p.asNumber(), p.distinguisher(), MonitoredPeer.View.PRE_POLICY)
        : p;
  }

  /** Drops every view of the peer (a Peer Down covers pre- and post-policy). Returns the routes dropped. */
  private int dropPeer(MonitoredPeer p) {
    int dropped = 0;
    for (Iterator<Map.Entry<MonitoredPeer, AdjRibIn>> it = ribs.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<MonitoredPeer, AdjRibIn> e = it.next();
      MonitoredPeer k = e.getKey();
      if (k.address().equals(p.address()) && k.distinguisher() == p.distinguisher() && k.view() != MonitoredPeer.View.LOC_RIB) {
        dropped += e.getValue().size();
        e.getValue().clear();
        it.remove();
      }
    }
    return dropped;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    String why = cause instanceof BmpFormatException ? "malformed BMP stream: " + cause.getMessage() : "connection error: " + cause.getMessage();
    LOG.warn("BMP router {}: {}; closing its connection", router, why);
    downReason = why;
    ctx.close();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    routers.remove(router, this);
    for (AdjRibIn rib : ribs.values()) {
      rib.clear();
    }
    ribs.clear();
    addPath.clear();
    String reason = downReason == null ? "connection closed" : downReason;
    LOG.info("BMP router {} gone: {}", router, reason);
    listener.onEvent(new BmpEvent.RouterDown(router, reason));
    ctx.fireChannelInactive();
  }

  /** Snapshots of every monitored RIB (call on the event loop). */
  Map<MonitoredPeer, RibSnapshot> snapshot() {
    Map<MonitoredPeer, RibSnapshot> out = new HashMap<>();
    ribs.forEach((k, v) -> out.put(k, v.snapshot()));
    return out;
  }
}
