package io.netctl.lvs.iproute;

import inet.ipaddr.ipv4.IPv4Address;
import io.netctl.lvs.KernelRoute;
import io.netctl.lvs.RouteChange;
import io.netctl.lvs.RouteTable.Failure;
import io.netctl.lvs.RouteType;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lines of an {@code ip -batch} for a list of changes, and the failures read back from its
 * standard error.
 *
 * <p>Lines: {@code route add DST via GW [dev DEV] proto 76 metric M table T} (never overwrites:
 * the kernel answers {@code File exists} when a route with that key is there), {@code route
 * replace ...} (only for netctl's own route with that key), {@code route del DST [via GW] proto P
 * metric M table T} (the kernel matches the protocol and gateway, so it removes exactly that route).
 * Every field is a number, an address or a validated device name, so a line cannot carry more than
 * one command.
 *
 * <p>Errors: with {@code -force} ip runs every line and, for each failing one, prints the kernel's
 * message followed by {@code Command failed -:N} (N counts from 1).
 */
public final class IprouteBatch {
  private static final Pattern FAILED = Pattern.compile("^Command failed (.*):(\\d+)$");

  private IprouteBatch() {}

  /** The batch text: one line per change, in order. */
  public static String lines(List<RouteChange> changes) {
    StringBuilder sb = new StringBuilder(changes.size() * 80);
    for (RouteChange c : changes) {
      line(c, sb);
      sb.append('\n');
    }
    return sb.toString();
  }

  static void line(RouteChange c, StringBuilder sb) {
    KernelRoute r = c.route();
    if (c instanceof RouteChange.Delete) {
      sb.append("route del ").append(r.dst());
      IPv4Address gw = r.gateway();
      if (gw != null) {
        sb.append(" via ").append(gw.toCanonicalString());
      }
    } else {
      if (r.type() != RouteType.UNICAST || r.gateway() == null) {
        throw new IllegalArgumentException("netctl only installs unicast routes with one next hop: " + r);
      }
      sb.append(c instanceof RouteChange.Add ? "route add " : "route replace ").append(r.dst());
      sb.append(" via ").append(r.gateway().toCanonicalString());
      if (r.dev() != null) {
        sb.append(" dev ").append(r.dev());
      }
    }
    sb.append(" proto ").append(r.protocol()).append(" metric ").append(r.metric()).append(" table ").append(r.table());
  }

  /**
   * The failures that ip's standard error reports for the batch of {@code changes}: each message
   * line(s) followed by {@code Command failed -:N}.
   */
  public static List<Failure> failures(String stderr, List<RouteChange> changes) {
    List<Failure> out = new ArrayList<>();
    List<String> message = new ArrayList<>();
    for (String line : stderr.split("\n")) {
      Matcher m = FAILED.matcher(line.strip());
      if (m.matches()) {
        int n = Integer.parseInt(m.group(2));
        String msg = message.isEmpty() ? "failed" : String.join(" ", message);
        message.clear();
        if (n >= 1 && n <= changes.size()) {
          out.add(new Failure(changes.get(n - 1), msg));
        }
      } else if (!line.isBlank()) {
        message.add(line.strip());
      }
    }
    return out;
  }
}
