package io.netctl.validator;

import io.netctl.bgp.calico.RouteReflector;
import io.netctl.ipam.Allocation;
import io.netctl.ipam.BadInputException;
import io.netctl.ipam.UnreachableException;
import io.netctl.lvs.KernelRoute;
import io.netctl.validator.config.IpamChecks;
import io.netctl.validator.config.PasswordChecks;
import io.netctl.validator.observe.BfdSession;
import io.netctl.validator.observe.BirdProtocolStatus;
import io.netctl.validator.observe.BmpFeed;
import io.netctl.validator.observe.MonitorSource;
import io.netctl.validator.observe.ObservedSession;
import io.netctl.validator.observe.PeerSession;
import io.netctl.validator.observe.TcpConnection;
import io.netctl.validator.routes.KernelRouteChecks;
import io.netctl.validator.routes.RouteFlappingCheck;
import io.netctl.validator.routes.RrObservation;
import io.netctl.validator.routes.RrRouteChecks;
import io.netctl.validator.sessions.BfdChecks;
import io.netctl.validator.observe.RestartMemory;
import io.netctl.validator.sessions.GracefulRestartChecks;
import io.netctl.validator.sessions.Role;
import io.netctl.validator.sessions.SessionChecks;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The one entry to the checks: {@code netctl check}, {@code netctl validate}, the controller's
 * drift loop and the agent all run a {@link CheckRequest} through {@link #run}. It reads each
 * source once (BIRD twice: at the start and at the end, for flaps), runs every check the scopes
 * and sources allow on the one read of the datastore in the request, and records each check that
 * could not run with the reason.
 */
public final class Checker {
  private final Intent intent;

  public Checker(Intent intent) {
    this.intent = intent;
  }

  /**
   * What a run found and saw.
   *
   * @param report the findings and which checks ran
   * @param sessions the BGP sessions the monitor and BMP sources reported (for metrics)
   * @param bird BIRD's protocols at the end of the run, or null when not read
   * @param tcp the TCP table read, or null
   * @param observed every session the sources saw, with the hosts whose sessions were read in full
   *     and the prefixes each reflector advertised (for the pictures)
   * @param bfd BIRD's BFD sessions at the end of the run (for metrics), empty when not read
   */
  public record Result(Report report, List<PeerSession> sessions, List<BirdProtocolStatus> bird, List<TcpConnection> tcp, Observed observed,
      List<BfdSession> bfd) {
    public Result {
      bfd = bfd == null ? List.of() : List.copyOf(bfd);
    }

    /** Without BFD sessions. */
    public Result(Report report, List<PeerSession> sessions, List<BirdProtocolStatus> bird, List<TcpConnection> tcp, Observed observed) {
      this(report, sessions, bird, tcp, observed, List.of());
    }
  }

  /**
   * What the sources of a run saw of the network, beyond findings: the input of the session graph
   * and of the pool map's "seen in routes".
   *
   * @param sessions every BGP session seen
   * @param hostsRead the IPs of hosts whose sessions a source read in full (a peer of such a host
   *     that is absent from {@code sessions} has no session)
   * @param advertisedBy the prefixes each reachable reflector advertised, by reflector name
   */
  public record Observed(List<ObservedSession> sessions, Set<String> hostsRead, Map<String, Set<String>> advertisedBy) {
    /** Nothing observed (a run without sources, {@code netctl validate}). */
    public static final Observed NONE = new Observed(List.of(), Set.of(), Map.of());

    public Observed {
      sessions = List.copyOf(sessions);
      hostsRead = Set.copyOf(hostsRead);
      advertisedBy = Map.copyOf(advertisedBy);
    }
  }

  /**
   * Runs the request.
   *
   * @throws BadInputException when a named host is unknown, or a source's input is malformed
   * @throws UnreachableException when a source cannot be read and the request is not tolerant
   */
  public Result run(CheckRequest req) {
    Run r = new Run(req);
    r.run();
    return new Result(blamePasswords(r.b.build()), r.sessions, r.birdLast, r.tcp, new Observed(r.seen, r.hostsRead, r.advertisedBy), r.bfd);
  }

  /**
   * When a password finding explains them, the findings of sessions that do not come up say so:
   * a password calico-node cannot read or that differs from the reflector's fails every node-RR
   * session the same way a down peer would.
   */
  static Report blamePasswords(Report r) {
    List<Finding> pw = r.findings().stream()
        .filter(f -> f.code() == Code.BGP_PASSWORD_UNREADABLE || f.code() == Code.BGP_PASSWORD_MISMATCH).toList();
    if (pw.isEmpty()) {
      return r;
    }
    String cause = "probable cause: the BGP password (" + String.join(", ", pw.stream().map(f -> f.code().id() + " " + f.subject()).toList())
        + "); " + pw.get(0).hint();
    List<Finding> out = new ArrayList<>();
    for (Finding f : r.findings()) {
      boolean session = f.code() == Code.SESSION_NOT_ESTABLISHED || f.code() == Code.SESSION_MISSING;
      out.add(session ? new Finding(f.code(), f.subject(), f.expected(), f.observed(), cause) : f);
    }
    return new Report(out, r.checks());
  }

  /** The state of one run. */
  private final class Run {
    private final CheckRequest req;
    private final Report.Builder b = new Report.Builder();
    private final List<PeerSession> sessions = new ArrayList<>();
    private final List<Allocation> allocations;
    private List<BirdProtocolStatus> birdLast;
    private List<BfdSession> bfd;
    private List<TcpConnection> tcp;
    private final List<ObservedSession> seen = new ArrayList<>();
    private final Set<String> hostsRead = new HashSet<>();
    private final Map<String, Set<String>> advertisedBy = new java.util.TreeMap<>();

    Run(CheckRequest req) {
      this.req = req;
      this.allocations = req.state() == null ? List.of() : req.state().allocations();
    }

    void run() {
      if (req.wants(CheckKind.CONFIG)) {
        if (req.state() == null) {
          b.notRun("config", CheckKind.CONFIG, req.noState());
        } else {
          b.merge(ConfigurationCheck.run(req.state(), intent.ipam(), intent.bgp(), req.now(), intent.poolNearlyFullPercent()));
          passwords();
        }
      }
      ObservedHost self = req.host() == null ? null : ObservedHost.resolve(req.host(), intent, allocations);
      ObservedHost birdHost = req.birdOf() != null ? ObservedHost.resolve(req.birdOf(), intent, allocations) : self;

      // BIRD first (read again at the end: flaps), then the monitor, BMP, sessions, the kernel
      List<BirdProtocolStatus> birdFirst = req.wants(CheckKind.SESSIONS) && req.bird() != null
          ? read("sessions (" + req.bird() + ")", CheckKind.SESSIONS, req.bird()::protocols) : null;
      Set<String> advertised = monitor();
      bmp();
      if (req.churn() != null && req.wants(CheckKind.ROUTES)) {
        b.merge(RouteFlappingCheck.check(req.churn(), intent.routeFlapping(), allocations));
      }
      sessions(self, birdHost, birdFirst);
      kernel(self, advertised);
    }

    /** The BGPPeers' passwords against what calico-node can read and what render-rr was given. */
    private void passwords() {
      boolean referenced = req.state().bgp().peers().stream()
          .anyMatch(p -> io.netctl.bgp.calico.PeerSpec.of(p.resource()).password() != null);
      if (!referenced) {
        return;
      }
      if (req.secrets() == null) {
        b.notRun("bgp-passwords", CheckKind.CONFIG, "BGPPeers refer to password Secrets, but there is no view of them as calico-node reads them:"
            + " netctl controller reads them from the API; netctl check takes --calico-secret NAME/KEY=FILE");
        return;
      }
      PasswordChecks.Result p = PasswordChecks.check(req.state().bgp(), req.secrets(), req.renderedPasswords());
      if (!p.subjects().isEmpty()) {
        b.ran("bgp-passwords (" + req.secrets().where() + ")", CheckKind.CONFIG, p.subjects(), p.findings());
      }
      p.unknown().forEach((subject, why) -> b.notRun("bgp-passwords " + subject, CheckKind.CONFIG, why));
    }

    /** The monitor sessions' route and session checks; the pools the reflectors advertise (null when none was reachable). */
    private Set<String> monitor() {
      boolean wanted = req.wants(CheckKind.SESSIONS) || req.wants(CheckKind.ROUTES);
      if (req.monitor() == null || !wanted) {
        if (req.wants(CheckKind.ROUTES) && req.routes() == null && req.bmp() == null) {
          b.notRun("routes", CheckKind.ROUTES, "no route source: give --monitor, --bmp-listen PORT, --local or --routes FILE --as NAME");
        }
        return null;
      }
      if (intent.bgp().routeReflectors().isEmpty()) {
        b.notRun("monitor", CheckKind.ROUTES, "--monitor: no route reflectors in netctl.yaml");
        return null;
      }
      MonitorSource.View seen = req.monitor().observe();
      sessions.addAll(seen.sessions());
      for (RrObservation o : seen.reflectors()) {
        String gr = o.restart() == null ? "" : "; reflector: " + o.restart().describe();
        this.seen.add(new ObservedSession("monitor", "monitor", o.address(), o.ok(), o.ok() ? "Established" + gr : o.failure()));
        if (o.ok()) {
          advertisedBy.put(o.rr(), RrRouteChecks.advertised(List.of(o)));
        }
      }
      Set<String> advertised = seen.reflectors().stream().anyMatch(RrObservation::ok) ? RrRouteChecks.advertised(seen.reflectors()) : null;
      mergeScoped(RrRouteChecks.check(seen.reflectors(), allocations, intent.ipam().ranges()));
      return advertised;
    }

    /** The reflectors' BMP feeds: their sessions (Peer Up/Down) and the routes they hold. */
    private void bmp() {
      if (req.bmp() == null || !(req.wants(CheckKind.SESSIONS) || req.wants(CheckKind.ROUTES))) {
        return;
      }
      if (intent.bgp().routeReflectors().isEmpty()) {
        b.notRun("bmp", CheckKind.SESSIONS, "--bmp-listen: no route reflectors in netctl.yaml");
        return;
      }
      Set<String> expected = new HashSet<>();
      intent.bgp().routeReflectors().forEach(rr -> expected.add(rr.ip().toCanonicalString()));
      Map<String, BmpFeed.Router> feed = req.bmp().routers(expected);
      List<RrObservation> observations = new ArrayList<>();
      for (RouteReflector rr : intent.bgp().routeReflectors()) {
        String ip = rr.ip().toCanonicalString();
        BmpFeed.Router r = feed.get(ip);
        if (r == null) {
          b.notRun("bmp " + rr.name(), CheckKind.SESSIONS, "no BMP feed from " + rr.name() + " (" + ip + ") " + req.bmp().absent());
          continue;
        }
        Role role = new Role(Role.Kind.ROUTE_REFLECTOR, rr.name(), ip);
        if (req.wants(CheckKind.SESSIONS)) {
          b.merge(SessionChecks.fromBmp(role, role.expectedPeers(intent.bgp(), allocations), role.allowedPeers(intent.bgp()), r.peers(), intent.monitors()));
          b.merge(GracefulRestartChecks.fromBmp(role, r.restart(), nodePeers(), intent.gracefulRestartRequired()));
        }
        hostsRead.add(ip);
        r.peers().forEach((peer, down) -> seen.add(new ObservedSession("bmp", ip, peer, down == null,
            down != null ? down : r.restart().containsKey(peer) ? "up; " + r.restart().get(peer).describe() : "up")));
        r.peers().forEach((peer, down) -> sessions.add(new PeerSession(rr.name() + " -> " + peer, down == null ? 6 : 1, req.bmp().downs(ip, peer),
            r.routesByPeer().getOrDefault(peer, 0))));
        observations.add(new RrObservation(rr.name() + " (BMP)", ip, r.routes(), null, 0));
        advertisedBy.put(rr.name() + " (BMP)", RrRouteChecks.advertised(List.of(observations.get(observations.size() - 1))));
      }
      if (req.wants(CheckKind.ROUTES) && !observations.isEmpty()) {
        Report routes = RrRouteChecks.check(observations, allocations, intent.ipam().ranges());
        b.merge(new Report(routes.findings().stream().filter(f -> f.check() == CheckKind.ROUTES).toList(),
            routes.checks().stream().filter(c -> c.kind() == CheckKind.ROUTES).toList()));
      }
    }

    private void sessions(ObservedHost self, ObservedHost birdHost, List<BirdProtocolStatus> birdFirst) {
      if (!req.wants(CheckKind.SESSIONS)) {
        return;
      }
      if (req.bird() != null && birdFirst != null) {
        if (birdHost == null || birdHost.bgp() == null) {
          b.notRun("sessions (" + req.bird() + ")", CheckKind.SESSIONS, "whose BIRD it is is unknown: give --bird-of NAME (a node or route reflector)");
        } else {
          birdLast = read("sessions (" + req.bird() + ")", CheckKind.SESSIONS, req.bird()::protocols);
          if (birdLast != null) {
            Role role = birdHost.bgp();
            if (role.ip() != null) { // a node of the agent without an allocation has no known IP: nothing to draw
              hostsRead.add(role.ip());
              birdLast.stream().filter(p -> p.bgp() && p.neighborAddress() != null).forEach(p -> seen.add(
                new ObservedSession("bird", role.ip(), p.neighborAddress(), "Established".equals(p.bgpState()), p.bgpState()
                    + (p.restart().neighbor() == null ? "" : "; neighbor: " + p.restart().neighbor().describe()))));
            }
            b.merge(SessionChecks.check(role, role.expectedPeers(intent.bgp(), allocations), role.allowedPeers(intent.bgp()), birdFirst, birdLast, null,
                intent.monitors()));
            bfd = read("bfd (" + req.bird() + ")", CheckKind.SESSIONS, req.bird()::bfdSessions);
            if (bfd != null) {
              b.merge(BfdChecks.check(role, intent.bfd(), BfdChecks.nodePeers(role, intent.bgp(), allocations), birdLast, bfd, req.bird().holdTimes()));
            }
            mergeScoped(restart(role, birdFirst, birdLast));
          }
        }
      }
      boolean birdCoversSelf = req.bird() != null && birdFirst != null && self != null && self.equals(birdHost);
      if (req.tcp() != null && !birdCoversSelf) {
        if (self == null || self.bgp() == null) {
          if (self == null || self.director() == null) {
            b.notRun("sessions (this host's TCP table)", CheckKind.SESSIONS, "this host is no node or route reflector of the topology: give --as NAME");
          }
        } else {
          tcp = read("sessions (this host's TCP table)", CheckKind.SESSIONS, req.tcp()::connections);
          if (tcp != null) {
            Role role = self.bgp();
            if (role.ip() != null) {
              hostsRead.add(role.ip());
              tcp.stream().filter(TcpConnection::bgpSession).forEach(c -> seen.add(new ObservedSession("tcp", role.ip(), c.peer(), true, "ESTABLISHED")));
            }
            b.merge(SessionChecks.check(role, role.expectedPeers(intent.bgp(), allocations), role.allowedPeers(intent.bgp()), null, null, tcp,
                intent.monitors()));
          }
        }
      }
      if (req.monitor() == null && req.bird() == null && req.tcp() == null && req.bmp() == null) {
        b.notRun("sessions", CheckKind.SESSIONS, "no session source: give --monitor, --bmp-listen PORT, --bird-socket PATH or --local");
      }
    }

    /** The host's kernel routes: a director's pool routes, a node's or reflector's routes to the pools. */
    private void kernel(ObservedHost self, Set<String> advertised) {
      if (req.routes() == null) {
        if (req.wants(CheckKind.LVS)) {
          b.notRun("lvs", CheckKind.LVS,
              intent.directors().isEmpty() ? "no directors in netctl.yaml" : "no director table: give --local on a director, or --routes FILE --as DIRECTOR");
        }
        return;
      }
      boolean wanted = req.wants(CheckKind.LVS) || req.wants(CheckKind.ROUTES);
      if (!wanted) {
        return;
      }
      if (self == null) {
        b.notRun("kernel routes", req.wants(CheckKind.LVS) ? CheckKind.LVS : CheckKind.ROUTES,
            "this host is no director, node or route reflector of the topology: give --as NAME");
        return;
      }
      String where = req.routes().where();
      if (self.director() != null) {
        if (req.wants(CheckKind.LVS)) {
          String name = "lvs " + self.name() + " (" + where + ")";
          if (req.state() == null) {
            b.notRun(name, CheckKind.LVS, req.noState());
            return;
          }
          List<KernelRoute> routes = read(name, CheckKind.LVS, req.routes()::routes);
          if (routes != null) {
            IpamChecks.Result r = KernelRouteChecks.director(self.director(), allocations, routes, intent.ipam().ranges(), advertised);
            b.ran(name, CheckKind.LVS, r.subjects(), r.findings());
          }
        }
        return;
      }
      if (req.wants(CheckKind.ROUTES)) {
        String name = "routes kernel of " + self.kind() + " " + self.name() + " (" + where + ")";
        if (req.state() == null) {
          b.notRun(name, CheckKind.ROUTES, req.noState());
        } else {
          List<KernelRoute> routes = read(name, CheckKind.ROUTES, req.routes()::routes);
          if (routes != null) {
            String node = self.bgp() != null && self.bgp().kind() == Role.Kind.NODE ? self.name() : null;
            IpamChecks.Result r = KernelRouteChecks.node(node, allocations, routes, intent.ipam().ranges());
            b.ran(name, CheckKind.ROUTES, r.subjects(), r.findings());
          }
        }
      }
      if (req.wants(CheckKind.LVS)) {
        b.notRun("lvs", CheckKind.LVS, self.name() + " is no director");
      }
    }

    /** Graceful restart on a host's node–reflector sessions, from its BIRD read at the start and the end of the run. */
    private Report restart(Role role, List<BirdProtocolStatus> first, List<BirdProtocolStatus> last) {
      boolean reflector = role.kind() == Role.Kind.ROUTE_REFLECTOR;
      Map<String, String> peers = new java.util.HashMap<>();
      if (reflector) {
        allocations.stream().filter(a -> a.hostIp() != null).forEach(a -> peers.put(a.hostIpText(), a.node()));
      } else {
        intent.bgp().routeReflectors().forEach(rr -> peers.put(rr.ip().toCanonicalString(), role.name()));
      }
      if (role.ip() != null) {
        peers.remove(role.ip());
      }
      Map<String, List<Allocation>> owned = new java.util.HashMap<>();
      allocations.forEach(a -> owned.computeIfAbsent(a.node(), k -> new ArrayList<>()).add(a));
      RestartMemory memory = req.restartMemory() != null ? req.restartMemory() : new RestartMemory();
      return GracefulRestartChecks.fromBird(role, reflector, peers, first, last, memory, req.now(), owned, intent.gracefulRestartRequired());
    }

    /** The host IPs of the nodes (the peers of a reflector that are nodes). */
    private Set<String> nodePeers() {
      Set<String> out = new HashSet<>();
      allocations.stream().filter(a -> a.hostIp() != null).forEach(a -> out.add(a.hostIpText()));
      return out;
    }

    /** Reads a source; in a tolerant run a source that cannot be read is a check that did not run. */
    private <T> T read(String check, CheckKind kind, Supplier<T> source) {
      if (!req.tolerant()) {
        return source.get();
      }
      try {
        return source.get();
      } catch (UnreachableException | IllegalStateException | IllegalArgumentException e) {
        b.notRun(check, kind, String.valueOf(e.getMessage()));
        return null;
      }
    }

    private void mergeScoped(Report r) {
      b.merge(new Report(r.findings().stream().filter(f -> req.wants(f.check())).toList(),
          r.checks().stream().filter(c -> req.wants(c.kind())).toList()));
    }
  }
}
