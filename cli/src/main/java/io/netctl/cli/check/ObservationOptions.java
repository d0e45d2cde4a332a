package io.netctl.cli.check;

import io.netctl.cli.CliContext;
import io.netctl.cli.options.ListenAddress;
import io.netctl.cli.options.DurationConverter;
import io.netctl.cli.options.MonitorOptions;

import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv4.IPv4Address;
import io.netctl.bgp.calico.RouteReflector;
import io.netctl.cli.config.NetctlConfig;
import io.netctl.ipam.Allocation;
import io.netctl.ipam.BadInputException;
import io.netctl.ipam.IpamState;
import io.netctl.ipam.Names;
import io.netctl.ipam.UnreachableException;
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
import io.netctl.validator.observe.BirdControlSocket;
import io.netctl.validator.observe.BirdProtocolStatus;
import io.netctl.validator.observe.MonitorSessions;
import io.netctl.validator.observe.TcpConnection;
import io.netctl.validator.observe.TcpTable;
import io.netctl.validator.routes.KernelRouteChecks;
import io.netctl.validator.routes.RrObservation;
import io.netctl.validator.routes.RrRouteChecks;
import io.netctl.validator.sessions.Role;
import io.netctl.validator.sessions.SessionChecks;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where {@code netctl check} observes the network: netctl's monitor sessions to the route
 * reflectors, a BIRD control socket, and one host's kernel (its routes and TCP table) — this
 * host's ({@code --local}) or a route dump ({@code --routes}).
 */
public final class ObservationOptions {
  @Option(names = "--monitor", description = "Open netctl's own BGP session to every route reflector and check the routes it reflects (reflectors accept netctl's sessions from netctl.yaml's monitors: see bgp render-rr).")
  boolean monitor;

  @Mixin MonitorOptions monitorOptions;

  @Option(names = "--monitor-timeout", paramLabel = "DUR", defaultValue = "30s", converter = DurationConverter.class,
      description = "Bound on reading one reflector's table (default: ${DEFAULT-VALUE}).")
  Duration timeout = Duration.ofSeconds(30);

  @Option(names = "--settle", paramLabel = "DUR", defaultValue = "2s", converter = DurationConverter.class,
      description = "Without End-of-RIB, a table is complete when no UPDATE came for this long (default: ${DEFAULT-VALUE}).")
  Duration settle = Duration.ofSeconds(2);

  @Option(names = "--bmp-listen", paramLabel = "[ADDR:]PORT", description = "Listen for BMP (RFC 7854) from route reflectors that speak it (FRR, GoBGP): their peers' sessions and the routes they hold.")
  String bmpListen;

  @Option(names = "--bmp-wait", paramLabel = "DUR", defaultValue = "15s", converter = DurationConverter.class,
      description = "How long to wait for the reflectors' BMP feeds (default: ${DEFAULT-VALUE}); read until each is quiet for --settle.")
  Duration bmpWait;

  @Option(names = "--bird-socket", paramLabel = "PATH", description = "BIRD's control socket (e.g. /var/run/calico/bird.ctl): the state of every BGP protocol, read at the start and the end of the check (flaps).")
  Path birdSocket;

  @Option(names = "--bird-of", paramLabel = "NAME", description = "The node or route reflector whose BIRD --bird-socket is (default: --as, else this host).")
  String birdOf;

  @Option(names = "--local", description = "Observe this host: its kernel routes and TCP table (port-179 sessions).")
  boolean local;

  @Option(names = "--routes", paramLabel = "FILE", description = "A kernel route dump (ip -4 -json route show table all) to check instead of this host's table (with --as).")
  Path routesFile;

  @Option(names = "--as", paramLabel = "NAME", description = "The director, node or route reflector that --local or --routes observes (default: found from this host's addresses).")
  String as;

  /** An observed host: what it is in the topology. */
  private record Host(String name, Director director, Role bgp) {
    String kind() {
      return director != null ? "director" : bgp == null ? "host" : bgp.kind() == Role.Kind.NODE ? "node" : "route reflector";
    }
  }

  void validate(NetctlConfig cfg) {
    if (routesFile != null && as == null) {
      throw new BadInputException("--routes FILE needs --as NAME: the director, node or route reflector whose table it is");
    }
    if (as != null && !local && routesFile == null) {
      throw new BadInputException("--as NAME says whose kernel is observed: give --local or --routes FILE too");
    }
    if (timeout.isZero() || settle.isZero() || bmpWait.isZero()) {
      throw new BadInputException("--monitor-timeout, --settle and --bmp-wait must be positive");
    }
    if (bmpListen != null) {
      bmpBind();
    }
    if (birdOf != null && birdSocket == null) {
      throw new BadInputException("--bird-of NAME says whose BIRD --bird-socket is: give --bird-socket PATH too");
    }
  }

