package io.netctl.lvs;

import inet.ipaddr.ipv4.IPv4Address;
import java.util.List;
import java.util.Objects;

/**
 * One IPv4 route as the kernel holds it. The kernel keys an IPv4 route by (table, destination,
 * TOS, metric): two routes that differ only in next hop or protocol cannot both exist.
 *
 * @param dst the destination prefix
 * @param table the routing table number (254 is {@code main})
 * @param protocol who installed it ({@link RouteProtocol}; {@value RouteProtocol#NETCTL} is
 *     netctl)
 * @param type unicast, blackhole, ...
 * @param gateways the next hops: one for {@code via X}, several for a multipath route, none for a
 *     device route or a blackhole
 * @param dev the output device of a single-path route, or null
 * @param metric the route's priority ({@code metric}); 0 when not set
 */
public record KernelRoute(Ipv4Prefix dst, int table, int protocol, RouteType type, List<IPv4Address> gateways, String dev, int metric) {
  /** {@code RT_TABLE_MAIN}. */
  public static final int MAIN = 254;

  public KernelRoute {
    Objects.requireNonNull(dst, "dst");
    Objects.requireNonNull(type, "type");
    gateways = List.copyOf(gateways);
  }

  /** A unicast route netctl would install: {@code dst via gateway proto 76}. */
  public static KernelRoute owned(Ipv4Prefix dst, IPv4Address gateway, RouteTarget target) {
    return new KernelRoute(dst, target.table(), RouteProtocol.NETCTL, RouteType.UNICAST, List.of(gateway), target.dev(), target.metric());
  }

  /** True when netctl installed it (its protocol is netctl's). */
  public boolean owned() {
    return protocol == RouteProtocol.NETCTL;
  }

  /** The single next hop of a unicast route, or null (multipath, blackhole, device route). */
  public IPv4Address gateway() {
    return type == RouteType.UNICAST && gateways.size() == 1 ? gateways.get(0) : null;
  }

  /** True when it sends traffic for its destination to exactly {@code host}. */
  public boolean sendsTo(IPv4Address host) {
    IPv4Address g = gateway();
    return g != null && g.equals(host);
  }

  /** {@code via 172.31.0.2 dev eth0 proto boot metric 5 table 100}, as {@code ip route} would say it. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    if (type != RouteType.UNICAST) {
      sb.append(type.text()).append(' ');
    }
    if (gateways.size() == 1) {
      sb.append("via ").append(gateways.get(0).toCanonicalString()).append(' ');
    } else if (gateways.size() > 1) {
      sb.append("multipath via ");
      for (int i = 0; i < gateways.size(); i++) {
        sb.append(i == 0 ? "" : ",").append(gateways.get(i).toCanonicalString());
      }
      sb.append(' ');
    }
    if (dev != null) {
      sb.append("dev ").append(dev).append(' ');
    }
    sb.append("proto ").append(RouteProtocol.name(protocol));
    if (metric != 0) {
      sb.append(" metric ").append(metric);
    }
    if (table != MAIN) {
      sb.append(" table ").append(table);
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return dst + " " + describe();
  }
}
