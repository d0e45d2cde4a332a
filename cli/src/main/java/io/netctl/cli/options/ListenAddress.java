package io.netctl.cli.options;

import io.netctl.ipam.BadInputException;
import io.netctl.ipam.Names;
import java.net.InetSocketAddress;

/** A listening address given as {@code PORT} or {@code ADDR:PORT} (all interfaces without ADDR). */
public final class ListenAddress {
  private ListenAddress() {}

  /** Parses {@code text}; {@code option} names the flag in the error. */
  public static InetSocketAddress parse(String text, String option) {
    String t = text.strip();
    int colon = t.lastIndexOf(':');
    String host = colon < 0 ? "0.0.0.0" : t.substring(0, colon);
    try {
      int p = Integer.parseInt(colon < 0 ? t : t.substring(colon + 1));
      if (p < 1 || p > 65535) {
        throw new NumberFormatException();
      }
      return new InetSocketAddress(host.isEmpty() ? "0.0.0.0" : host, p);
    } catch (NumberFormatException e) {
      throw new BadInputException(option + " \"" + Names.printable(text) + "\": expected PORT or ADDR:PORT");
    }
  }
}
