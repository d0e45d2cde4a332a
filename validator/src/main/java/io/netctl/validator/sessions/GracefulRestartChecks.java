package io.netctl.validator.sessions;

import io.netctl.ipam.Allocation;
import io.netctl.validator.CheckKind;
import io.netctl.validator.Code;
import io.netctl.validator.Finding;
import io.netctl.validator.Report;
import io.netctl.validator.Severity;
import io.netctl.validator.observe.BirdProtocolStatus;
import io.netctl.validator.observe.BmpFeed;
import io.netctl.validator.observe.RestartCapabilities;
import io.netctl.validator.observe.RestartMemory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Graceful restart on the sessions between nodes and route reflectors (RFC 4724): a node's routes
 * survive its restart (a calico-node upgrade, a crash) only when the node advertises graceful
 * restart for IPv4 and the reflector supports it (at least "aware", the helper). Two findings:
 *
 * <ul>
 *   <li>{@code graceful-restart-off}: an Established node–reflector session without it (either side),
 *       a warning, or an error with netctl.yaml's {@code gracefulRestart: required};
 *   <li>{@code routes-withdrawn-on-restart}: the session dropped without a NOTIFICATION from the node
 *       (a crash, a lost connection: BIRD's last error is not "Received: ..."), the node had
 *       advertised graceful restart when last seen up and still owns its pool, yet the reflector
 *       keeps nothing as stale while the node's restart time has not passed.
 * </ul>
 */
public final class GracefulRestartChecks {
  private GracefulRestartChecks() {}

  /**
   * The finding for one Established session, or null when graceful restart covers the node's routes.
   *
   * @param subject {@code rr-1 -> 172.31.0.2}
   * @param where which source showed it ({@code BIRD}, {@code BMP Peer Up})
   */
  public static Finding off(String subject, RestartCapabilities node, RestartCapabilities reflector, String where, boolean required) {
    if (node.keepsIpv4() && reflector.gracefulRestart()) {
      return null;
    }
    return new Finding(Code.GRACEFUL_RESTART_OFF, subject,
        "graceful restart for the node's IPv4 routes: the node advertises it for IPv4 and the reflector supports it",
        "node: " + node.describe() + "; reflector: " + reflector.describe() + " (" + where + ")", null, required ? Severity.ERROR : null);
  }

  /**
   * A host's BIRD, read at the start and the end of a run: every node–reflector session's
   * capabilities while up (remembered in {@code memory}), and what became of the node's routes
   * when one is down.
   *
   * @param reflectorSide whether the BIRD is a reflector's (its neighbours are the nodes) or a node's
   * @param sessions peer IP → the node whose session it is (the node when the host is a reflector,
   *     the host's own name when it is a node)
   * @param owned node → its allocations (the pools it still owns)
   */
  public static Report fromBird(Role role, boolean reflectorSide, Map<String, String> sessions, List<BirdProtocolStatus> first,
      List<BirdProtocolStatus> last, RestartMemory memory, Instant now, Map<String, List<Allocation>> owned, boolean required) {
    String me = role.name();
    String host = role.ip() == null ? me : role.ip();
    List<Finding> out = new ArrayList<>();
    List<String> subjects = new ArrayList<>();
    for (List<BirdProtocolStatus> read : List.of(first, last)) {
      for (BirdProtocolStatus p : read) {
        boolean node = p.bgp() && p.neighborAddress() != null && sessions.containsKey(p.neighborAddress());
        if (node && p.established() && p.restart().local() != null && p.restart().neighbor() != null) {
          memory.up(host, p.neighborAddress(), reflectorSide ? p.restart().neighbor() : p.restart().local(),
              reflectorSide ? p.restart().local() : p.restart().neighbor(), now);
        }
      }
    }
    for (BirdProtocolStatus p : last) {
      if (!p.bgp() || p.neighborAddress() == null || !sessions.containsKey(p.neighborAddress())) {
        continue;
      }
      String subject = me + " -> " + p.neighborAddress();
      subjects.add(subject);
      if (p.established()) {
        if (p.restart().local() != null && p.restart().neighbor() != null) {
          Finding f = off(subject, reflectorSide ? p.restart().neighbor() : p.restart().local(),
              reflectorSide ? p.restart().local() : p.restart().neighbor(), "BIRD " + p.name(), required);
          if (f != null) {
            out.add(f);
          }
        }
        continue;
      }
      RestartMemory.Seen seen = memory.last(host, p.neighborAddress());
      if (!reflectorSide || seen == null || !seen.node().keepsIpv4() || p.restart().active()) {
        continue; // never seen up, no restart promised, or the stale routes are kept
      }
      if (p.lastError() != null && p.lastError().startsWith("Received:")) {
        continue; // the node closed with a NOTIFICATION (a clean stop): graceful restart does not apply (RFC 4724 §4)
      }
      Duration since = Duration.between(seen.lastUp(), now);
      if (since.compareTo(Duration.ofSeconds(seen.node().restartTime())) >= 0) {
        continue; // the restart time may have passed: withdrawing is then what the standard asks
      }
      String node = sessions.get(p.neighborAddress());
      for (Allocation a : owned.getOrDefault(node, List.of())) {
        if (a.hostIp() == null || !a.hostIpText().equals(p.neighborAddress())) {
          continue;
        }
        out.add(Finding.of(Code.ROUTES_WITHDRAWN_ON_RESTART, me + " " + a.cidrText(),
            a.cidrText() + " of " + node + " kept as stale for " + seen.node().restartTime() + " s after its session dropped (it advertised "
                + seen.node().describe() + ")",
            "withdrawn: " + p.name() + " is " + p.bgpState() + " since " + p.since() + (p.lastError() == null ? "" : " (" + p.lastError() + ")")
                + ", no graceful restart in progress, last seen Established " + since.toSeconds() + " s before; the reflector advertised "
                + seen.reflector().describe()));
      }
    }
    Report.Builder b = new Report.Builder();
    List<Finding> sessionFindings = out.stream().filter(f -> f.check() == CheckKind.SESSIONS).toList();
    List<Finding> routeFindings = out.stream().filter(f -> f.check() == CheckKind.ROUTES).toList();
    b.ran("graceful restart " + me + " (BIRD)", CheckKind.SESSIONS, subjects, sessionFindings);
    if (reflectorSide) {
      b.ran("routes on restart " + me + " (BIRD)", CheckKind.ROUTES, subjects, routeFindings);
    }
    return b.build();
  }

  /**
   * A reflector's sessions as its BMP Peer Ups report them: the router's OPEN and each node's.
   *
   * @param restart peer IP → both sides' capabilities, for peers that are up
   * @param nodes the peers that are nodes
   */
  public static Report fromBmp(Role role, Map<String, BmpFeed.PeerRestart> restart, Set<String> nodes, boolean required) {
    List<Finding> out = new ArrayList<>();
    List<String> subjects = new ArrayList<>();
    restart.forEach((peer, sides) -> {
      if (!nodes.contains(peer)) {
        return;
      }
      String subject = role.name() + " -> " + peer;
      subjects.add(subject);
      Finding f = off(subject, sides.peer(), sides.router(), "BMP Peer Up", required);
      if (f != null) {
        out.add(f);
      }
    });
    Report.Builder b = new Report.Builder();
    b.ran("graceful restart " + role.name() + " (BMP)", CheckKind.SESSIONS, subjects, out);
    return b.build();
  }
}
