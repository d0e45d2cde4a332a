package io.netctl.validator.observe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The kernel's TCP table as {@code /proc/net/tcp} and {@code /proc/net/tcp6} print it
 * ({@code net/ipv4/tcp_ipv4.c get_tcp4_sock}): one row per socket,
 * {@code sl local_address rem_address st ...} with addresses as the hex of the network-order
 * 32-bit words printed in host byte order and ports in hex. Unlike {@code ss}, the table never
 * carries an {@code %iface} suffix, so BIRD's interface-bound outgoing sessions parse as any other.
 */
public final class TcpTable {
  private TcpTable() {}

  /** Reads {@code tcp} and {@code tcp6} under {@code procNet} (normally {@code /proc/net}); a missing tcp6 (no IPv6) is no error. */
  public static List<TcpConnection> read(Path procNet) {
    List<TcpConnection> out = new ArrayList<>();
    for (String f : new String[] {"tcp", "tcp6"}) {
      Path p = procNet.resolve(f);
      try {
        out.addAll(parse(Files.readString(p, StandardCharsets.US_ASCII)));
      } catch (NoSuchFileException e) {
        if (f.equals("tcp")) {
          throw new IllegalStateException("no TCP table at " + p + " (is /proc mounted?)");
        }
      } catch (IOException e) {
        throw new IllegalStateException("cannot read " + p + ": " + e.getMessage());
      }
    }
    return out;
  }

  /** The established port-179 connections in {@code table}. */
  public static List<TcpConnection> bgpSessions(List<TcpConnection> table) {
    return table.stream().filter(TcpConnection::bgpSession).toList();
  }

  /** Parses the text of one table (either family: the address width tells). The header line is skipped. */
  public static List<TcpConnection> parse(String text) {
    List<TcpConnection> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      String s = line.strip();
      if (s.isEmpty() || s.startsWith("sl")) {
        continue;
      }
      String[] f = s.split("\\s+");
      if (f.length < 4 || !f[0].endsWith(":")) {
        throw new IllegalArgumentException("not a TCP table row: " + s);
      }
      String[] local = f[1].split(":");
      String[] remote = f[2].split(":");
      out.add(new TcpConnection(address(local[0]), Integer.parseInt(local[1], 16), address(remote[0]), Integer.parseInt(remote[1], 16),
          TcpConnection.TcpState.of(Integer.parseInt(f[3], 16))));
    }
    return out;
  }

  /** {@code 0100007F} → 127.0.0.1 on a little-endian host; 32 hex digits are an IPv6 address as four such words. */
  static String address(String hex) {
    if (hex.length() != 8 && hex.length() != 32) {
      throw new IllegalArgumentException("not a /proc/net/tcp address: " + hex);
    }
    byte[] b = new byte[hex.length() / 2];
    boolean little = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
    for (int w = 0; w < b.length / 4; w++) {
      long word = Long.parseLong(hex.substring(w * 8, w * 8 + 8), 16);
      for (int i = 0; i < 4; i++) {
        int shift = little ? 8 * i : 8 * (3 - i);
        b[w * 4 + i] = (byte) (word >>> shift);
      }
    }
    try {
      InetAddress a = InetAddress.getByAddress(b);
      return a.getHostAddress().replaceFirst("^0:0:0:0:0:ffff:", "");
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not a /proc/net/tcp address: " + hex, e);
    }
  }
}
