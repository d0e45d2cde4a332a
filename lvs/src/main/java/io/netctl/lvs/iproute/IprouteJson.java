package io.netctl.lvs.iproute;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import inet.ipaddr.ipv4.IPv4Address;
import io.netctl.ipam.Names;
import io.netctl.lvs.Ipv4;
import io.netctl.lvs.Ipv4Prefix;
import io.netctl.lvs.KernelRoute;
import io.netctl.lvs.RouteProtocol;
import io.netctl.lvs.RouteTableException;
import io.netctl.lvs.RouteType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Parses {@code ip -json route show} output into {@link KernelRoute}s, streaming (a table of
 * 100,000 routes is about 10 MB of JSON).
 *
 * <p>What iproute2 prints (6.1, checked in a namespace): {@code dst} ({@code default}, {@code
 * a.b.c.d} for a /32, else {@code a.b.c.d/len}); {@code gateway} and {@code dev} for one next hop,
 * or {@code nexthops: [{gateway, dev, weight}]}; {@code table} only outside main; {@code metric}
 * when not 0; {@code protocol} as a number with {@code -N}, else as a name when rt_protos knows it,
 * and not at all for {@code boot} without {@code -d}; {@code type} as a number with {@code -N},
 * else as a name, and not at all for unicast without {@code -d}. Routes that are not IPv4 are
 * skipped.
 */
public final class IprouteJson {
  private static final JsonFactory JSON = new JsonFactory();
  /** A protocol name this system's rt_protos does not know: some other daemon's, never netctl's. */
  static final int UNKNOWN_PROTOCOL = -1;

  private IprouteJson() {}

  /** Parses a whole {@code ip -json route show} document. */
  public static List<KernelRoute> parse(byte[] json, RtProtos protos) {
    List<KernelRoute> out = new ArrayList<>();
    Map<String, IPv4Address> gateways = new HashMap<>();
    try (JsonParser p = JSON.createParser(json)) {
      if (p.nextToken() != JsonToken.START_ARRAY) {
        throw malformed("expected a JSON array");
      }
      while (p.nextToken() == JsonToken.START_OBJECT) {
        KernelRoute r = route(p, protos, gateways);
        if (r != null) {
          out.add(r);
        }
      }
      if (p.currentToken() != JsonToken.END_ARRAY) {
        throw malformed("expected the end of the array");
      }
    } catch (IOException e) {
      throw malformed(e.getMessage().split("\n")[0]);
    }
    return out;
  }

  private static KernelRoute route(JsonParser p, RtProtos protos, Map<String, IPv4Address> seen) throws IOException {
    String dst = null;
    int table = KernelRoute.MAIN;
    int protocol = RouteProtocol.BOOT;
    RouteType type = RouteType.UNICAST;
    List<IPv4Address> gateways = new ArrayList<>(1);
    String dev = null;
    int metric = 0;
    boolean ipv4 = true;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken t = p.nextToken();
      switch (field) {
        case "dst" -> dst = p.getText();
        case "table" -> table = table(p.getText());
        case "protocol" -> protocol = protocol(p.getText(), protos);
        case "type" -> type = type(p.getText());
        case "gateway" -> {
          if (isV4(p.getText())) {
            gateways.add(gateway(p.getText(), seen));
          } else {
            ipv4 = false;
          }
        }
        case "dev" -> dev = p.getText();
        case "metric" -> metric = p.getIntValue();
        case "nexthops" -> nexthops(p, gateways, seen);
        case "via" -> {
          ipv4 = false; // "via inet6 ..." (IPv4 over an IPv6 next hop): not a route netctl makes
          p.skipChildren();
        }
        default -> {
          if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
            p.skipChildren();
          }
        }
      }
    }
    if (dst == null || !ipv4 || !isV4Prefix(dst)) {
      return null;
    }
    Ipv4Prefix prefix;
    try {
      prefix = Ipv4Prefix.parse(dst);
    } catch (IllegalArgumentException e) {
      throw malformed("route destination \"" + Names.printable(dst) + "\": " + Names.printable(e.getMessage()));
    }
    return new KernelRoute(prefix, table, protocol, type, gateways, gateways.size() > 1 ? null : dev, metric);
  }

  private static void nexthops(JsonParser p, List<IPv4Address> gateways, Map<String, IPv4Address> seen) throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      p.skipChildren();
      return;
    }
    while (p.nextToken() == JsonToken.START_OBJECT) {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String f = p.currentName();
        JsonToken t = p.nextToken();
        if ("gateway".equals(f) && isV4(p.getText())) {
          gateways.add(gateway(p.getText(), seen));
        } else if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
          p.skipChildren();
        }
      }
    }
  }

  /** A gateway without a colon: a dotted quad, or the output is not ip's. */
  private static IPv4Address gateway(String text, Map<String, IPv4Address> seen) {
    IPv4Address known = seen.get(text);
    if (known != null) {
      return known;
    }
    IPv4Address parsed;
    try {
      parsed = Ipv4.address(text);
    } catch (IllegalArgumentException e) {
      throw malformed("gateway \"" + Names.printable(text) + "\" is not an IPv4 address");
    }
    seen.put(text, parsed);
    return parsed;
  }

  private static boolean isV4(String s) {
    return s.indexOf(':') < 0;
  }

  private static boolean isV4Prefix(String s) {
    return "default".equals(s) || (!s.isEmpty() && Character.isDigit(s.charAt(0)) && s.indexOf(':') < 0);
  }

  private static int table(String s) {
    return switch (s) {
      case "main" -> KernelRoute.MAIN;
      case "local" -> 255;
      case "default" -> 253;
      default -> {
        try {
          yield Integer.parseInt(s);
        } catch (NumberFormatException e) {
          yield -1; // a table named in rt_tables: never netctl's (netctl names tables by number)
        }
      }
    };
  }

  private static int protocol(String s, RtProtos protos) {
    OptionalInt n = protos.number(s);
    return n.isPresent() ? n.getAsInt() : UNKNOWN_PROTOCOL;
  }

  private static RouteType type(String s) {
    if (!s.isEmpty() && Character.isDigit(s.charAt(0))) {
      try {
        return RouteType.ofNumber(Integer.parseInt(s));
      } catch (NumberFormatException e) {
        throw malformed("route type \"" + Names.printable(s) + "\" is neither a name nor a number");
      }
    }
    return RouteType.ofName(s);
  }

  private static RouteTableException malformed(String why) {
    return new RouteTableException("cannot read ip's route list: " + why);
  }
}
