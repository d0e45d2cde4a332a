package io.netctl.validator.observe;

import io.netctl.ipam.Names;
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
import java.util.regex.Pattern;

/**
 * The kernel's TCP table as {@code /proc/net/tcp} and {@code /proc/net/tcp6} print it
 * ({@code net/ipv4/tcp_ipv4.c get_tcp4_sock}): one row per socket,
 * {@code sl local_address rem_address st ...} with addresses as the hex of the network-order
 * 32-bit words printed in host byte order and ports in hex. Unlike {@code ss}, the table never
 * carries an {@code %iface} suffix, so BIRD's interface-bound outgoing sessions parse as any other.
 */
public final class TcpTable {
  private static final Pattern HEX = Pattern.compile("[0-9A-Fa-f]+");

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
        throw new IllegalArgumentException("not a TCP table row: " + Names.printable(s));
      }
      String[] local = endpoint(f[1], s);
      String[] remote = endpoint(f[2], s);
      if (!HEX.matcher(f[3]).matches() || f[3].length() > 2) {
        throw new IllegalArgumentException("not a TCP state (two hex digits): " + Names.printable(f[3]) + " in row " + Names.printable(s));
      }
      out.add(new TcpConnection(address(local[0]), Integer.parseInt(local[1], 16), address(remote[0]), Integer.parseInt(remote[1], 16),
          TcpConnection.TcpState.of(Integer.parseInt(f[3], 16))));
    }
    return out;
  }

  /** {@code ADDRESS:PORT}: an address of 8 or 32 hex digits (see {@link #address}) and a port of at most 4. */
  private static String[] endpoint(String field, String row) {
    int colon = field.indexOf(':');
    if (colon < 0 || colon != field.lastIndexOf(':') || !HEX.matcher(field.substring(colon + 1)).matches() || field.length() - colon - 1 > 4) {
      throw new IllegalArgumentException("not a /proc/net/tcp address:port: " + Names.printable(field) + " in row " + Names.printable(row));
    }
    return new String[] {field.substring(0, colon), field.substring(colon + 1)};
  }

  /** {@code 0100007F} → 127.0.0.1 on a little-endian host; 32 hex digits are an IPv6 address as four such words. */
  static String address(String hex) {
    if ((hex.length() != 8 && hex.length() != 32) || !HEX.matcher(hex).matches()) {
      throw new IllegalArgumentException("not a /proc/net/tcp address: " + Names.printable(hex));
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
      throw new IllegalArgumentException("not a /proc/net/tcp address: " + Names.printable(hex), e);
    }
  }
}
