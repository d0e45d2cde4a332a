package io.netctl.bgp.session;

import io.netctl.bgp.wire.Notification;
import io.netctl.bgp.wire.Open;
import io.netctl.bgp.wire.RouteRefresh;
import io.netctl.bgp.wire.Update;
import java.time.Duration;

/** What the FSM asks the session to do; {@link BgpSession} performs these on the event loop. */
public sealed interface FsmAction {
  /** The FSM's timers (RFC 4271 §8). */
  enum Timer {
    CONNECT_RETRY,
    HOLD,
    KEEPALIVE
  }

  /** Open a TCP connection to the peer. */
  record Connect() implements FsmAction {}

  /** Send our OPEN. */
  record SendOpen() implements FsmAction {}

  record SendKeepalive() implements FsmAction {}

  record SendNotification(Notification notification) implements FsmAction {}

  /** Close the connection (after anything queued is written). */
  record CloseConnection() implements FsmAction {}

  /** (Re)start a timer. */
  record StartTimer(Timer timer, Duration after) implements FsmAction {}

  record StopTimer(Timer timer) implements FsmAction {}

  /** The peer's OPEN is accepted: fix the codec options (4-octet AS, extended messages). */
  record AcceptOpen(Open open, int holdTime) implements FsmAction {}

  /** The session is Established. */
  record SessionUp() implements FsmAction {}

  /** An Established session ended: drop the peer's routes, count a flap. */
  record SessionDown(String reason) implements FsmAction {}

  /** Record why the session is not (or no longer) up, for counters and the CLI. */
  record RecordError(String reason) implements FsmAction {}

  record ProcessUpdate(Update update) implements FsmAction {}

  record ProcessRouteRefresh(RouteRefresh refresh) implements FsmAction {}
}