  /** Runs the observation-based checks in {@code scopes}; records those it cannot run and why. */
  void run(CliContext ctx, NetctlConfig cfg, KvStore store, Set<CheckKind> scopes, boolean offline, Report.Builder b) {
    List<Allocation> allocations = IpamState.read(store, null).allocations().values().stream().map(IpamState.Stored::value).toList();
    Host self = as != null ? named(cfg, allocations, as, "--as") : (local || birdSocket != null) ? detect(cfg, allocations) : null;
    Host birdHost = birdOf != null ? named(cfg, allocations, birdOf, "--bird-of") : self;

    // BIRD first (flaps: read again at the end), then the monitor, then the kernel
    List<BirdProtocolStatus> birdFirst = scopes.contains(CheckKind.SESSIONS) && birdSocket != null ? birdProtocols() : null;

    Set<String> advertised = null;
    boolean wantsMonitor = scopes.contains(CheckKind.SESSIONS) || scopes.contains(CheckKind.ROUTES);
    if (monitor && wantsMonitor) {
      if (cfg.bgp().routeReflectors().isEmpty()) {
        b.notRun("monitor", CheckKind.ROUTES, "--monitor: no route reflectors in netctl.yaml");
      } else {
        List<RrObservation> seen = MonitorSessions.observe(cfg.bgp(), monitorOptions.options(ctx, timeout, settle));
        if (seen.stream().anyMatch(RrObservation::ok)) {
          advertised = RrRouteChecks.advertised(seen);
        }
        Report r = RrRouteChecks.check(seen, allocations, cfg.ipam().ranges());
        b.merge(new Report(r.findings().stream().filter(f -> scopes.contains(f.check())).toList(),
            r.checks().stream().filter(c -> scopes.contains(c.kind())).toList()));
      }
    } else if (scopes.contains(CheckKind.ROUTES) && !local && routesFile == null && bmpListen == null) {
      b.notRun("routes", CheckKind.ROUTES, "no route source: give --monitor, --bmp-listen PORT, --local or --routes FILE --as NAME");
    }

    if (bmpListen != null && wantsMonitor) {
      bmp(ctx, cfg, allocations, scopes, b);
    }

    if (scopes.contains(CheckKind.SESSIONS)) {
      if (birdSocket != null) {
        if (birdHost == null || birdHost.bgp() == null) {
          b.notRun("sessions (BIRD " + birdSocket + ")", CheckKind.SESSIONS, "whose BIRD it is is unknown: give --bird-of NAME (a node or route reflector)");
        } else {
          b.merge(SessionChecks.check(birdHost.bgp(), birdHost.bgp().expectedPeers(cfg.bgp(), allocations), birdHost.bgp().allowedPeers(cfg.bgp()), birdFirst, birdProtocols(), null, cfg.monitors()));
        }
      }
      if (local && (birdSocket == null || birdHost != self)) {
        if (self == null || self.bgp() == null) {
          if (self == null || self.director() == null) {
            b.notRun("sessions (this host's TCP table)", CheckKind.SESSIONS, "this host is no node or route reflector of the topology: give --as NAME");
          }
        } else {
          b.merge(SessionChecks.check(self.bgp(), self.bgp().expectedPeers(cfg.bgp(), allocations), self.bgp().allowedPeers(cfg.bgp()), null, null, tcpTable(), cfg.monitors()));
        }
      }
      if (!monitor && birdSocket == null && !local && bmpListen == null) {
        b.notRun("sessions", CheckKind.SESSIONS, "no session source: give --monitor, --bmp-listen PORT, --bird-socket PATH or --local");
      }
    }

    boolean kernel = local || routesFile != null;
    if (!kernel) {
      if (scopes.contains(CheckKind.LVS)) {
        b.notRun("lvs", CheckKind.LVS, cfg.directors().isEmpty() ? "no directors in netctl.yaml" : "no director table: give --local on a director, or --routes FILE --as DIRECTOR");
      }
      return;
    }
    if (self == null) {
      b.notRun("kernel routes", scopes.contains(CheckKind.LVS) ? CheckKind.LVS : CheckKind.ROUTES,
          "this host is no director, node or route reflector of the topology: give --as NAME");
      return;
    }
    List<KernelRoute> routes = kernelRoutes();
    String where = routesFile != null ? routesFile.toString() : "this host's kernel";
    if (self.director() != null) {
      if (scopes.contains(CheckKind.LVS)) {
        IpamChecks.Result r = KernelRouteChecks.director(self.director(), allocations, routes, cfg.ipam().ranges(), advertised);
        b.ran("lvs " + self.name() + " (" + where + ")", CheckKind.LVS, r.subjects(), r.findings());
      }
    } else {
      if (scopes.contains(CheckKind.ROUTES)) {
        IpamChecks.Result r = KernelRouteChecks.node(self.bgp() != null && self.bgp().kind() == Role.Kind.NODE ? self.name() : null, allocations, routes,
            cfg.ipam().ranges());
        b.ran("routes kernel of " + self.kind() + " " + self.name() + " (" + where + ")", CheckKind.ROUTES, r.subjects(), r.findings());
      }
      if (scopes.contains(CheckKind.LVS)) {
        b.notRun("lvs", CheckKind.LVS, self.name() + " is no director");
      }
    }
  }

