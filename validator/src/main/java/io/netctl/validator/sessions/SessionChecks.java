package io.netctl.validator.sessions;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.netctl.validator.CheckKind;
import io.netctl.validator.Code;
import io.netctl.validator.Finding;
import io.netctl.validator.Report;
import io.netctl.validator.observe.BirdProtocolStatus;
import io.netctl.validator.observe.TcpConnection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A host's BGP sessions against the ones it must have. BIRD's protocols, when given, are the
 * authority on state (with the last error and every protocol, including rows calicoctl's parser
 * drops); the kernel's TCP table (port 179, ESTABLISHED) serves when BIRD's socket is not at
 * hand. Sessions from netctl's monitors are expected extras, never findings.
 */
public final class SessionChecks {
  private SessionChecks() {}

  /**
   * @param expected peer IP → what it is
   * @param bird BIRD's protocols at the start of the run, or null
   * @param birdLater BIRD's protocols at the end of the run (for flaps), or null
   * @param tcp the kernel's TCP table, or null
   * @param monitors where netctl's monitor sessions come from
   */
  public static Report check(Role role, Map<String, String> expected, List<BirdProtocolStatus> bird, List<BirdProtocolStatus> birdLater,
      List<TcpConnection> tcp, List<IPAddress> monitors) {
    return check(role, expected, Set.of(), bird, birdLater, tcp, monitors);
  }

  /** As above, with {@code allowed}: peers that may have a session without being required (no finding either way). */
  public static Report check(Role role, Map<String, String> expected, Set<String> allowed, List<BirdProtocolStatus> bird,
      List<BirdProtocolStatus> birdLater, List<TcpConnection> tcp, List<IPAddress> monitors) {
    Report.Builder b = new Report.Builder();
    String me = role.name();
    List<String> subjects = new ArrayList<>();
    expected.keySet().forEach(p -> subjects.add(me + " -> " + p));
    List<Finding> out = new ArrayList<>();
    if (bird != null) {
      Map<String, BirdProtocolStatus> byPeer = new HashMap<>();
      for (BirdProtocolStatus p : bird) {
        if (p.bgp() && p.neighborAddress() != null) {
          byPeer.put(p.neighborAddress(), p);
        }
      }
      for (Map.Entry<String, String> e : expected.entrySet()) {
        BirdProtocolStatus p = byPeer.get(e.getKey());
        String subject = me + " -> " + e.getKey();
        if (p == null) {
          out.add(Finding.of(Code.SESSION_MISSING, subject, "a BGP session with " + e.getValue(), "no BGP protocol for " + e.getKey() + " in BIRD"));
        } else if (!p.established()) {
          out.add(Finding.of(Code.SESSION_NOT_ESTABLISHED, subject, "Established with " + e.getValue() + " (" + p.name() + ")",
              (p.bgpState() == null ? p.state() : p.bgpState()) + " since " + p.since() + (p.lastError() == null ? "" : ", last error: " + p.lastError())));
        }
      }
      for (BirdProtocolStatus p : bird) {
        if (p.bgp() && p.neighborAddress() != null && !expected.containsKey(p.neighborAddress()) && !allowed.contains(p.neighborAddress())
            && !monitor(p.neighborAddress(), monitors)
            && !p.name().startsWith("Monitor")) {
          out.add(Finding.of(Code.SESSION_UNEXPECTED, me + " -> " + p.neighborAddress(), "no session with a peer the topology does not know",
              p.name() + " " + (p.bgpState() == null ? p.state() : p.bgpState())));
        }
      }
      if (birdLater != null) {
        Map<String, BirdProtocolStatus> later = new HashMap<>();
        birdLater.forEach(p -> later.put(p.name(), p));
        for (BirdProtocolStatus p : bird) {
          BirdProtocolStatus q = later.get(p.name());
          // only required sessions: netctl's own monitor sessions come and go with every check
          boolean required = p.neighborAddress() != null && expected.containsKey(p.neighborAddress());
          if (p.bgp() && required && q != null && (!q.since().equals(p.since()) || !q.state().equals(p.state()))) {
            out.add(Finding.of(Code.SESSION_FLAPPING, me + " -> " + (p.neighborAddress() == null ? p.name() : p.neighborAddress()),
                "no state change during the check", p.name() + ": " + p.bgpState() + " since " + p.since() + " → " + q.bgpState() + " since " + q.since()));
          }
        }
      }
      b.ran("sessions " + me + " (BIRD)", CheckKind.SESSIONS, subjects, out);
      return b.build();
    }
    Set<String> up = new HashSet<>();
    for (TcpConnection c : tcp) {
      if (c.bgpSession()) {
        up.add(c.peer());
      }
    }
    for (Map.Entry<String, String> e : expected.entrySet()) {
      if (!up.contains(e.getKey())) {
        out.add(Finding.of(Code.SESSION_MISSING, me + " -> " + e.getKey(), "an established port-179 connection with " + e.getValue(),
            "none in the kernel's TCP table"));
      }
    }
    for (String peer : up) {
      if (!expected.containsKey(peer) && !allowed.contains(peer) && !monitor(peer, monitors)) {
        out.add(Finding.of(Code.SESSION_UNEXPECTED, me + " -> " + peer, "no session with a peer the topology does not know", "established port-179 connection"));
      }
    }
    b.ran("sessions " + me + " (TCP table)", CheckKind.SESSIONS, subjects, out);
    return b.build();
  }

  /**
   * A router's sessions as its BMP feed reports them: every required peer up (a Peer Up and no later
   * Peer Down), no unexpected peer.
   *
   * @param peers peer address → null while up, else the Peer Down reason
   */
  public static Report fromBmp(Role role, Map<String, String> expected, Set<String> allowed, Map<String, String> peers, List<IPAddress> monitors) {
    Report.Builder b = new Report.Builder();
    String me = role.name();
    List<String> subjects = new ArrayList<>();
    expected.keySet().forEach(p -> subjects.add(me + " -> " + p));
    List<Finding> out = new ArrayList<>();
    for (Map.Entry<String, String> e : expected.entrySet()) {
      String subject = me + " -> " + e.getKey();
      if (!peers.containsKey(e.getKey())) {
        out.add(Finding.of(Code.SESSION_MISSING, subject, "a BGP session with " + e.getValue(), "no BMP Peer Up for " + e.getKey()));
      } else if (peers.get(e.getKey()) != null) {
        out.add(Finding.of(Code.SESSION_NOT_ESTABLISHED, subject, "Established with " + e.getValue(), "BMP Peer Down: " + peers.get(e.getKey())));
      }
    }
    for (Map.Entry<String, String> p : peers.entrySet()) {
      if (p.getValue() == null && !expected.containsKey(p.getKey()) && !allowed.contains(p.getKey()) && !monitor(p.getKey(), monitors)) {
        out.add(Finding.of(Code.SESSION_UNEXPECTED, me + " -> " + p.getKey(), "no session with a peer the topology does not know", "BMP Peer Up"));
      }
    }
    b.ran("sessions " + me + " (BMP)", CheckKind.SESSIONS, subjects, out);
    return b.build();
  }

  private static boolean monitor(String ip, List<IPAddress> monitors) {
    IPAddress a = new IPAddressString(ip).getAddress();
    return a != null && monitors.stream().anyMatch(m -> m.toPrefixBlock().contains(a));
  }
}
