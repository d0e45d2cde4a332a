package io.netctl.bgp.session;

import static io.netctl.bgp.session.SessionState.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.netctl.bgp.session.FsmAction.*;
import io.netctl.bgp.session.FsmAction.Timer;
import io.netctl.bgp.session.FsmEvent.*;
import io.netctl.bgp.wire.BgpError;
import io.netctl.bgp.wire.BgpProtocolException;
import io.netctl.bgp.wire.Capability;
import io.netctl.bgp.wire.Notification;
import io.netctl.bgp.wire.Open;
import io.netctl.bgp.wire.Update;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The transition table of {@link BgpFsm}: (state, event) → (state, actions), no I/O. */
class BgpFsmTest {
  static final SessionConfig CONFIG = config();
  static final Open PEER_OPEN = new Open(64512, 9, 0xac1f0001, List.of(new Capability.FourOctetAs(64512)));

  static SessionConfig config() {
    try {
      return SessionConfig.of(InetAddress.getByName("172.31.0.1"), 64512, 64512, "172.31.0.9").withHoldTime(30);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  static FsmState in(SessionState s) {
    return new FsmState(s, true, 0, s == OPEN_CONFIRM || s == ESTABLISHED ? 9 : 0);
  }

  static List<Class<?>> kinds(List<FsmAction> actions) {
    return actions.stream().<Class<?>>map(Object::getClass).toList();
  }

  static Stream<Arguments> table() {
    BgpProtocolException malformed = new BgpProtocolException(BgpError.CONNECTION_NOT_SYNCHRONIZED, "marker");
    return Stream.of(
        Arguments.of(FsmState.STOPPED, new ManualStart(), CONNECT, List.of(Connect.class, StartTimer.class)),
        Arguments.of(in(IDLE), new ConnectRetryTimerExpires(), CONNECT, List.of(Connect.class, StartTimer.class)),
        Arguments.of(FsmState.STOPPED, new ConnectRetryTimerExpires(), IDLE, List.of()),
        Arguments.of(in(IDLE), new TcpConnected(true), IDLE, List.of(CloseConnection.class)),
        Arguments.of(in(CONNECT), new TcpConnected(false), OPEN_SENT, List.of(StopTimer.class, SendOpen.class, StartTimer.class)),
        Arguments.of(in(CONNECT), new TcpFails("connection refused"), ACTIVE, List.of(RecordError.class, StartTimer.class)),
        Arguments.of(in(ACTIVE), new ConnectRetryTimerExpires(), CONNECT, List.of(CloseConnection.class, Connect.class, StartTimer.class)),
        Arguments.of(in(ACTIVE), new TcpConnected(true), OPEN_SENT, List.of(StopTimer.class, SendOpen.class, StartTimer.class)),
        Arguments.of(in(OPEN_SENT), new OpenReceived(PEER_OPEN), OPEN_CONFIRM,
            List.of(StopTimer.class, AcceptOpen.class, SendKeepalive.class, StartTimer.class, StartTimer.class)),
        Arguments.of(in(OPEN_SENT), new KeepaliveReceived(), IDLE, downWith(SendNotification.class)),
        Arguments.of(in(OPEN_SENT), new HoldTimerExpires(), IDLE, downWith(SendNotification.class)),
        Arguments.of(in(OPEN_SENT), new TcpFails("reset"), ACTIVE, downWith()),
        Arguments.of(in(OPEN_SENT), new NotificationReceived(Notification.of(BgpError.BAD_PEER_AS)), IDLE, downWith()),
        Arguments.of(in(OPEN_CONFIRM), new KeepaliveReceived(), ESTABLISHED, List.of(StartTimer.class, SessionUp.class)),
        Arguments.of(in(OPEN_CONFIRM), new KeepaliveTimerExpires(), OPEN_CONFIRM, List.of(SendKeepalive.class, StartTimer.class)),
        Arguments.of(in(OPEN_CONFIRM), new OpenReceived(PEER_OPEN), IDLE, downWith(SendNotification.class)),
        Arguments.of(in(ESTABLISHED), new UpdateReceived(new Update(List.of(), List.of(), List.of())), ESTABLISHED,
            List.of(StartTimer.class, ProcessUpdate.class)),
        Arguments.of(in(ESTABLISHED), new KeepaliveReceived(), ESTABLISHED, List.of(StartTimer.class)),
        Arguments.of(in(ESTABLISHED), new KeepaliveTimerExpires(), ESTABLISHED, List.of(SendKeepalive.class, StartTimer.class)),
        Arguments.of(in(ESTABLISHED), new HoldTimerExpires(), IDLE, downWith(SendNotification.class, SessionDown.class)),
        Arguments.of(in(ESTABLISHED), new ProtocolError(malformed), IDLE, downWith(SendNotification.class, SessionDown.class)),
        Arguments.of(in(ESTABLISHED), new TcpFails("closed"), IDLE, downWith(SessionDown.class)),
        Arguments.of(in(ESTABLISHED), new OpenReceived(PEER_OPEN), IDLE, downWith(SendNotification.class, SessionDown.class)),
        Arguments.of(in(ESTABLISHED), new ManualStop("bye"), IDLE, List.of(SendNotification.class, CloseConnection.class,
            StopTimer.class, StopTimer.class, StopTimer.class, RecordError.class, SessionDown.class)));
  }

  /** The actions of leaving a connection: [notification], close, stop 3 timers, record, [down], retry timer. */
  static List<Class<?>> downWith(Class<?>... extra) {
    List<Class<?>> l = new java.util.ArrayList<>();
    boolean notify = List.of(extra).contains(SendNotification.class);
    if (notify) {
      l.add(SendNotification.class);
    }
    l.addAll(List.of(CloseConnection.class, StopTimer.class, StopTimer.class, StopTimer.class, RecordError.class));
    if (List.of(extra).contains(SessionDown.class)) {
      l.add(SessionDown.class);
    }
    l.add(StartTimer.class);
    return l;
  }

  @ParameterizedTest(name = "{0} + {1} -> {2}")
  @MethodSource("table")
  void transition(FsmState from, FsmEvent event, SessionState to, List<Class<?>> actions) {
    BgpFsm.Transition t = BgpFsm.next(CONFIG, from, event);
    assertThat(t.state().state()).isEqualTo(to);
    assertThat(kinds(t.actions())).isEqualTo(actions);
  }

  @Test
  void holdTimeIsTheSmallerOfBothAndKeepaliveAThird() {
    BgpFsm.Transition t = BgpFsm.next(CONFIG, in(OPEN_SENT), new OpenReceived(PEER_OPEN));
    assertThat(t.state().holdTime()).isEqualTo(9);
    assertThat(t.actions()).contains(new StartTimer(Timer.HOLD, Duration.ofSeconds(9)), new StartTimer(Timer.KEEPALIVE, Duration.ofSeconds(3)));
  }

  @Test
  void holdTimeZeroRunsNoTimers() {
    Open zero = new Open(64512, 0, 0xac1f0001, List.of());
    BgpFsm.Transition t = BgpFsm.next(CONFIG, in(OPEN_SENT), new OpenReceived(zero));
    assertThat(t.state().holdTime()).isZero();
    assertThat(t.actions()).contains(new StopTimer(Timer.HOLD), new StopTimer(Timer.KEEPALIVE));
  }

  @Test
  void openChecksRefuseWithTheRightNotification() {
    assertThat(BgpFsm.check(CONFIG, new Open(65000, 90, 1, List.of())).error()).isEqualTo(BgpError.BAD_PEER_AS);
    // the 4-octet capability decides, not My AS (AS_TRANS)
    assertThat(BgpFsm.check(CONFIG, new Open(23456, 90, 1, List.of(new Capability.FourOctetAs(64512))))).isNull();
    assertThat(BgpFsm.check(CONFIG, new Open(64512, 2, 1, List.of())).error()).isEqualTo(BgpError.UNACCEPTABLE_HOLD_TIME);
    assertThat(BgpFsm.check(CONFIG, new Open(64512, 90, 0, List.of())).error()).isEqualTo(BgpError.BAD_BGP_IDENTIFIER);
    assertThat(BgpFsm.check(CONFIG, new Open(64512, 90, CONFIG.routerId(), List.of())).error()).isEqualTo(BgpError.BAD_BGP_IDENTIFIER);
    BgpFsm.Transition t = BgpFsm.next(CONFIG, in(OPEN_SENT), new OpenReceived(new Open(65000, 90, 1, List.of())));
    assertThat(t.state().state()).isEqualTo(IDLE);
    assertThat(t.actions().get(0)).isEqualTo(new SendNotification(Notification.of(BgpError.BAD_PEER_AS, io.netctl.bgp.wire.Octets.hex("fde8"))));
  }

  @Test
  void connectRetryBacksOffDoublingToTheMaximum() {
    SessionConfig c = CONFIG.withConnectRetry(Duration.ofSeconds(1), Duration.ofSeconds(5));
    assertThat(Stream.of(1, 2, 3, 4, 5).map(n -> BgpFsm.retryDelay(c, n).toSeconds()).toList()).containsExactly(1L, 2L, 4L, 5L, 5L);
    FsmState s = in(CONNECT);
    for (int i = 1; i <= 3; i++) {
      s = BgpFsm.next(c, s, new TcpFails("refused")).state();
      assertThat(s.connectRetryCounter()).isEqualTo(i);
      s = BgpFsm.next(c, s, new ConnectRetryTimerExpires()).state();
    }
    // Established resets the counter: the next failure waits the first interval again
    assertThat(BgpFsm.next(c, new FsmState(OPEN_CONFIRM, true, 7, 9), new KeepaliveReceived()).state().connectRetryCounter()).isZero();
  }

  @Test
  void passiveSessionsWaitInActive() {
    SessionConfig passive = CONFIG.withMode(SessionConfig.Mode.PASSIVE);
    BgpFsm.Transition t = BgpFsm.next(passive, FsmState.STOPPED, new ManualStart());
    assertThat(t.state().state()).isEqualTo(ACTIVE);
    assertThat(t.actions()).isEmpty();
    assertThat(BgpFsm.next(passive, t.state(), new ConnectRetryTimerExpires()).actions()).isEmpty();
  }

  @Test
  void manualStopSendsCeaseWithTheShutdownMessage() {
    BgpFsm.Transition t = BgpFsm.next(CONFIG, in(ESTABLISHED), new ManualStop("maintenance"));
    Notification n = ((SendNotification) t.actions().get(0)).notification();
    assertThat(n.describe()).isEqualTo("Cease / Administrative Shutdown (6/2): \"maintenance\"");
    assertThat(t.state()).isEqualTo(FsmState.STOPPED);
  }
}