  /** The reflectors' BMP feeds: their sessions (Peer Up/Down) and the routes they hold. */
  private void bmp(CliContext ctx, NetctlConfig cfg, List<Allocation> allocations, Set<CheckKind> scopes, Report.Builder b) {
    if (cfg.bgp().routeReflectors().isEmpty()) {
      b.notRun("bmp", CheckKind.SESSIONS, "--bmp-listen: no route reflectors in netctl.yaml");
      return;
    }
    java.util.Map<String, io.netctl.validator.observe.BmpFeed.Router> feed = io.netctl.validator.observe.BmpFeed.read(bmpBind(),
        new java.util.HashSet<>(cfg.bgp().routeReflectors().stream().map(r -> r.ip().toCanonicalString()).toList()), bmpWait, settle);
    List<RrObservation> observations = new java.util.ArrayList<>();
    for (RouteReflector rr : cfg.bgp().routeReflectors()) {
      String ip = rr.ip().toCanonicalString();
      io.netctl.validator.observe.BmpFeed.Router r = feed.get(ip);
      if (r == null) {
        b.notRun("bmp " + rr.name(), CheckKind.SESSIONS, "no BMP feed from " + rr.name() + " (" + ip + ") within " + bmpWait.toSeconds()
            + " s: does it speak BMP to this address? (BIRD 2.0 cannot)");
        continue;
      }
      Role role = new Role(Role.Kind.ROUTE_REFLECTOR, rr.name(), ip);
      if (scopes.contains(CheckKind.SESSIONS)) {
        b.merge(SessionChecks.fromBmp(role, role.expectedPeers(cfg.bgp(), allocations), role.allowedPeers(cfg.bgp()), r.peers(), cfg.monitors()));
      }
      observations.add(new RrObservation(rr.name() + " (BMP)", ip, r.routes(), null, 0));
    }
    if (scopes.contains(CheckKind.ROUTES) && !observations.isEmpty()) {
      Report r = RrRouteChecks.check(observations, allocations, cfg.ipam().ranges());
      b.merge(new Report(r.findings().stream().filter(f -> f.check() == CheckKind.ROUTES).toList(),
          r.checks().stream().filter(c -> c.kind() == CheckKind.ROUTES).toList()));
    }
  }

  private java.net.InetSocketAddress bmpBind() {
    return ListenAddress.parse(bmpListen, "--bmp-listen");
  }

  private static Host named(NetctlConfig cfg, List<Allocation> allocations, String name, String option) {
    Optional<Director> d = cfg.director(name);
    if (d.isPresent()) {
      return new Host(name, d.get(), null);
    }
    Optional<RouteReflector> r = cfg.bgp().routeReflector(name);
    if (r.isPresent()) {
      return new Host(name, null, new Role(Role.Kind.ROUTE_REFLECTOR, name, r.get().ip().toCanonicalString()));
    }
    Optional<Allocation> a = allocations.stream().filter(x -> x.node().equals(name)).findFirst();
    if (a.isPresent()) {
      return new Host(name, null, new Role(Role.Kind.NODE, name, a.get().hostIpText()));
    }
    throw new BadInputException(option + " " + Names.printable(name) + ": no director, route reflector (netctl.yaml) or node with an allocation has that name");
  }

  private static Host detect(NetctlConfig cfg, List<Allocation> allocations) {
    Set<IPv4Address> mine = localAddresses();
    for (Director d : cfg.directors()) {
      if (mine.contains(d.ip())) {
        return new Host(d.name(), d, null);
      }
    }
    for (RouteReflector r : cfg.bgp().routeReflectors()) {
      if (mine.contains(r.ip())) {
        return new Host(r.name(), null, new Role(Role.Kind.ROUTE_REFLECTOR, r.name(), r.ip().toCanonicalString()));
      }
    }
    for (Allocation a : allocations) {
      if (a.hostIp() != null && mine.contains(a.hostIp())) {
        return new Host(a.node(), null, new Role(Role.Kind.NODE, a.node(), a.hostIpText()));
      }
    }
    return null;
  }

  private List<BirdProtocolStatus> birdProtocols() {
    try (BirdControlSocket s = BirdControlSocket.connect(birdSocket, Duration.ofSeconds(5))) {
      return s.protocols();
    }
  }

  private static List<TcpConnection> tcpTable() {
    try {
      return TcpTable.read(Path.of("/proc/net"));
    } catch (IllegalStateException e) {
      throw new UnreachableException(e.getMessage());
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

  public static Set<IPv4Address> localAddresses() {
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
}
