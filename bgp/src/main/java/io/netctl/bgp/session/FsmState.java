package io.netctl.bgp.session;

/**
 * The FSM's state and the variables its transitions read (RFC 4271 §8): the connect-retry counter
 * drives the backoff, {@code started} tells an administrative stop from a wait to reconnect.
 *
 * @param holdTime the negotiated hold time in seconds (0: no hold or keepalive timer)
 */
public record FsmState(SessionState state, boolean started, int connectRetryCounter, int holdTime) {
  public static final FsmState STOPPED = new FsmState(SessionState.IDLE, false, 0, 0);

  FsmState to(SessionState next) {
    return new FsmState(next, started, connectRetryCounter, holdTime);
  }
}
