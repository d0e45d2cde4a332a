package io.netctl.cli.controller;

import io.netctl.bgp.calico.RouteReflector;
import io.netctl.bgp.session.BgpSession;
import io.netctl.bgp.session.BgpSpeaker;
import io.netctl.bgp.session.SessionCounters;
import io.netctl.bgp.session.SessionListener;
import io.netctl.bgp.session.SessionState;
import io.netctl.cli.config.NetctlConfig;
import io.netctl.cli.metrics.PeerSession;
import io.netctl.ipam.Allocation;
import io.netctl.ipam.IpamState;
import io.netctl.ipam.store.KvStore;
import io.netctl.validator.Finding;
import io.netctl.validator.Report;
import io.netctl.validator.observe.MonitorSessions;
import io.netctl.validator.routes.RrObservation;
import io.netctl.validator.routes.RrRouteChecks;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller's long-lived monitor sessions: one iBGP session to every route reflector, kept
 * up (with the speaker's reconnect back-off) while the controller runs. Each drift check reads
 * every session's state, flaps and Adj-RIB-In and runs the route checks of {@code netctl check
 * --monitor}; closing sends each reflector a Cease.
 */
public final class MonitorSessionSource implements SessionSource {
  private static final Logger LOG = LoggerFactory.getLogger(MonitorSessionSource.class);

  private final KvStore store;
  private final NetctlConfig config;
  private final BgpSpeaker speaker = new BgpSpeaker();
  private final Map<RouteReflector, BgpSession> sessions = new LinkedHashMap<>();

  public MonitorSessionSource(KvStore store, NetctlConfig config, MonitorSessions.Options options) {
    this.store = store;
    this.config = config;
    for (RouteReflector rr : config.bgp().routeReflectors()) {
      try {
        BgpSession s = speaker.session(MonitorSessions.config(config.bgp(), rr, options), SessionListener.NONE);
        s.start();
        sessions.put(rr, s);
      } catch (UnknownHostException e) {
        LOG.warn("no monitor session to {}: {}", rr.name(), e.getMessage());
      }
    }
  }

  @Override
  public Observation observe() {
    if (sessions.isEmpty()) {
      return new Observation(List.of(), List.of(), "no route reflectors in netctl.yaml");
    }
    List<PeerSession> peers = new ArrayList<>();
    List<RrObservation> seen = new ArrayList<>();
    for (Map.Entry<RouteReflector, BgpSession> e : sessions.entrySet()) {
      RouteReflector rr = e.getKey();
      SessionCounters.Snapshot c = e.getValue().counters().snapshot();
      SessionState state = e.getValue().state();
      peers.add(new PeerSession(rr.ip().toCanonicalString(), state.ordinal() + 1, c.flaps(), c.prefixes()));
      if (state != SessionState.ESTABLISHED) {
        seen.add(new RrObservation(rr.name(), rr.ip().toCanonicalString(), List.of(),
            state.title() + (c.lastError() == null ? "" : ", last error: " + c.lastError()), 0));
        continue;
      }
      try {
        seen.add(new RrObservation(rr.name(), rr.ip().toCanonicalString(),
            MonitorSessions.routes(e.getValue().snapshot().get(10, TimeUnit.SECONDS)), null, 0));
      } catch (Exception ex) {
        seen.add(new RrObservation(rr.name(), rr.ip().toCanonicalString(), List.of(), "no RIB snapshot: " + ex, 0));
      }
    }
    List<Allocation> allocations = IpamState.read(store, null).allocations().values().stream().map(IpamState.Stored::value).toList();
    Report r = RrRouteChecks.check(seen, allocations, config.ipam().ranges());
    List<Finding> findings = new ArrayList<>(r.findings());
    return new Observation(peers, findings, null);
  }

  @Override
  public void close() {
    for (BgpSession s : sessions.values()) {
      try {
        s.stop("netctl controller stopping").get(2, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.debug("closing the monitor session: {}", e.toString());
      }
    }
    speaker.close();
  }
}
