package io.netctl.cli.controller;

import io.netctl.bgp.calico.RouteReflector;
import io.netctl.cli.config.NetctlConfig;
import io.netctl.cli.metrics.PeerSession;
import io.netctl.ipam.Allocation;
import io.netctl.ipam.IpamState;
import io.netctl.ipam.store.KvStore;
import io.netctl.validator.CheckKind;
import io.netctl.validator.Finding;
import io.netctl.validator.Report;
import io.netctl.validator.observe.BmpFeed;
import io.netctl.validator.routes.RrObservation;
import io.netctl.validator.routes.RrRouteChecks;
import io.netctl.validator.sessions.Role;
import io.netctl.validator.sessions.SessionChecks;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The route reflectors' BMP feeds as the controller's session source ({@code --bmp-listen}): the
 * reflectors that speak BMP report their clients' sessions (Peer Up/Down, counted as flaps) and
 * the routes they hold; the drift check runs the session and route checks of {@code netctl check
 * --bmp-listen} on them.
 */
public final class BmpSessionSource implements SessionSource {
  private final KvStore store;
  private final NetctlConfig config;
  private final BmpFeed.Live feed;

  public BmpSessionSource(KvStore store, NetctlConfig config, InetSocketAddress bind) {
    this.store = store;
    this.config = config;
    this.feed = new BmpFeed.Live(bind);
  }

  @Override
  public Observation observe() {
    Map<String, BmpFeed.Router> now = feed.now();
    List<Allocation> allocations = IpamState.read(store, null).allocations().values().stream().map(IpamState.Stored::value).toList();
    List<PeerSession> sessions = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    List<RrObservation> observations = new ArrayList<>();
    for (RouteReflector rr : config.bgp().routeReflectors()) {
      String ip = rr.ip().toCanonicalString();
      BmpFeed.Router r = now.get(ip);
      if (r == null) {
        continue;
      }
      Role role = new Role(Role.Kind.ROUTE_REFLECTOR, rr.name(), ip);
      findings.addAll(SessionChecks.fromBmp(role, role.expectedPeers(config.bgp(), allocations), role.allowedPeers(config.bgp()), r.peers(),
          config.monitors()).findings());
      r.peers().forEach((peer, down) -> sessions.add(new PeerSession(rr.name() + " -> " + peer, down == null ? 6 : 1, feed.downs(ip, peer),
          r.routesByPeer().getOrDefault(peer, 0))));
      observations.add(new RrObservation(rr.name() + " (BMP)", ip, r.routes(), null, 0));
    }
    if (observations.isEmpty()) {
      return new Observation(sessions, findings, "no BMP feed from any route reflector yet");
    }
    Report routes = RrRouteChecks.check(observations, allocations, config.ipam().ranges());
    routes.findings().stream().filter(f -> f.check() == CheckKind.ROUTES).forEach(findings::add);
    return new Observation(sessions, findings, null);
  }

  @Override
  public void close() {
    feed.close();
  }

  /** Both sources at once: their sessions and findings together. */
  public static SessionSource both(SessionSource a, SessionSource b) {
    return new SessionSource() {
      @Override
      public Observation observe() {
        Observation x = a.observe();
        Observation y = b.observe();
        List<PeerSession> s = new ArrayList<>(x.sessions());
        s.addAll(y.sessions());
        List<Finding> f = new ArrayList<>(x.findings());
        f.addAll(y.findings());
        String why = x.notRun() != null && y.notRun() != null ? x.notRun() + "; " + y.notRun() : null;
        return new Observation(s, f, why);
      }

      @Override
      public void close() {
        a.close();
        b.close();
      }
    };
  }
}
