package io.netctl.lvs;

import java.util.Map;

/**
 * rtnetlink route protocol numbers ({@code rtm_protocol}, {@code ip route ... proto N}): who
 * installed a route.
 *
 * <p><b>netctl's number is {@value #NETCTL}.</b> The kernel does not interpret values above 4 and
 * leaves them to routing daemons. 76 is free of every user we know of: the kernel's own (0-4),
 * those in {@code linux/rtnetlink.h} and iproute2's {@code rt_protos} (gated 8, ra 9, mrt 10,
 * zebra 11, bird 12, dnrouted 13, xorp 14, ntk 15, dhcp 16, mrouted 17, keepalived 18, babel 42,
 * openr 99, bgp 186, isis 187, ospf 188, rip 189, eigrp 192), FRR's per-daemon numbers in {@code
 * rt_protos.d/frr.conf} (186-198), and Calico's Felix (80). Every route with protocol 76 is
 * netctl's, in every table; netctl changes no other route.
 */
public final class RouteProtocol {
  private RouteProtocol() {}

  /** The protocol of every route netctl installs, and of no other. */
  public static final int NETCTL = 76;
  /** {@code RTPROT_BOOT}: what {@code ip route add} gives a route without {@code proto}. */
  public static final int BOOT = 3;

  /** The kernel's and iproute2's well-known names, plus netctl's. */
  public static final Map<String, Integer> WELL_KNOWN =
      Map.ofEntries(
          Map.entry("unspec", 0),
          Map.entry("redirect", 1),
          Map.entry("kernel", 2),
          Map.entry("boot", 3),
          Map.entry("static", 4),
          Map.entry("gated", 8),
          Map.entry("ra", 9),
          Map.entry("mrt", 10),
          Map.entry("zebra", 11),
          Map.entry("bird", 12),
          Map.entry("dnrouted", 13),
          Map.entry("xorp", 14),
          Map.entry("ntk", 15),
          Map.entry("dhcp", 16),
          Map.entry("mrouted", 17),
          Map.entry("keepalived", 18),
          Map.entry("babel", 42),
          Map.entry("netctl", NETCTL),
          Map.entry("felix", 80),
          Map.entry("openr", 99),
          Map.entry("bgp", 186),
          Map.entry("isis", 187),
          Map.entry("ospf", 188),
          Map.entry("rip", 189),
          Map.entry("ripng", 190),
          Map.entry("nhrp", 191),
          Map.entry("eigrp", 192),
          Map.entry("ldp", 193),
          Map.entry("sharp", 194),
          Map.entry("pbr", 195),
          Map.entry("frr-static", 196),
          Map.entry("openfabric", 197));

  /** A readable name for messages: {@code boot}, {@code bird}, {@code netctl}, or the number. */
  public static String name(int protocol) {
    if (protocol == 196) {
      return "static(frr)";
    }
    for (Map.Entry<String, Integer> e : WELL_KNOWN.entrySet()) {
      if (e.getValue() == protocol && !e.getKey().equals("frr-static")) {
        return e.getKey();
      }
    }
    return String.valueOf(protocol);
  }
}
