package io.netctl.bgp.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.netctl.bgp.rib.RibSnapshot;
import io.netctl.bgp.wire.*;
import io.netctl.bgp.wire.PathAttribute.*;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A {@link BgpSession} against a scripted peer on {@link EmbeddedChannel}s: every message the
 * session writes is decoded and checked, time is advanced by hand (the session's timers run on the
 * clock channel's loop), so hold timers, keepalives and reconnect backoff are tested without sleeping.
 */
class BgpSessionTest {
  static final WireOptions PEER = new WireOptions(true, false, true);
  static final Open PEER_OPEN = new Open(64512, 9, Addresses.parseDotted("172.31.0.1"),
      List.of(new Capability.Multiprotocol(AddressFamily.IPV4_UNICAST), new Capability.FourOctetAs(64512),
          new Capability.EnhancedRouteRefresh(), new Capability.RouteRefresh()));

  EmbeddedChannel clock;
  List<EmbeddedChannel> connections = new ArrayList<>();
  List<SessionEvent> events = new ArrayList<>();
  boolean refuse;
  BgpSession session;

  @BeforeEach
  void setUp() {
    clock = new EmbeddedChannel();
    clock.freezeTime();
    SessionConfig config = BgpFsmTest.config().withConnectRetry(Duration.ofSeconds(1), Duration.ofSeconds(8));
    BgpSession.Connector connector = s -> {
      if (refuse) {
        s.connectFailed("connection refused (172.31.0.1:179)");
        return;
      }
      EmbeddedChannel ch = new EmbeddedChannel();
      connections.add(ch);
      BgpSessionHandler.install(ch.pipeline(), s, false);
    };
    session = new BgpSession(config, clock.eventLoop(), connector, events::add);
  }

  @AfterEach
  void tearDown() {
    for (EmbeddedChannel ch : connections) {
      ch.finishAndReleaseAll();
    }
    clock.finishAndReleaseAll();
  }

  EmbeddedChannel conn() {
    return connections.get(connections.size() - 1);
  }

  /** The next message the session wrote, decoded. */
  BgpMessage sent() {
    ByteBuf b = conn().readOutbound();
    assertThat(b).as("a message from the session").isNotNull();
    try {
      return MessageReader.read(b, PEER, m -> {});
    } finally {
      b.release();
    }
  }

  void peerSends(BgpMessage... ms) {
    for (BgpMessage m : ms) {
      conn().writeInbound(Unpooled.wrappedBuffer(MessageWriter.write(m, PEER)));
    }
  }

  void advance(long seconds) {
    clock.advanceTimeBy(seconds, TimeUnit.SECONDS);
    clock.runScheduledPendingTasks();
  }

  List<String> transitions() {
    return events.stream()
        .filter(e -> e instanceof SessionEvent.StateChanged)
        .map(e -> ((SessionEvent.StateChanged) e).to().title())
        .toList();
  }

  void establish() {
    session.start();
    Open ours = (Open) sent();
    assertThat(ours.asNumber()).isEqualTo(64512);
    assertThat(ours.holdTime()).isEqualTo(30);
    assertThat(ours.has(Capability.GracefulRestart.class)).isTrue();
    assertThat(ours.has(Capability.FourOctetAs.class)).isTrue();
    peerSends(PEER_OPEN);
    assertThat(sent()).isEqualTo(Keepalive.INSTANCE);
    peerSends(Keepalive.INSTANCE);
    assertThat(session.state()).isEqualTo(SessionState.ESTABLISHED);
    assertThat(((Update) sent()).endOfRib()).isEqualTo(AddressFamily.IPV4_UNICAST); // the families both sides have
  }

  static Update announce(String prefix) {
    return new Update(List.of(), List.of(new Origin(OriginType.IGP), AsPath.EMPTY, new NextHop(Addresses.parseDotted("172.31.0.2")),
        new LocalPref(100), new OriginatorId(Addresses.parseDotted("172.31.0.2")), new ClusterList(List.of(Addresses.parseDotted("1.0.0.1")))),
        List.of(Prefix.parse(prefix)));
  }

  @Test
  void establishesAndKeepsTheRoutesAndEndOfRib() throws Exception {
    establish();
    assertThat(transitions()).containsExactly("Connect", "OpenSent", "OpenConfirm", "Established");
    peerSends(announce("10.3.240.0/27"), announce("10.3.240.32/27"), Update.endOfRib(AddressFamily.IPV4_UNICAST));
    RibSnapshot rib = session.snapshot().get();
    assertThat(rib.routes()).extracting(r -> r.prefix().toString()).containsExactly("10.3.240.0/27", "10.3.240.32/27");
    assertThat(rib.get(Prefix.parse("10.3.240.0/27")).attributes().clusterList()).containsExactly("1.0.0.1");
    assertThat(events).anyMatch(e -> e instanceof SessionEvent.EndOfRib eor && eor.routes() == 2);
    SessionCounters.Snapshot c = session.counters().snapshot();
    assertThat(c.messagesIn()).isEqualTo(5);
    assertThat(c.messagesOut()).isEqualTo(3);
    assertThat(c.updatesIn()).isEqualTo(3);
    assertThat(c.prefixes()).isEqualTo(2);
  }

  /**
   * ADD-PATH (RFC 7911 §5): we offer to receive for our families; a peer that offers to send then
   * writes a path identifier before each prefix, and both paths of one /27 stay in the RIB.
   */
  @Test
  void addPathNegotiatedWithAPeerThatSendsKeepsEveryPath() throws Exception {
    session.start();
    Open ours = (Open) sent();
    Capability.AddPath offered = ours.capabilities().stream()
        .filter(c -> c instanceof Capability.AddPath).map(c -> (Capability.AddPath) c).findFirst().orElseThrow();
    assertThat(offered.receives(AddressFamily.IPV4_UNICAST)).isTrue();
    assertThat(offered.sends(AddressFamily.IPV4_UNICAST)).isFalse(); // netctl announces nothing
    List<Capability> caps = new ArrayList<>(PEER_OPEN.capabilities());
    caps.add(new Capability.AddPath(List.of(new Capability.AddPath.Entry(AddressFamily.IPV4_UNICAST, Capability.AddPath.Entry.SEND))));
    WireOptions peer = new WireOptions(true, false, true, java.util.Set.of(AddressFamily.IPV4_UNICAST));
    conn().writeInbound(Unpooled.wrappedBuffer(MessageWriter.write(new Open(64512, 9, PEER_OPEN.bgpId(), caps), peer)));
    assertThat(sent()).isEqualTo(Keepalive.INSTANCE);
    peerSends(Keepalive.INSTANCE);
    sent(); // End-of-RIB
    Update one = announce("10.3.240.0/27");
    for (int id = 1; id <= 2; id++) {
      Update u = new Update(List.of(), one.attributes(), one.nlri(), null, List.of(), List.of(id));
      conn().writeInbound(Unpooled.wrappedBuffer(MessageWriter.write(u, peer)));
    }
    RibSnapshot rib = session.snapshot().get();
    assertThat(rib.paths(Prefix.parse("10.3.240.0/27"))).extracting(r -> r.pathId()).containsExactly(1L, 2L);
    assertThat(rib.addPath()).containsExactly(AddressFamily.IPV4_UNICAST);
  }

  @Test
  void withoutAddPathReceiveConfiguredNoCapabilityIsOffered() {
    SessionConfig config = BgpFsmTest.config().withAddPathReceive(List.of());
    BgpSession plain = new BgpSession(config, clock.eventLoop(), s -> {}, e -> {});
    assertThat(plain.ourOpen().has(Capability.AddPath.class)).isFalse();
  }

  @Test
  void keepalivesEveryThirdOfTheHoldTimeThenHoldTimerExpiryAndReconnect() {
    establish();
    advance(3);
    assertThat(sent()).isEqualTo(Keepalive.INSTANCE);
    peerSends(announce("10.3.240.0/27"));
    advance(3);
    assertThat(sent()).isEqualTo(Keepalive.INSTANCE);
    advance(3); // 6 s since the UPDATE: still held
    assertThat(session.state()).isEqualTo(SessionState.ESTABLISHED);
    assertThat(sent()).isEqualTo(Keepalive.INSTANCE);
    advance(3); // 9 s of silence
    assertThat(sent()).isEqualTo(Notification.of(BgpError.HOLD_TIMER_EXPIRED));
    assertThat(conn().isOpen()).isFalse();
    assertThat(session.state()).isEqualTo(SessionState.IDLE);
    assertThat(events).anyMatch(e -> e instanceof SessionEvent.RibCleared rc && rc.routes() == 1);
    SessionCounters.Snapshot c = session.counters().snapshot();
    assertThat(c.flaps()).isEqualTo(1);
    assertThat(c.prefixes()).isZero();
    assertThat(c.lastError()).isEqualTo("hold timer expired (no message from the peer for 9 s)");
    advance(1); // the first retry interval
    assertThat(connections).hasSize(2);
    assertThat(sent()).isInstanceOf(Open.class);
  }

  @Test
  void peerWithTheWrongAsGetsBadPeerAs() {
    session.start();
    sent();
    peerSends(new Open(65000, 90, 1, List.of(new Capability.FourOctetAs(65000))));
    Notification n = (Notification) sent();
    assertThat(n.error()).isEqualTo(BgpError.BAD_PEER_AS);
    assertThat(session.state()).isEqualTo(SessionState.IDLE);
    assertThat(session.counters().lastError()).isEqualTo("refused the peer's OPEN: OPEN Message Error / Bad Peer AS (2/2)");
  }

  @Test
  void notificationFromThePeerIsTheReason() {
    session.start();
    sent();
    peerSends(Notification.of(BgpError.BAD_PEER_AS, Octets.hex("0000fc00")));
    assertThat(session.counters().lastError()).isEqualTo("NOTIFICATION received: OPEN Message Error / Bad Peer AS (2/2)");
    SessionEvent.StateChanged last = (SessionEvent.StateChanged) events.get(events.size() - 1);
    assertThat(last.to()).isEqualTo(SessionState.IDLE);
    assertThat(last.reason()).contains("Bad Peer AS");
  }

  @Test
  void garbageFromThePeerGetsTheDecodersNotification() {
    session.start();
    sent();
    conn().writeInbound(Unpooled.wrappedBuffer("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes()));
    Notification n = (Notification) sent();
    assertThat(n.error()).isEqualTo(BgpError.CONNECTION_NOT_SYNCHRONIZED);
    assertThat(session.counters().lastError()).startsWith("peer sent a malformed message: Message Header Error / Connection Not Synchronized (1/1)");
    assertThat(conn().isOpen()).isFalse();
  }

  @Test
  void updateBeforeEstablishedIsAnFsmError() {
    session.start();
    sent();
    peerSends(announce("10.3.240.0/27"));
    assertThat(((Notification) sent()).error()).isEqualTo(BgpError.FSM_UNEXPECTED_IN_OPEN_SENT);
  }

  @Test
  void noOpenWithinTheOpenHoldTimeIsHoldTimerExpired() {
    session.start();
    sent();
    advance(239);
    assertThat(session.state()).isEqualTo(SessionState.OPEN_SENT);
    advance(1);
    assertThat(((Notification) sent()).error()).isEqualTo(BgpError.HOLD_TIMER_EXPIRED);
  }

  @Test
  void refusedConnectionsRetryWithDoublingIntervals() {
    refuse = true;
    session.start();
    assertThat(session.state()).isEqualTo(SessionState.ACTIVE);
    assertThat(session.counters().lastError()).isEqualTo("connection refused (172.31.0.1:179)");
    List<String> seen = new ArrayList<>();
    for (int second = 1; second <= 16; second++) {
      advance(1);
      seen.add(String.valueOf(transitions().stream().filter("Connect"::equals).count()));
    }
    // attempts at 0, then after 1, 2, 4 and 8 s (capped at 8): seconds 1, 3, 7, 15
    assertThat(seen).containsExactly("2", "2", "3", "3", "3", "3", "4", "4", "4", "4", "4", "4", "4", "4", "5", "5");
  }

  @Test
  void stopSendsCeaseAndCloses() {
    establish();
    session.stop("netctl done");
    Notification n = (Notification) sent();
    assertThat(n.describe()).isEqualTo("Cease / Administrative Shutdown (6/2): \"netctl done\"");
    assertThat(conn().isOpen()).isFalse();
    advance(120);
    assertThat(connections).hasSize(1); // stopped: no reconnect
  }

  @Test
  void treatAsWithdrawKeepsTheSessionAndDropsTheRoute() throws Exception {
    establish();
    peerSends(announce("10.3.240.0/27"));
    // the same prefix again with ORIGIN 5: RFC 7606 treat-as-withdraw
    byte[] bad = ErrorPathsTestBytes.update("0000 0015 40 01 01 05 40 02 00 40 03 04 ac1f0002 40 05 04 00000064 1b 0a03f000");
    conn().writeInbound(Unpooled.wrappedBuffer(bad));
    assertThat(session.state()).isEqualTo(SessionState.ESTABLISHED);
    assertThat(session.snapshot().get().size()).isZero();
    assertThat(events).anyMatch(e -> e instanceof SessionEvent.UpdateError u && u.finding().error() == BgpError.INVALID_ORIGIN_ATTRIBUTE);
    assertThat(session.counters().snapshot().malformedUpdates()).isEqualTo(1);
  }

  @Test
  void enhancedRouteRefreshReplacesTheTable() throws Exception {
    establish();
    peerSends(announce("10.3.240.0/27"), announce("10.3.240.32/27"));
    peerSends(new RouteRefresh(AddressFamily.IPV4_UNICAST, RouteRefresh.Subtype.BEGIN_OF_ROUTE_REFRESH), announce("10.3.240.32/27"),
        new RouteRefresh(AddressFamily.IPV4_UNICAST, RouteRefresh.Subtype.END_OF_ROUTE_REFRESH));
    assertThat(session.snapshot().get().routes()).extracting(r -> r.prefix().toString()).containsExactly("10.3.240.32/27");
    assertThat(events).anyMatch(e -> e instanceof SessionEvent.RouteWithdrawn w && w.prefix().toString().equals("10.3.240.0/27"));
  }

  /** Builds raw UPDATE bytes around an annotated body. */
  static final class ErrorPathsTestBytes {
    static byte[] update(String body) {
      byte[] b = Octets.parseHex(body);
      byte[] m = new byte[19 + b.length];
      java.util.Arrays.fill(m, 0, 16, (byte) 0xff);
      m[16] = (byte) (m.length >>> 8);
      m[17] = (byte) m.length;
      m[18] = 2;
      System.arraycopy(b, 0, m, 19, b.length);
      return m;
    }
  }
}
