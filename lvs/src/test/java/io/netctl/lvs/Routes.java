package io.netctl.lvs;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.netctl.ipam.Allocation;
import java.time.Instant;
import java.util.List;

/** Test data: allocations and kernel routes written as short strings. */
public final class Routes {
  private Routes() {}

  public static final RouteTarget MAIN = new RouteTarget(254, null, 0);
  public static final List<IPAddress> RANGES = List.of(cidr("10.3.240.0/21"), cidr("10.3.216.0/21"));
  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

  public static IPAddress cidr(String s) {
    return new IPAddressString(s).getAddress().toPrefixBlock();
  }

  /** An allocation; {@code hostIp} may be null. */
  public static Allocation alloc(String node, String cidr, String hostIp) {
    return new Allocation(node, cidr(cidr), hostIp == null ? null : Ipv4.address(hostIp), T, T);
  }

  /** A unicast route: {@code route("10.3.240.0/27", "172.31.0.2", 76, 254, 0)}. */
  public static KernelRoute route(String dst, String via, int protocol, int table, int metric) {
    return new KernelRoute(Ipv4Prefix.parse(dst), table, protocol, RouteType.UNICAST, List.of(Ipv4.address(via)), null, metric);
  }

  public static KernelRoute owned(String dst, String via) {
    return route(dst, via, RouteProtocol.NETCTL, 254, 0);
  }

  public static KernelRoute boot(String dst, String via) {
    return route(dst, via, RouteProtocol.BOOT, 254, 0);
  }

  /** The kernel's connected route of a lab link, present in every test table. */
  public static KernelRoute connected() {
    return new KernelRoute(Ipv4Prefix.parse("172.31.0.0/24"), 254, 2, RouteType.UNICAST, List.of(), "eth0", 0);
  }
}
