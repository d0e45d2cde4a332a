package io.netctl.bgp.session;

import io.netctl.bgp.wire.AddressFamily;
import io.netctl.bgp.wire.Addresses;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * One BGP peering as netctl runs it: who the peer is, who we are, timers, TCP-MD5, and whether we
 * connect, wait for the peer, or both. Validated on construction; change with the {@code with}
 * methods.
 *
 * @param peer the peer's address and port (179 unless testing)
 * @param peerAs the AS the peer must announce (its OPEN is refused with Bad Peer AS otherwise)
 * @param localAs our AS
 * @param routerId our BGP identifier, a non-zero 32-bit value
 * @param localAddress the address to connect from, or null for the kernel's choice
 * @param holdTime the hold time we propose, 0 or 3-65535 seconds
 * @param openHoldTime the hold timer while waiting for the peer's OPEN/KEEPALIVE (RFC 4271 §8: 4 min)
 * @param connectRetry the first connect-retry interval; doubled per failure up to {@code connectRetryMax}
 * @param connectTimeout how long one TCP connect may take
 * @param password the TCP-MD5 key (RFC 2385), or null
 * @param mode connect actively, wait passively, or both
 * @param families the families advertised in the Multiprotocol capability
 * @param addPathReceive the families (of {@code families}) for which we advertise ADD-PATH "receive"
 *     (RFC 7911 §4), so a peer that offers to send gives us every path, not only its best
 */
public record SessionConfig(
    InetSocketAddress peer,
    long peerAs,
    long localAs,
    int routerId,
    InetAddress localAddress,
    int holdTime,
    Duration openHoldTime,
    Duration connectRetry,
    Duration connectRetryMax,
    Duration connectTimeout,
    String password,
    Mode mode,
    List<AddressFamily> families,
    List<AddressFamily> addPathReceive) {

  /** Who opens the TCP connection (RFC 4271 §8.1.1, PassiveTcpEstablishment). */
  public enum Mode {
    ACTIVE,
    PASSIVE,
    BOTH
  }

  public SessionConfig {
    if (peer == null || peer.getAddress() == null) {
      throw new IllegalArgumentException("peer address is required");
    }
    checkAs(peerAs, "peer AS");
    checkAs(localAs, "local AS");
    if (routerId == 0) {
      throw new IllegalArgumentException("router id must not be 0.0.0.0");
    }
    if (holdTime != 0 && (holdTime < 3 || holdTime > 65535)) {
      throw new IllegalArgumentException("hold time must be 0 or 3-65535 seconds, not " + holdTime);
    }
    if (password != null && (password.isEmpty() || password.length() > 80)) {
      throw new IllegalArgumentException("TCP-MD5 password must be 1-80 characters");
    }
    families = List.copyOf(families);
    addPathReceive = List.copyOf(addPathReceive);
    for (AddressFamily f : addPathReceive) {
      if (!f.isUnicastIp()) {
        throw new IllegalArgumentException("ADD-PATH receive is supported for IPv4 and IPv6 unicast only, not " + f);
      }
    }
    for (Duration d : List.of(openHoldTime, connectRetry, connectRetryMax, connectTimeout)) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("timer durations must be positive");
      }
    }
  }

  private static void checkAs(long as, String what) {
    if (as < 1 || as > 0xffffffffL) {
      throw new IllegalArgumentException(what + " must be 1-4294967295, not " + as);
    }
  }

  /**
   * An active iBGP-or-eBGP peering with defaults: hold 90 s, connect retry 1 s doubling to 60 s,
   * connect timeout 5 s, IPv4 and IPv6 unicast with ADD-PATH receive, no password.
   */
  public static SessionConfig of(InetAddress peer, long peerAs, long localAs, String routerId) {
    return new SessionConfig(new InetSocketAddress(peer, 179), peerAs, localAs, Addresses.parseDotted(routerId), null, 90,
        Duration.ofMinutes(4), Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(5), null, Mode.ACTIVE,
        List.of(AddressFamily.IPV4_UNICAST, AddressFamily.IPV6_UNICAST), List.of(AddressFamily.IPV4_UNICAST, AddressFamily.IPV6_UNICAST));
  }

  public SessionConfig withPort(int port) {
    return new SessionConfig(new InetSocketAddress(peer.getAddress(), port), peerAs, localAs, routerId, localAddress, holdTime,
        openHoldTime, connectRetry, connectRetryMax, connectTimeout, password, mode, families, addPathReceive);
  }

  public SessionConfig withLocalAddress(InetAddress a) {
    return new SessionConfig(peer, peerAs, localAs, routerId, a, holdTime, openHoldTime, connectRetry, connectRetryMax,
        connectTimeout, password, mode, families, addPathReceive);
  }

  public SessionConfig withHoldTime(int seconds) {
    return new SessionConfig(peer, peerAs, localAs, routerId, localAddress, seconds, openHoldTime, connectRetry, connectRetryMax,
        connectTimeout, password, mode, families, addPathReceive);
  }

  public SessionConfig withOpenHoldTime(Duration d) {
    return new SessionConfig(peer, peerAs, localAs, routerId, localAddress, holdTime, d, connectRetry, connectRetryMax,
        connectTimeout, password, mode, families, addPathReceive);
  }

  public SessionConfig withConnectRetry(Duration first, Duration max) {
    return new SessionConfig(peer, peerAs, localAs, routerId, localAddress, holdTime, openHoldTime, first, max, connectTimeout,
        password, mode, families, addPathReceive);
  }

  public SessionConfig withConnectTimeout(Duration d) {
    return new SessionConfig(peer, peerAs, localAs, routerId, localAddress, holdTime, openHoldTime, connectRetry, connectRetryMax,
        d, password, mode, families, addPathReceive);
  }

  public SessionConfig withPassword(String p) {
    return new SessionConfig(peer, peerAs, localAs, routerId, localAddress, holdTime, openHoldTime, connectRetry, connectRetryMax,
        connectTimeout, p, mode, families, addPathReceive);
  }

  public SessionConfig withMode(Mode m) {
    return new SessionConfig(peer, peerAs, localAs, routerId, localAddress, holdTime, openHoldTime, connectRetry, connectRetryMax,
        connectTimeout, password, m, families, addPathReceive);
  }

  public SessionConfig withFamilies(List<AddressFamily> f) {
    return new SessionConfig(peer, peerAs, localAs, routerId, localAddress, holdTime, openHoldTime, connectRetry, connectRetryMax,
        connectTimeout, password, mode, f, addPathReceive);
  }

  /** The families to advertise ADD-PATH receive for (none: the peer sends its best path only). */
  public SessionConfig withAddPathReceive(List<AddressFamily> f) {
    return new SessionConfig(peer, peerAs, localAs, routerId, localAddress, holdTime, openHoldTime, connectRetry, connectRetryMax,
        connectTimeout, password, mode, families, f);
  }

  /** The peer is in our AS. */
  public boolean internal() {
    return peerAs == localAs;
  }

  /** "172.31.0.1 AS 64512" for logs and errors. */
  public String peerName() {
    return Addresses.text(peer.getAddress()) + (peer.getPort() == 179 ? "" : ":" + peer.getPort()) + " AS " + peerAs;
  }
}
