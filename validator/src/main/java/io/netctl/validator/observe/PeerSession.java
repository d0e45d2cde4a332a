package io.netctl.validator.observe;

import java.util.Objects;

/**
 * One BGP session as metrics show it.
 *
 * @param peer the peer: its address, or BIRD's protocol name when no address is known
 * @param fsmState RFC 4271 §8.2.2 state as a number: Idle=1, Connect=2, Active=3, OpenSent=4,
 *     OpenConfirm=5, Established=6
 * @param flaps how often the session left Established (or re-entered it) since observed; monotonic
 * @param routesReceived routes currently received from the peer
 */
public record PeerSession(String peer, int fsmState, long flaps, long routesReceived) {
  public PeerSession {
    Objects.requireNonNull(peer, "peer");
    if (fsmState < 1 || fsmState > 6) {
      throw new IllegalArgumentException("RFC 4271 states are 1..6: " + fsmState);
    }
  }
}
