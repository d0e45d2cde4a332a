package io.netctl.validator.observe;

import java.util.Objects;

/**
 * One BGP session as a source of a check run saw it, for the pictures (the session graph): who
 * saw it, from which host, to which peer, and whether it was Established.
 *
 * @param source what saw it: {@code bird}, {@code tcp}, {@code bmp} or {@code monitor}
 * @param hostIp the host whose session it is (a node's or reflector's IP), dotted
 * @param peerIp the other end, dotted (for BIRD a protocol name when no address is known)
 * @param established whether it was Established (for TCP: an ESTABLISHED connection on port 179)
 * @param detail the state as the source printed it (BIRD's FSM state, BMP's down reason), or empty
 */
public record ObservedSession(String source, String hostIp, String peerIp, boolean established, String detail) {
  public ObservedSession {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(hostIp, "hostIp");
    Objects.requireNonNull(peerIp, "peerIp");
    detail = detail == null ? "" : detail;
  }
}
