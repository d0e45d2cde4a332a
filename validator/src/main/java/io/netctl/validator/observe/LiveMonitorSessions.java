package io.netctl.validator.observe;

import io.netctl.bgp.calico.BgpTopology;
import io.netctl.bgp.calico.RouteReflector;
import io.netctl.bgp.session.BgpSession;
import io.netctl.bgp.session.BgpSpeaker;
import io.netctl.bgp.session.SessionCounters;
import io.netctl.bgp.session.SessionListener;
import io.netctl.bgp.session.SessionState;
import io.netctl.validator.routes.RrObservation;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller's long-lived monitor sessions: one iBGP session to every route reflector, kept up
 * (with the speaker's reconnect back-off) while the controller runs. {@link #observe()} reads every
 * session's state, flaps and Adj-RIB-In; {@link #close()} sends each reflector a Cease.
 */
public final class LiveMonitorSessions implements MonitorSource, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LiveMonitorSessions.class);

  private final BgpSpeaker speaker = new BgpSpeaker();
  private final Map<RouteReflector, BgpSession> sessions = new LinkedHashMap<>();

  public LiveMonitorSessions(BgpTopology topo, MonitorSessions.Options options) {
    this(topo, options, null);
  }

  /** @param churn counts each reflector's route changes (its source: the reflector's name), or null */
  public LiveMonitorSessions(BgpTopology topo, MonitorSessions.Options options, io.netctl.validator.routes.RouteChurn churn) {
    for (RouteReflector rr : topo.routeReflectors()) {
      try {
        BgpSession s = speaker.session(MonitorSessions.config(topo, rr, options), churn == null ? SessionListener.NONE : churn.listener(rr.name()));
        s.start();
        sessions.put(rr, s);
      } catch (UnknownHostException e) {
        LOG.warn("no monitor session to {}: {}", rr.name(), e.getMessage());
      }
    }
  }

  @Override
  public View observe() {
    List<PeerSession> peers = new ArrayList<>();
    List<RrObservation> seen = new ArrayList<>();
    for (Map.Entry<RouteReflector, BgpSession> e : sessions.entrySet()) {
      RouteReflector rr = e.getKey();
      String ip = rr.ip().toCanonicalString();
      SessionCounters.Snapshot c = e.getValue().counters().snapshot();
      SessionState state = e.getValue().state();
      peers.add(new PeerSession(ip, state.ordinal() + 1, c.flaps(), c.prefixes()));
      if (state != SessionState.ESTABLISHED) {
        seen.add(new RrObservation(rr.name(), ip, List.of(), state.title() + (c.lastError() == null ? "" : ", last error: " + c.lastError()), 0));
        continue;
      }
      try {
        seen.add(new RrObservation(rr.name(), ip, MonitorSessions.routes(e.getValue().snapshot().get(10, TimeUnit.SECONDS)), null, 0,
            RestartCapabilities.of(e.getValue().peerOpen())));
      } catch (Exception ex) {
        seen.add(new RrObservation(rr.name(), ip, List.of(), "no RIB snapshot: " + ex, 0));
      }
    }
    return new View(seen, peers);
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
