package io.netctl.cli.agent;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.netctl.cli.metrics.PeerSession;
import io.netctl.ipam.Allocation;
import io.netctl.validator.CheckKind;
import io.netctl.validator.Code;
import io.netctl.validator.Finding;
import io.netctl.validator.Report;
import io.netctl.validator.config.IpamChecks;
import io.netctl.validator.routes.KernelRouteChecks;
import io.netctl.validator.observe.BirdProtocolStatus;
import io.netctl.validator.observe.TcpConnection;
import io.netctl.validator.observe.TcpTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One node's checks from one round of observations. Sessions: with BIRD's socket, every BGP
 * protocol must be Established (its state, flaps and routes imported become metrics); without it,
 * every configured route reflector must have an established port-179 connection. Routes: every
 * other node's pool must be in the kernel's table via that node's host IP, and nothing else inside
 * the managed ranges (outside this node's own pool) may be.
 */
public final class NodeCheck {
  private final FlapCounter flaps = new FlapCounter();

  /** What a round found. */
  public record Result(Report report, List<PeerSession> sessions) {}

  public Result run(NodeObservation o) {
    Report.Builder report = new Report.Builder();
    List<PeerSession> sessions = new ArrayList<>();
    List<TcpConnection> bgpTcp = TcpTable.bgpSessions(o.tcp());
    Set<String> tcpPeers = new HashSet<>();
    bgpTcp.forEach(c -> tcpPeers.add(c.peer()));
    String me = o.node() == null ? "this node" : o.node();
    List<Finding> found = new ArrayList<>();
    List<String> subjects = new ArrayList<>();
    if (o.bird() != null) {
      Set<String> birdPeers = new HashSet<>();
      for (BirdProtocolStatus p : o.bird()) {
        if (!p.bgp()) {
          continue;
        }
        String peer = p.neighborAddress() != null ? p.neighborAddress() : p.name();
        birdPeers.add(peer);
        subjects.add(peer);
        int state = p.fsmState().orElse(1);
        sessions.add(new PeerSession(peer, state, flaps.observe(peer, state, p.since()), p.routesImported().orElse(0)));
        if (!p.established()) {
          found.add(Finding.of(Code.SESSION_NOT_ESTABLISHED, me + " -> " + peer + " (" + p.name() + ")", "Established",
              (p.bgpState() == null ? p.state() : p.bgpState()) + (p.lastError() == null ? "" : ": " + p.lastError())));
        }
      }
      for (String peer : tcpPeers) {
        if (!birdPeers.contains(peer)) {
          found.add(Finding.of(Code.SESSION_UNEXPECTED, me + " -> " + peer, "no BGP session outside BIRD's protocols", "established port-179 connection"));
        }
      }
    } else {
      Set<String> expected = new HashSet<>(o.routeReflectors());
      for (String rr : o.routeReflectors()) {
        subjects.add(rr);
        int state = tcpPeers.contains(rr) ? 6 : 1;
        sessions.add(new PeerSession(rr, state, flaps.observe(rr, state, null), 0));
        if (state != 6) {
          found.add(Finding.of(Code.SESSION_MISSING, me + " -> " + rr, "an established port-179 connection", "none in the kernel's TCP table"));
        }
      }
      for (String peer : tcpPeers) {
        if (!expected.contains(peer)) {
          sessions.add(new PeerSession(peer, 6, flaps.observe(peer, 6, null), 0));
          if (!expected.isEmpty()) {
            found.add(Finding.of(Code.SESSION_UNEXPECTED, me + " -> " + peer, "sessions only with the route reflectors", "established port-179 connection"));
          }
        }
      }
    }
    report.ran("sessions " + me, CheckKind.SESSIONS, subjects, found);
    if (o.bird() == null && o.birdWhyNot() != null) {
      report.notRun("bird " + me, CheckKind.SESSIONS, o.birdWhyNot());
    }
    if (o.routes() != null && o.allocations() != null) {
      routes(o, me, report);
    } else {
      report.notRun("routes " + me, CheckKind.ROUTES, o.routesWhyNot() == null ? "no route table or allocations" : o.routesWhyNot());
    }
    return new Result(report.build(), sessions);
  }

  private static void routes(NodeObservation o, String me, Report.Builder report) {
    IpamChecks.Result r = KernelRouteChecks.node(o.node(), o.allocations(), o.routes(), o.ipam().ranges());
    report.ran("routes " + me, CheckKind.ROUTES, r.subjects(), r.findings());
  }
}
