package io.netctl.cli.bgp;

import io.netctl.bgp.session.SessionConfig;
import io.netctl.bgp.wire.Addresses;
import io.netctl.cli.config.NetctlConfig;
import io.netctl.cli.options.Bounds;
import io.netctl.cli.options.DurationConverter;
import io.netctl.ipam.BadInputException;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import picocli.CommandLine.Option;

/** The BGP session flags shared by {@code netctl bgp routes} and {@code netctl bgp watch}. */
public final class BgpPeerOptions {
  @Option(names = "--peer", required = true, paramLabel = "IP", description = "The BGP neighbour to open a session with (an IP address).")
  String peer;

  @Option(names = "--peer-as", paramLabel = "N", description = "The AS the peer must announce (default: --local-as, i.e. iBGP).")
  Long peerAs;

  @Option(names = "--local-as", paramLabel = "N", description = "Our AS (default: asNumber of netctl.yaml, 64512).")
  Long localAs;

  @Option(names = "--router-id", paramLabel = "IP", description = "Our BGP identifier (default: --local-address, else this host's first IPv4 address).")
  String routerId;

  @Option(names = "--local-address", paramLabel = "IP", description = "Connect from this address.")
  String localAddress;

  @Option(names = "--port", paramLabel = "N", defaultValue = "179", description = "The peer's port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--password-file", paramLabel = "FILE", description = "TCP-MD5 password (RFC 2385), the file's first line.")
  Path passwordFile;

  @Option(names = "--hold-time", paramLabel = "SECONDS", defaultValue = "90", description = "Hold time we propose: 0 or 3-65535 (default: ${DEFAULT-VALUE}).")
  int holdTime;

  @Option(names = "--connect-timeout", paramLabel = "DUR", defaultValue = "5s", converter = DurationConverter.class,
      description = "How long one TCP connect may take (default: ${DEFAULT-VALUE}).")
  Duration connectTimeout;

  @Option(names = "--no-add-path", description = "Do not offer ADD-PATH receive (RFC 7911): the peer then sends its best path per prefix only. "
      + "By default netctl offers to receive every path, and a peer configured to send them (BIRD `add paths tx`) does.")
  boolean noAddPath;

  /** The validated session configuration; BadInputException (exit 2) for anything wrong. */
  SessionConfig toConfig(NetctlConfig cfg) {
    InetAddress peerIp = ip(peer, "--peer");
    long local = localAs == null ? cfg.bgp().asNumber() : as(localAs, "--local-as");
    long remote = peerAs == null ? local : as(peerAs, "--peer-as");
    Bounds.number("--port", port, 1, 65535);
    if (holdTime != 0 && (holdTime < 3 || holdTime > 65535)) {
      throw new BadInputException("--hold-time must be 0 or 3-65535 seconds, not " + holdTime);
    }
    Bounds.duration("--connect-timeout", connectTimeout, Duration.ofMillis(100), Duration.ofMinutes(10));
    InetAddress from = localAddress == null ? null : ip(localAddress, "--local-address");
    String id = routerId != null ? routerId : from instanceof Inet4Address ? from.getHostAddress() : defaultRouterId();
    int idValue;
    try {
      idValue = Addresses.parseDotted(id);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--router-id must be an IPv4 address, not \"" + id + "\"");
    }
    if (idValue == 0) {
      throw new BadInputException("--router-id must not be 0.0.0.0");
    }
    SessionConfig c = SessionConfig.of(peerIp, remote, local, id)
        .withPort(port)
        .withLocalAddress(from)
        .withHoldTime(holdTime)
        .withConnectTimeout(connectTimeout);
    if (passwordFile != null) {
      c = c.withPassword(password(passwordFile));
    }
    if (noAddPath) {
      c = c.withAddPathReceive(java.util.List.of());
    }
    return c;
  }

  static InetAddress ip(String text, String flag) {
    if (text == null || !text.matches("[0-9A-Fa-f:.]+") || !(text.contains(".") || text.contains(":"))) {
      throw new BadInputException(flag + " must be an IP address, not \"" + text + "\"");
    }
    try {
      return InetAddress.getByName(text); // a literal: no lookup happens
    } catch (UnknownHostException e) {
      throw new BadInputException(flag + " must be an IP address, not \"" + text + "\"");
    }
  }

  static long as(long n, String flag) {
    if (n < 1 || n > 4294967295L) {
      throw new BadInputException(flag + " must be 1-4294967295, not " + n);
    }
    return n;
  }

  static String password(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BadInputException("cannot read --password-file " + file + ": " + e.getMessage());
    }
    String first = text.lines().findFirst().orElse("").strip();
    if (first.isEmpty() || first.length() > 80) {
      throw new BadInputException("--password-file " + file + " must hold a password of 1-80 characters on its first line");
    }
    return first;
  }

  /** This host's first IPv4 address that is up and not loopback, else 127.0.0.1. */
  static String defaultRouterId() {
    try {
      for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!ni.isUp() || ni.isLoopback()) {
          continue;
        }
        for (InetAddress a : Collections.list(ni.getInetAddresses())) {
          if (a instanceof Inet4Address) {
            return a.getHostAddress();
          }
        }
      }
    } catch (SocketException e) {
      // fall through
    }
    return "127.0.0.1";
  }
}
