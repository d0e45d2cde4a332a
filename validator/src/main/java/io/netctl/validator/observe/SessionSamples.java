package io.netctl.validator.observe;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** BGP sessions as metrics show them ({@link PeerSession}), from what a host's BIRD or TCP table showed. */
public final class SessionSamples {
  private SessionSamples() {}

  /** Every BGP protocol of BIRD: its state, flaps between reads and routes imported. */
  public static List<PeerSession> bird(List<BirdProtocolStatus> protocols, FlapCounter flaps) {
    List<PeerSession> out = new ArrayList<>();
    for (BirdProtocolStatus p : protocols) {
      if (!p.bgp()) {
        continue;
      }
      String peer = p.neighborAddress() != null ? p.neighborAddress() : p.name();
      int state = p.fsmState().orElse(1);
      out.add(new PeerSession(peer, state, flaps.observe(peer, state, p.since()), p.routesImported().orElse(0)));
    }
    return out;
  }

  /**
   * The expected peers (Established when the TCP table has a port-179 connection with them, else
   * Idle) and every other peer with one.
   */
  public static List<PeerSession> tcp(List<TcpConnection> table, List<String> expected, FlapCounter flaps) {
    Set<String> up = new HashSet<>();
    TcpTable.bgpSessions(table).forEach(c -> up.add(c.peer()));
    List<PeerSession> out = new ArrayList<>();
    for (String peer : expected) {
      int state = up.contains(peer) ? 6 : 1;
      out.add(new PeerSession(peer, state, flaps.observe(peer, state, null), 0));
    }
    for (String peer : up) {
      if (!expected.contains(peer)) {
        out.add(new PeerSession(peer, 6, flaps.observe(peer, 6, null), 0));
      }
    }
    return out;
  }
}
