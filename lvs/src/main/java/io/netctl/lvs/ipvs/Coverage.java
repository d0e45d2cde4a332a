package io.netctl.lvs.ipvs;

import inet.ipaddr.IPAddress;
import inet.ipaddr.ipv4.IPv4Address;
import io.netctl.ipam.Allocation;
import io.netctl.lvs.Ipv4;
import io.netctl.lvs.Ipv4Prefix;
import io.netctl.lvs.KernelRoute;
import io.netctl.lvs.RouteTarget;
import io.netctl.lvs.ipvs.IpvsadmListing.RealServer;
import io.netctl.lvs.ipvs.IpvsadmListing.VirtualService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Which IPVS real servers inside the container ranges a director can reach through netctl's routes.
 * A real server is covered when the director's table holds netctl's route for the pool that
 * contains it, via the host that pool is allocated to.
 *
 * @param servers every real-server address inside the ranges, with its verdict, in address order
 * @param outside how many real-server addresses are outside the ranges (not netctl's concern)
 */
public record Coverage(List<Server> servers, int outside) {
  public Coverage {
    servers = List.copyOf(servers);
  }

  /** Why a real server is not covered. */
  public enum Problem {
    /** Covered: netctl's route via the right host is in place. */
    NONE,
    /** Its address is in no allocated pool. */
    NOT_ALLOCATED,
    /** Its pool's allocation has no host IP, so no route can be made. */
    NO_HOST_IP,
    /** Its pool has a host IP but netctl's route via that host is not in the table. */
    NO_ROUTE;

    public String text() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  /**
   * One real-server address.
   *
   * @param address the address
   * @param endpoints its IP:PORT endpoints with their virtual services, e.g. {@code 10.3.240.5:8080 (TCP 10.3.214.100:80)}
   * @param pool the allocated pool containing it, or null
   * @param node that pool's node, or null
   * @param via that pool's host IP, or null
   * @param kernel what the director's table has for the pool (netctl's or not), or null
   * @param problem the verdict
   */
  public record Server(IPv4Address address, List<String> endpoints, Ipv4Prefix pool, String node, IPv4Address via, KernelRoute kernel, Problem problem) {
    public Server {
      Objects.requireNonNull(address, "address");
      endpoints = List.copyOf(endpoints);
    }

    public boolean covered() {
      return problem == Problem.NONE;
    }
  }

  public long uncovered() {
    return servers.stream().filter(s -> !s.covered()).count();
  }

  /** Checks every real server of {@code listing} against the allocations and the director's table. */
  public static Coverage check(IpvsadmListing listing, List<IPAddress> ranges, List<Allocation> allocations, List<KernelRoute> observed, RouteTarget target) {
    List<Ipv4Prefix> rs = ranges.stream().map(Ipv4Prefix::of).toList();
    TreeMap<Ipv4Prefix, Allocation> pools = new TreeMap<>();
    allocations.forEach(a -> pools.put(Ipv4Prefix.of(a.cidr()), a));
    Map<Ipv4Prefix, List<KernelRoute>> table = new LinkedHashMap<>();
    for (KernelRoute r : observed) {
      if (r.table() == target.table()) {
        table.computeIfAbsent(r.dst(), k -> new ArrayList<>(1)).add(r);
      }
    }
    Map<Integer, List<String>> endpoints = new TreeMap<>(Integer::compareUnsigned);
    int outside = 0;
    Map<String, Boolean> seenOutside = new LinkedHashMap<>();
    for (VirtualService vs : listing.services()) {
      for (RealServer r : vs.realServers()) {
        int a = r.ipv4() ? Ipv4.parse(r.address()) : 0;
        if (!r.ipv4() || rs.stream().noneMatch(p -> p.contains(new Ipv4Prefix(a, 32)))) {
          if (seenOutside.put(r.address(), true) == null) {
            outside++;
          }
          continue;
        }
        endpoints.computeIfAbsent(a, k -> new ArrayList<>()).add(r.endpoint() + " (" + vs + ")");
      }
    }
    List<Server> out = new ArrayList<>();
    for (Map.Entry<Integer, List<String>> e : endpoints.entrySet()) {
      Ipv4Prefix host = new Ipv4Prefix(e.getKey(), 32);
      IPv4Address address = new IPv4Address(e.getKey());
      Map.Entry<Ipv4Prefix, Allocation> f = pools.floorEntry(host);
      if (f == null || !f.getKey().contains(host)) {
        out.add(new Server(address, e.getValue(), null, null, null, null, Problem.NOT_ALLOCATED));
        continue;
      }
      Allocation a = f.getValue();
      List<KernelRoute> routes = table.getOrDefault(f.getKey(), List.of());
      KernelRoute any = routes.isEmpty() ? null : routes.get(0);
      if (a.hostIp() == null) {
        out.add(new Server(address, e.getValue(), f.getKey(), a.node(), null, any, Problem.NO_HOST_IP));
        continue;
      }
      KernelRoute good = routes.stream().filter(r -> r.owned() && r.sendsTo(a.hostIp())).findFirst().orElse(null);
      out.add(new Server(address, e.getValue(), f.getKey(), a.node(), a.hostIp(), good != null ? good : any, good != null ? Problem.NONE : Problem.NO_ROUTE));
    }
    return new Coverage(out, outside);
  }
}
