package io.netctl.cli;

import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv4.IPv4Address;
import io.netctl.cli.config.NetctlConfig;
import io.netctl.ipam.Allocation;
import io.netctl.ipam.BadInputException;
import io.netctl.ipam.IpamState;
import io.netctl.ipam.store.KvStore;
import io.netctl.lvs.Director;
import io.netctl.lvs.KernelRoute;
import io.netctl.lvs.RouteTableException;
import io.netctl.lvs.iproute.IprouteJson;
import io.netctl.lvs.iproute.IprouteTable;
import io.netctl.lvs.iproute.RtProtos;
import io.netctl.validator.CheckKind;
import io.netctl.validator.Report;
import io.netctl.validator.config.IpamChecks;
import io.netctl.validator.routes.KernelRouteChecks;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * Where {@code netctl check} observes the network: this host's kernel (TCP table, routes), a
 * kernel route dump, a BIRD control socket, netctl's monitor sessions to the route reflectors.
 */
public final class ObservationOptions {
  @Option(names = "--local", description = "Observe this host: its TCP table (port-179 sessions) and kernel routes; its role (director, node, route reflector) from its addresses, or --director/--node.")
  boolean local;

  @Option(names = "--routes", paramLabel = "FILE", description = "A kernel route dump (ip -4 -json route show table all) to check instead of this host's table; say whose with --director or --node.")
  Path routesFile;

  @Option(names = "--director", paramLabel = "NAME", description = "The kernel table (--local or --routes) is this director's.")
  String director;

  @Option(names = "--node", paramLabel = "NAME", description = "The kernel table (--local or --routes) is this node's.")
  String node;

  @Option(names = "--bird-socket", paramLabel = "PATH", description = "BIRD's control socket (e.g. /var/run/calico/bird.ctl): every BGP protocol's state.")
  Path birdSocket;

  @Option(names = "--monitor", description = "Open netctl's own BGP session to every route reflector and check the routes it reflects.")
  boolean monitor;

  void validate(NetctlConfig cfg) {
    if (director != null && cfg.director(director).isEmpty()) {
      throw new BadInputException("unknown director \"" + director + "\" (netctl.yaml has: "
          + (cfg.directors().isEmpty() ? "none" : String.join(", ", cfg.directors().stream().map(Director::name).toList())) + ")");
    }
    if (director != null && node != null) {
      throw new BadInputException("--director and --node exclude each other: a kernel table is one host's");
    }
    if ((director != null || node != null) && !local && routesFile == null) {
      throw new BadInputException("--director/--node say whose kernel table is checked: give --local or --routes FILE too");
    }
  }

  /** Runs the observation-based checks in {@code scopes}; records those it cannot run and why. */
  void run(CliContext ctx, NetctlConfig cfg, KvStore store, Set<CheckKind> scopes, boolean offline, Report.Builder b) {
    List<Allocation> allocations = IpamState.read(store, null).allocations().values().stream().map(IpamState.Stored::value).toList();
    if (scopes.contains(CheckKind.SESSIONS)) {
      b.notRun("sessions", CheckKind.SESSIONS, "no session source: give --local, --bird-socket PATH or --monitor");
    }
    boolean kernel = local || routesFile != null;
    if (!kernel) {
      if (scopes.contains(CheckKind.ROUTES)) {
        b.notRun("routes", CheckKind.ROUTES, "no route source: give --monitor, --local or --routes FILE");
      }
      if (scopes.contains(CheckKind.LVS)) {
        b.notRun("lvs", CheckKind.LVS, cfg.directors().isEmpty() ? "no directors in netctl.yaml" : "no director table: give --local on a director, or --routes FILE --director NAME");
      }
      return;
    }
    List<KernelRoute> routes = kernelRoutes();
    String where = routesFile != null ? routesFile.toString() : "this host's kernel";
    Optional<Director> asDirector = director != null ? cfg.director(director) : (node == null && local ? localDirector(cfg) : Optional.empty());
    String asNode = node != null ? node : (asDirector.isEmpty() && local ? localNode(allocations) : null);
    if (asDirector.isPresent()) {
      if (scopes.contains(CheckKind.LVS)) {
        IpamChecks.Result r = KernelRouteChecks.director(asDirector.get(), allocations, routes, cfg.ipam().ranges());
        b.ran("lvs " + asDirector.get().name() + " (" + where + ")", CheckKind.LVS, r.subjects(), r.findings());
      }
      if (scopes.contains(CheckKind.ROUTES)) {
        b.notRun("routes", CheckKind.ROUTES, "the kernel table is director " + asDirector.get().name() + "'s (checked under lvs); for route reflectors give --monitor");
      }
    } else {
      if (scopes.contains(CheckKind.ROUTES)) {
        if (asNode == null && routesFile != null) {
          throw new BadInputException("say whose route dump " + routesFile + " is: --director NAME or --node NAME");
        }
        IpamChecks.Result r = KernelRouteChecks.node(asNode, allocations, routes);
        b.ran("routes kernel of " + (asNode == null ? "this host" : asNode) + " (" + where + ")", CheckKind.ROUTES, r.subjects(), r.findings());
      }
      if (scopes.contains(CheckKind.LVS)) {
        b.notRun("lvs", CheckKind.LVS, "this host is no director in netctl.yaml (give --director NAME)");
      }
    }
  }

  private List<KernelRoute> kernelRoutes() {
    if (routesFile != null) {
      try {
        return IprouteJson.parse(Files.readAllBytes(routesFile), RtProtos.system());
      } catch (NoSuchFileException e) {
        throw new BadInputException("route dump " + routesFile + ": no such file");
      } catch (IOException e) {
        throw new BadInputException("route dump " + routesFile + ": cannot read (" + e.getMessage() + ")");
      } catch (RouteTableException e) {
        throw new BadInputException("route dump " + routesFile + ": " + e.getMessage());
      }
    }
    return IprouteTable.of(null).list();
  }

  private static Optional<Director> localDirector(NetctlConfig cfg) {
    Set<IPv4Address> mine = localAddresses();
    return cfg.directors().stream().filter(d -> mine.contains(d.ip())).findFirst();
  }

  private static String localNode(List<Allocation> allocations) {
    Set<IPv4Address> mine = localAddresses();
    return allocations.stream().filter(a -> a.hostIp() != null && mine.contains(a.hostIp())).map(Allocation::node).findFirst().orElse(null);
  }

  static Set<IPv4Address> localAddresses() {
    Set<IPv4Address> out = new HashSet<>();
    try {
      for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        for (InetAddress a : Collections.list(ni.getInetAddresses())) {
          var ip = new IPAddressString(a.getHostAddress()).getAddress();
          if (ip != null && ip.isIPv4()) {
            out.add(ip.toIPv4());
          }
        }
      }
    } catch (SocketException e) {
      // no interfaces readable: no local role
    }
    return out;
  }

  static List<String> names(List<Director> ds) {
    return new ArrayList<>(ds.stream().map(Director::name).toList());
  }
}
