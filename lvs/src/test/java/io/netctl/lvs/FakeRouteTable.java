package io.netctl.lvs;

import inet.ipaddr.ipv4.IPv4Address;
import java.util.ArrayList;
import java.util.List;

/**
 * An in-memory routing table with the kernel's semantics as netctl meets them: a route's key is
 * (table, destination, metric); add of an existing key fails with {@code File exists}; replace puts
 * the route in place of the one with its key; delete removes the route matching key, protocol and
 * (when given) gateway, else fails with {@code No such process}; a gateway must be inside a
 * connected prefix. Passes the same contract suite as the real table.
 */
public final class FakeRouteTable implements RouteTable {
  private final List<KernelRoute> routes = new ArrayList<>();
  private final List<Ipv4Prefix> connected = new ArrayList<>();
  private boolean forwarding;
  private int batches;

  /** A table whose only route is the connected route of {@code link} (e.g. 172.31.0.0/24 on eth0). */
  public FakeRouteTable(String link) {
    Ipv4Prefix p = Ipv4Prefix.parse(link);
    connected.add(p);
    routes.add(new KernelRoute(p, KernelRoute.MAIN, 2, RouteType.UNICAST, List.of(), "eth0", 0));
  }

  @Override
  public synchronized List<KernelRoute> list() {
    return List.copyOf(routes);
  }

  /** Adds a route as an operator or another daemon would. */
  public synchronized void put(KernelRoute r) {
    routes.add(r);
  }

  public synchronized void remove(KernelRoute r) {
    routes.remove(r);
  }

  public synchronized int batches() {
    return batches;
  }

  @Override
  public synchronized ApplyResult apply(List<RouteChange> changes) {
    batches++;
    List<Failure> failures = new ArrayList<>();
    for (RouteChange c : changes) {
      String error = applyOne(c);
      if (error != null) {
        failures.add(new Failure(c, error));
      }
    }
    return new ApplyResult(changes.size() - failures.size(), failures);
  }

  private String applyOne(RouteChange c) {
    KernelRoute r = c.route();
    if (c instanceof RouteChange.Delete) {
      for (KernelRoute o : routes) {
        if (sameKey(o, r) && o.protocol() == r.protocol() && (r.gateway() == null || r.gateway().equals(o.gateway()))) {
          routes.remove(o);
          return null;
        }
      }
      return "RTNETLINK answers: No such process";
    }
    IPv4Address gw = r.gateway();
    if (gw != null && connected.stream().noneMatch(p -> p.contains(gw))) {
      return "Error: Nexthop has invalid gateway.";
    }
    KernelRoute existing = routes.stream().filter(o -> sameKey(o, r)).findFirst().orElse(null);
    if (c instanceof RouteChange.Add && existing != null) {
      return "RTNETLINK answers: File exists";
    }
    if (existing != null) {
      routes.set(routes.indexOf(existing), r);
    } else {
      routes.add(r);
    }
    return null;
  }

  private static boolean sameKey(KernelRoute a, KernelRoute b) {
    return a.table() == b.table() && a.dst().equals(b.dst()) && a.metric() == b.metric();
  }

  @Override
  public synchronized boolean ipForwarding() {
    return forwarding;
  }

  @Override
  public synchronized void enableIpForwarding() {
    forwarding = true;
  }

  @Override
  public String describe() {
    return "fake table";
  }
}
