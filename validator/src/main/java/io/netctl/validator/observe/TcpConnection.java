package io.netctl.validator.observe;

import java.util.Objects;

/**
 * One row of the kernel's TCP table.
 *
 * @param localIp local address, canonical text (IPv4-mapped IPv6 addresses as IPv4)
 * @param localPort local port
 * @param remoteIp remote address, canonical text
 * @param remotePort remote port
 * @param state the TCP state
 */
public record TcpConnection(String localIp, int localPort, String remoteIp, int remotePort, TcpState state) {
  /** The port BGP listens on (RFC 4271 §8.2.1). */
  public static final int BGP_PORT = 179;

  public TcpConnection {
    Objects.requireNonNull(localIp, "localIp");
    Objects.requireNonNull(remoteIp, "remoteIp");
    Objects.requireNonNull(state, "state");
    if (localPort < 0 || localPort > 65535 || remotePort < 0 || remotePort > 65535) {
      throw new IllegalArgumentException("port out of range: " + localPort + ", " + remotePort);
    }
  }

  /** An established connection to or from port 179. */
  public boolean bgpSession() {
    return state == TcpState.ESTABLISHED && (localPort == BGP_PORT || remotePort == BGP_PORT);
  }

  /** The BGP peer's address: the other end of the connection. */
  public String peer() {
    return remoteIp;
  }

  /** The kernel's TCP states, by the number {@code /proc/net/tcp} prints ({@code include/net/tcp_states.h}). */
  public enum TcpState {
    ESTABLISHED, SYN_SENT, SYN_RECV, FIN_WAIT1, FIN_WAIT2, TIME_WAIT, CLOSE, CLOSE_WAIT, LAST_ACK, LISTEN, CLOSING, NEW_SYN_RECV, UNKNOWN;

    static TcpState of(int code) {
      TcpState[] all = values();
      return code >= 1 && code <= 12 ? all[code - 1] : UNKNOWN;
    }
  }
}
