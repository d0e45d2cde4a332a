package io.netctl.validator.observe;

/**
 * Graceful restart (RFC 4724) and long-lived graceful restart (RFC 9494) of one BIRD BGP protocol,
 * as {@code show protocols all} shows them ({@code proto/bgp/bgp.c}: {@code bgp_show_proto_info},
 * {@code bgp_show_capabilities}). Indentation tells the levels apart: the sections at 4 spaces,
 * each capability at 6, its details at 8:
 *
 * <pre>
 *     Local capabilities                 (also: Neighbor capabilities; shown only while the session is up)
 *       Graceful restart                 (aware: present, with no details)
 *         Restart time: 120
 *         AF supported: ipv4
 *         AF preserved: ipv4
 *       Long-lived graceful restart
 *         LL stale time: 3600
 *         AF supported: ipv4
 *     Neighbor graceful restart active   (BIRD keeps a restarting neighbour's routes as stale)
 * </pre>
 *
 * @param local what BIRD advertised, or null when not shown (the session is not up)
 * @param neighbor what the neighbour advertised, or null when not shown
 * @param active a neighbour's graceful restart is in progress: BIRD keeps its routes as stale
 */
public record BirdRestart(RestartCapabilities local, RestartCapabilities neighbor, boolean active) {
  /** Nothing shown (not a BGP protocol, or a protocol built without it). */
  public static final BirdRestart UNKNOWN = new BirdRestart(null, null, false);

  /** Reads the detail lines of one protocol, one at a time, as they come. */
  static final class Reader {
    private final Side local = new Side();
    private final Side neighbor = new Side();
    private Side section;
    private String capability = "";
    private boolean active;

    void line(String raw) {
      int indent = 0;
      while (indent < raw.length() && raw.charAt(indent) == ' ') {
        indent++;
      }
      String text = raw.strip();
      if (indent <= 4) {
        section = null;
        if (text.equals("Local capabilities")) {
          section = local;
        } else if (text.equals("Neighbor capabilities")) {
          section = neighbor;
        } else if (text.startsWith("Neighbor graceful restart active") || text.startsWith("Neighbor long-lived graceful restart active")) {
          active = true;
        }
        if (section != null) {
          section.seen = true;
        }
        return;
      }
      if (section == null) {
        return;
      }
      if (indent <= 6) {
        capability = text;
        if (text.equals("Graceful restart")) {
          section.gr = true;
        } else if (text.equals("Long-lived graceful restart")) {
          section.llgr = true;
        }
        return;
      }
      int colon = text.indexOf(':');
      if (colon < 0) {
        return;
      }
      String key = text.substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT);
      String value = text.substring(colon + 1).strip();
      boolean ipv4 = java.util.Arrays.asList(value.split("\\s+")).contains("ipv4");
      if (capability.equals("Graceful restart")) {
        switch (key) {
          case "restart time" -> section.time = number(value);
          case "af supported" -> section.ipv4 |= ipv4;
          case "af preserved" -> section.forwarding |= ipv4;
          default -> { }
        }
      } else if (capability.equals("Long-lived graceful restart")) {
        if (key.contains("stale time")) {
          section.staleTime = number(value);
        } else if (key.equals("af supported")) {
          section.llIpv4 |= ipv4;
        }
      }
    }

    BirdRestart result() {
      return new BirdRestart(local.caps(), neighbor.caps(), active);
    }

    /** Seconds as BIRD prints them; anything else (or more than 9 digits) is 0. */
    private static long number(String s) {
      String digits = s.split("\\s+")[0];
      if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return 0;
      }
      return Long.parseLong(digits);
    }
  }

  /** One side's capabilities as read so far. */
  private static final class Side {
    boolean seen;
    boolean gr;
    long time;
    boolean ipv4;
    boolean forwarding;
    boolean llgr;
    boolean llIpv4;
    long staleTime;

    RestartCapabilities caps() {
      if (!seen) {
        return null;
      }
      return new RestartCapabilities(gr, (int) Math.min(time, 0xfff), gr && ipv4, gr && ipv4 && forwarding, llgr && llIpv4,
          Math.min(staleTime, 0xffffff));
    }
  }
}
