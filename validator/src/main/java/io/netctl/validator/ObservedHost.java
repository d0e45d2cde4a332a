package io.netctl.validator;

import inet.ipaddr.ipv4.IPv4Address;
import io.netctl.bgp.calico.RouteReflector;
import io.netctl.ipam.Allocation;
import io.netctl.ipam.BadInputException;
import io.netctl.ipam.Names;
import io.netctl.lvs.Director;
import io.netctl.validator.sessions.Role;
import java.util.List;
import java.util.Optional;

/**
 * A host whose kernel or BIRD the checks observe, and what it is in the topology.
 *
 * @param name its name
 * @param director the director it is, or null
 * @param bgp its BGP role (node or route reflector), or null for a director
 */
public record ObservedHost(String name, Director director, Role bgp) {

  /** {@code director}, {@code node} or {@code route reflector}. */
  public String kind() {
    return director != null ? "director" : bgp == null ? "host" : bgp.kind() == Role.Kind.NODE ? "node" : "route reflector";
  }

  /**
   * Resolves {@code ref}.
   *
   * @return the host, or null when {@link HostRef.ByAddress} matches nothing of the topology
   * @throws BadInputException for a {@link HostRef.Named} that names nothing
   */
  public static ObservedHost resolve(HostRef ref, Intent intent, List<Allocation> allocations) {
    if (ref instanceof HostRef.Named n) {
      return named(intent, allocations, n.name(), n.option());
    }
    if (ref instanceof HostRef.ByAddress a) {
      return byAddress(intent, allocations, a);
    }
    HostRef.Node n = (HostRef.Node) ref;
    return new ObservedHost(n.name(), null, new Role(Role.Kind.NODE, n.name(),
        allocations.stream().filter(x -> x.node().equals(n.name())).findFirst().map(Allocation::hostIpText).orElse(null)));
  }

  private static ObservedHost named(Intent intent, List<Allocation> allocations, String name, String option) {
    Optional<Director> d = intent.director(name);
    if (d.isPresent()) {
      return new ObservedHost(name, d.get(), null);
    }
    Optional<RouteReflector> r = intent.bgp().routeReflector(name);
    if (r.isPresent()) {
      return new ObservedHost(name, null, new Role(Role.Kind.ROUTE_REFLECTOR, name, r.get().ip().toCanonicalString()));
    }
    Optional<Allocation> a = allocations.stream().filter(x -> x.node().equals(name)).findFirst();
    if (a.isPresent()) {
      return new ObservedHost(name, null, new Role(Role.Kind.NODE, name, a.get().hostIpText()));
    }
    throw new BadInputException(option + " " + Names.printable(name) + ": no director, route reflector (netctl.yaml) or node with an allocation has that name");
  }

  private static ObservedHost byAddress(Intent intent, List<Allocation> allocations, HostRef.ByAddress ref) {
    for (Director d : intent.directors()) {
      if (ref.addresses().contains(d.ip())) {
        return new ObservedHost(d.name(), d, null);
      }
    }
    for (RouteReflector r : intent.bgp().routeReflectors()) {
      if (ref.addresses().contains(r.ip())) {
        return new ObservedHost(r.name(), null, new Role(Role.Kind.ROUTE_REFLECTOR, r.name(), r.ip().toCanonicalString()));
      }
    }
    for (Allocation a : allocations) {
      IPv4Address ip = a.hostIp();
      if (ip != null && ref.addresses().contains(ip)) {
        return new ObservedHost(a.node(), null, new Role(Role.Kind.NODE, a.node(), a.hostIpText()));
      }
    }
    return null;
  }
}
