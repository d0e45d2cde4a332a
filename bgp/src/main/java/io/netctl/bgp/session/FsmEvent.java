package io.netctl.bgp.session;

import io.netctl.bgp.wire.BgpProtocolException;
import io.netctl.bgp.wire.Notification;
import io.netctl.bgp.wire.Open;
import io.netctl.bgp.wire.RouteRefresh;
import io.netctl.bgp.wire.Update;

/** The inputs of the FSM (RFC 4271 §8.1), the ones this speaker distinguishes. */
public sealed interface FsmEvent {
  /** Event 1: start the session. */
  record ManualStart() implements FsmEvent {}

  /** Event 2: stop the session; the peer is told with a Cease NOTIFICATION. */
  record ManualStop(String reason) implements FsmEvent {}

  /** Event 9. */
  record ConnectRetryTimerExpires() implements FsmEvent {}

  /** Event 10. */
  record HoldTimerExpires() implements FsmEvent {}

  /** Event 11. */
  record KeepaliveTimerExpires() implements FsmEvent {}

  /** Events 16/17: a TCP connection is up, one we opened ({@code incoming} false) or accepted. */
  record TcpConnected(boolean incoming) implements FsmEvent {}

  /** Event 18: the connection could not be made, or closed. */
  record TcpFails(String reason) implements FsmEvent {}

  /** Event 19: an OPEN arrived. */
  record OpenReceived(Open open) implements FsmEvent {}

  /** Events 21/22/28: the peer sent something the decoder refused. */
  record ProtocolError(BgpProtocolException error) implements FsmEvent {}

  /** Events 24/25: a NOTIFICATION arrived. */
  record NotificationReceived(Notification notification) implements FsmEvent {}

  /** Event 26. */
  record KeepaliveReceived() implements FsmEvent {}

  /** Event 27. */
  record UpdateReceived(Update update) implements FsmEvent {}

  /** A ROUTE-REFRESH arrived (RFC 2918, RFC 7313). */
  record RouteRefreshReceived(RouteRefresh refresh) implements FsmEvent {}
}
