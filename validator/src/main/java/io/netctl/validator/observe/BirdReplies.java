package io.netctl.validator.observe;

import io.netctl.ipam.Names;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the replies of BIRD's control protocol ({@code doc/prog-root} "Client", {@code
 * client/client.c}): every line starts with a four-digit code followed by {@code -} (more lines
 * follow) or a space (the reply's last line), or with a space alone (a continuation of the previous
 * code). {@code 0000} ends a successful reply; codes from 8000 are errors and 9000 are parse errors.
 * In {@code show protocols all}: {@code 2002} the header, {@code 1002} one protocol's row, {@code
 * 1006} its details (for BGP the capabilities each side advertised, read by {@link BirdRestart}).
 */
public final class BirdReplies {
  private BirdReplies() {}

  private static final Pattern NUMBER = Pattern.compile("(\\d+)");

  /** One reply line: its code (that of the last numbered line for a continuation) and its text. */
  public record Line(int code, String text) {}

  /**
   * Splits raw reply lines (without the banner) into coded lines.
   *
   * @throws IllegalArgumentException for an error reply (code 8000 and up), with BIRD's message
   */
  public static List<Line> lines(List<String> raw) {
    List<Line> out = new ArrayList<>();
    int code = -1;
    for (String l : raw) {
      if (coded(l)) {
        code = Integer.parseInt(l.substring(0, 4));
        if (code >= 8000) {
          throw new IllegalArgumentException("BIRD refused the command: " + Names.printable(l.substring(5).strip()));
        }
        out.add(new Line(code, l.substring(5)));
      } else if (l.startsWith(" ") && code >= 0) {
        out.add(new Line(code, l.substring(1)));
      } else if (!l.isEmpty()) {
        throw new IllegalArgumentException("unexpected line from BIRD: " + Names.printable(l));
      }
    }
    return out;
  }

  /** A numbered line: four ASCII digits, then {@code -} (more follow) or a space (the reply's last line). */
  static boolean coded(String l) {
    if (l.length() < 5 || (l.charAt(4) != '-' && l.charAt(4) != ' ')) {
      return false;
    }
    for (int i = 0; i < 4; i++) {
      if (l.charAt(i) < '0' || l.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /** The last line of a reply: a numbered line with a space after its code. */
  static boolean last(String l) {
    return coded(l) && l.charAt(4) == ' ';
  }

  /** The protocols of a {@code show protocols all} (or plain {@code show protocols}) reply. */
  public static List<BirdProtocolStatus> protocols(List<String> raw) {
    Map<String, Builder> byName = new LinkedHashMap<>();
    Builder current = null;
    for (Line l : lines(raw)) {
      if (l.code() == 1002) {
        String[] f = l.text().strip().split("\\s+", 6);
        if (f.length < 5) {
          throw new IllegalArgumentException("BIRD protocol row has fewer than 5 columns: " + Names.printable(l.text()));
        }
        current = new Builder(f[0], f[1], f[2], f[3], f[4], f.length > 5 ? f[5].strip() : "");
        byName.put(f[0], current);
      } else if (l.code() == 1006 && current != null) {
        current.detail(l.text());
      }
    }
    return byName.values().stream().map(Builder::build).toList();
  }

  /**
   * The sessions of a {@code show bfd sessions} reply ({@code 1020} lines): per BFD protocol a line
   * {@code NAME:} (or {@code NAME: is not up}), a header, then one row per session: address,
   * interface ({@code ---} when multihop), state, since (one or two words), interval, timeout.
   */
  public static List<BfdSession> bfdSessions(List<String> raw) {
    List<BfdSession> out = new ArrayList<>();
    String protocol = null;
    for (Line l : lines(raw)) {
      String t = l.text().strip();
      if (l.code() != 1020 || t.isEmpty() || t.startsWith("IP address")) {
        continue;
      }
      String[] f = t.split("\\s+");
      if (f[0].endsWith(":")) {
        protocol = f[0].substring(0, f[0].length() - 1);
        continue;
      }
      if (f.length < 6 || !new inet.ipaddr.IPAddressString(f[0]).isIPAddress()) {
        throw new IllegalArgumentException("BIRD BFD session row is not ADDRESS INTERFACE STATE SINCE INTERVAL TIMEOUT: " + Names.printable(t));
      }
      String since = String.join(" ", java.util.Arrays.asList(f).subList(3, f.length - 2));
      out.add(new BfdSession(protocol, f[0], f[1], f[2], since, f[f.length - 2], f[f.length - 1]));
    }
    return out;
  }

  /**
   * The negotiated hold time of each BGP protocol of a {@code show protocols all} reply that shows
   * one ({@code Hold timer: LEFT/HOLD}, Established sessions only), by neighbour address.
   */
  public static Map<String, Integer> holdTimes(List<String> raw) {
    Map<String, Integer> out = new LinkedHashMap<>();
    String neighbor = null;
    for (Line l : lines(raw)) {
      String t = l.text().strip();
      if (l.code() == 1002) {
        neighbor = null;
      } else if (l.code() == 1006 && t.startsWith("Neighbor address:")) {
        neighbor = t.substring(t.indexOf(':') + 1).strip().split("%")[0];
      } else if (l.code() == 1006 && t.startsWith("Hold timer:") && neighbor != null) {
        Matcher m = HOLD.matcher(t);
        if (m.find() && m.group(1).length() <= 5) {
          out.put(neighbor, Integer.parseInt(m.group(1)));
        }
      }
    }
    return out;
  }

  private static final Pattern HOLD = Pattern.compile("/(\\d+)\\s*$");

  private static final class Builder {
    final String name;
    final String proto;
    final String table;
    final String state;
    final String since;
    final String info;
    String bgpState;
    String neighbor;
    OptionalLong neighborAs = OptionalLong.empty();
    OptionalLong routes = OptionalLong.empty();
    String lastError;
    final BirdRestart.Reader restart = new BirdRestart.Reader();

    Builder(String name, String proto, String table, String state, String since, String info) {
      this.name = name;
      this.proto = proto;
      this.table = table;
      this.state = state;
      this.since = since;
      this.info = info;
      if (proto.equals("BGP") && !info.isEmpty()) {
        String[] f = info.split("\\s+", 2);
        bgpState = f[0];
        lastError = f.length > 1 ? f[1].strip() : null;
      }
    }

    void detail(String raw) {
      restart.line(raw);
      String d = raw.strip();
      int colon = d.indexOf(':');
      if (colon < 0) {
        return;
      }
      String key = d.substring(0, colon).strip();
      String value = d.substring(colon + 1).strip();
      switch (key) {
        case "BGP state" -> bgpState = value;
        case "Neighbor address" -> neighbor = value.split("%")[0];
        case "Neighbor AS" -> neighborAs = number(value);
        case "Last error" -> lastError = value;
        case "Routes" -> {
          if (routes.isEmpty()) {
            routes = number(value);
          }
        }
        default -> { }
      }
    }

    BirdProtocolStatus build() {
      return new BirdProtocolStatus(name, proto, table, state, since, info, proto.equals("BGP") ? bgpState : null, neighbor, neighborAs, routes, lastError,
          proto.equals("BGP") ? restart.result() : BirdRestart.UNKNOWN);
    }

    private static OptionalLong number(String s) {
      Matcher m = NUMBER.matcher(s);
      // a count or an AS number as BIRD prints it; more than 18 digits (beyond a long) is none
      return m.find() && m.group(1).length() <= 18 ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }
  }
}
