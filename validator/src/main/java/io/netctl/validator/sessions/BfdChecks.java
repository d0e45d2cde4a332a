package io.netctl.validator.sessions;

import io.netctl.bgp.calico.Bfd;
import io.netctl.validator.CheckKind;
import io.netctl.validator.Code;
import io.netctl.validator.Finding;
import io.netctl.validator.Report;
import io.netctl.validator.observe.BfdSession;
import io.netctl.validator.observe.BirdProtocolStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * BFD beside the node–reflector BGP sessions, from one BIRD's {@code show protocols all} and {@code
 * show bfd sessions}, when netctl.yaml enables it: a BFD session that is not Up is {@link
 * Code#BFD_DOWN}; an Established node–reflector session without a BFD session is {@link
 * Code#BFD_MISSING}. With BFD on or off, a session whose negotiated hold time is under {@value
 * #MIN_HOLD_TIME} s and that has no Up BFD session is {@link Code#HOLD_TIME_SHORT}. Sessions with
 * core switches, other reflectors and monitors are not node sessions and are left alone.
 */
public final class BfdChecks {
  /** The shortest hold time that is no stand-in for BFD (three keepalives of 3 s). */
  public static final int MIN_HOLD_TIME = 9;

  private BfdChecks() {}

  /**
   * @param nodePeers the node–reflector peers of this host (peer IP → what it is): a node's
   *     reflectors, a reflector's nodes
   * @param holdTimes the negotiated hold time of each Established session, by peer (may be empty)
   */
  public static Report check(Role role, Bfd bfd, Map<String, String> nodePeers, List<BirdProtocolStatus> bird, List<BfdSession> sessions,
      Map<String, Integer> holdTimes) {
    Report.Builder b = new Report.Builder();
    Map<String, BfdSession> byPeer = new HashMap<>();
    sessions.forEach(s -> byPeer.put(s.address(), s));
    Map<String, BirdProtocolStatus> bgp = new HashMap<>();
    bird.stream().filter(p -> p.bgp() && p.neighborAddress() != null).forEach(p -> bgp.put(p.neighborAddress(), p));
    List<String> subjects = new ArrayList<>();
    List<Finding> out = new ArrayList<>();
    String expected = "BFD Up (interval " + bfd.interval().toMillis() + " ms, multiplier " + bfd.multiplier() + ")";
    for (Map.Entry<String, String> e : nodePeers.entrySet()) {
      BirdProtocolStatus p = bgp.get(e.getKey());
      BfdSession s = byPeer.get(e.getKey());
      if (p == null && s == null) {
        continue; // no BGP session to have BFD beside: the session checks report it
      }
      String subject = role.name() + " -> " + e.getKey();
      Integer hold = holdTimes.get(e.getKey());
      if (bfd.enabled() || hold != null) {
        subjects.add(subject);
      }
      if (hold != null && hold < MIN_HOLD_TIME && (s == null || !s.up())) {
        out.add(Finding.of(Code.HOLD_TIME_SHORT, subject, "a hold time of at least " + MIN_HOLD_TIME + " s, or BFD Up",
            "hold time " + hold + " s, " + (s == null ? "no BFD session" : "BFD " + s.state())));
      }
      if (!bfd.enabled()) {
        continue;
      }
      if (s != null && !s.up()) {
        out.add(Finding.of(Code.BFD_DOWN, subject, expected + " with " + e.getValue(),
            "BFD " + s.state() + " since " + s.since() + (p == null ? "" : "; BGP " + p.bgpState() + (p.lastError() == null ? "" : " (" + p.lastError() + ")"))));
      } else if (s == null && p.established()) {
        out.add(Finding.of(Code.BFD_MISSING, subject, expected + " beside the BGP session with " + e.getValue(),
            "no BFD session for " + e.getKey() + " (BGP " + p.name() + " Established)"));
      }
    }
    return subjects.isEmpty() ? b.build() : b.ran("bfd " + role.name() + " (BIRD)", CheckKind.SESSIONS, subjects, out).build();
  }

  /** The node–reflector peers of {@code role}: a node's reflectors; a reflector's nodes (its expected peers but the core switches). */
  public static Map<String, String> nodePeers(Role role, io.netctl.bgp.calico.BgpTopology topo, List<io.netctl.ipam.Allocation> allocations) {
    Map<String, String> out = new java.util.LinkedHashMap<>(role.expectedPeers(topo, allocations));
    topo.coreSwitches().forEach(s -> out.remove(s.ip().toCanonicalString()));
    return out;
  }
}
