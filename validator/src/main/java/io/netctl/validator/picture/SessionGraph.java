package io.netctl.validator.picture;

import io.netctl.bgp.calico.CoreSwitch;
import io.netctl.bgp.calico.RouteReflector;
import io.netctl.ipam.Allocation;
import io.netctl.lvs.Director;
import io.netctl.validator.Checker;
import io.netctl.validator.Intent;
import io.netctl.validator.observe.ObservedSession;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The session graph: the sessions the topology expects (every node with every reflector, every
 * reflector with every core switch), each with the state the run's sources saw, plus the sessions
 * seen that nobody expects, and netctl's monitor sessions.
 *
 * @param vertices nodes, reflectors, core switches, directors (beside, they hold no session), the monitor
 * @param edges the sessions
 */
record SessionGraph(List<Vertex> vertices, List<SessionEdge> edges) {

  static SessionGraph build(Intent intent, List<Allocation> allocations, Checker.Observed observed, NetworkPicture.FindingIndex index) {
    List<Vertex> vertices = new ArrayList<>();
    Map<String, String> nameOf = new HashMap<>();
    List<Allocation> nodes = allocations.stream().filter(a -> a.hostIp() != null).toList();
    for (Allocation a : allocations) {
      vertices.add(new Vertex(a.node(), Vertex.Kind.NODE, a.hostIp() == null ? "" : a.hostIpText()));
    }
    for (RouteReflector rr : intent.bgp().routeReflectors()) {
      vertices.add(new Vertex(rr.name(), Vertex.Kind.ROUTE_REFLECTOR, rr.ip().toCanonicalString()));
    }
    for (CoreSwitch s : intent.bgp().coreSwitches()) {
      vertices.add(new Vertex(s.name(), Vertex.Kind.CORE_SWITCH, s.ip().toCanonicalString()));
    }
    for (Director d : intent.directors()) {
      vertices.add(new Vertex(d.name(), Vertex.Kind.DIRECTOR, d.ip().toCanonicalString()));
    }
    vertices.forEach(v -> {
      if (!v.ip().isEmpty()) {
        nameOf.putIfAbsent(v.ip(), v.name());
      }
    });
    List<ObservedSession> seen = observed == null ? List.of() : observed.sessions();
    Set<String> read = observed == null ? Set.of() : observed.hostsRead();
    Map<String, List<ObservedSession>> byPair = new HashMap<>();
    for (ObservedSession s : seen) {
      if (!s.source().equals("monitor")) {
        byPair.computeIfAbsent(s.hostIp() + "|" + s.peerIp(), k -> new ArrayList<>()).add(s);
      }
    }
    Set<String> expected = new HashSet<>();
    List<SessionEdge> edges = new ArrayList<>();
    for (RouteReflector rr : intent.bgp().routeReflectors()) {
      String rrIp = rr.ip().toCanonicalString();
      for (Allocation a : nodes) {
        edges.add(edge(a.node(), a.hostIpText(), rr.name(), rrIp, rr.name(), byPair, read, index, expected));
      }
      for (CoreSwitch s : intent.bgp().coreSwitches()) {
        edges.add(edge(rr.name(), rrIp, s.name(), s.ip().toCanonicalString(), rr.name(), byPair, read, index, expected));
      }
    }
    for (ObservedSession s : seen) {
      if (s.source().equals("monitor")) {
        if (vertices.stream().noneMatch(v -> v.kind() == Vertex.Kind.MONITOR)) {
          vertices.add(new Vertex("monitor", Vertex.Kind.MONITOR, ""));
        }
        String rr = nameOf.getOrDefault(s.peerIp(), s.peerIp());
        edges.add(new SessionEdge("monitor", rr, rr, s.established() ? SessionState.ESTABLISHED : SessionState.DOWN, "monitor: " + s.detail(),
            index.about("monitor " + rr + " (" + s.peerIp() + ")")));
      } else if (!expected.contains(s.hostIp() + "|" + s.peerIp()) && !allowed(intent, s.peerIp()) && expected.add(s.hostIp() + "|" + s.peerIp())) {
        String host = nameOf.getOrDefault(s.hostIp(), s.hostIp());
        String peer = nameOf.getOrDefault(s.peerIp(), s.peerIp());
        if (!nameOf.containsKey(s.peerIp())) {
          nameOf.put(s.peerIp(), peer);
          vertices.add(new Vertex(peer, Vertex.Kind.PEER, s.peerIp()));
        }
        edges.add(new SessionEdge(host, peer, host, SessionState.UNEXPECTED, s.source() + ": " + s.detail(), index.about(host + " -> " + s.peerIp())));
      }
    }
    return new SessionGraph(vertices, edges);
  }

  /** Whether a session with {@code ip} is never unexpected: netctl's monitors, and the reflectors among themselves. */
  private static boolean allowed(Intent intent, String ip) {
    inet.ipaddr.IPAddress a = new inet.ipaddr.IPAddressString(ip).getAddress();
    if (a == null) {
      return false;
    }
    return intent.monitors().stream().anyMatch(m -> m.contains(a))
        || intent.bgp().routeReflectors().stream().anyMatch(rr -> rr.ip().toCanonicalString().equals(ip));
  }

  private static SessionEdge edge(String lower, String lowerIp, String upper, String upperIp, String rr, Map<String, List<ObservedSession>> byPair,
      Set<String> read, NetworkPicture.FindingIndex index, Set<String> expected) {
    expected.add(lowerIp + "|" + upperIp);
    expected.add(upperIp + "|" + lowerIp);
    List<ObservedSession> obs = new ArrayList<>(byPair.getOrDefault(lowerIp + "|" + upperIp, List.of()));
    obs.addAll(byPair.getOrDefault(upperIp + "|" + lowerIp, List.of()));
    SessionState state = obs.stream().anyMatch(ObservedSession::established) ? SessionState.ESTABLISHED
        : !obs.isEmpty() || read.contains(lowerIp) || read.contains(upperIp) ? SessionState.DOWN : SessionState.UNOBSERVED;
    String detail = obs.isEmpty() ? (state == SessionState.DOWN ? "absent from the sessions read" : "")
        : obs.stream().map(o -> o.source() + ": " + o.detail()).distinct().collect(Collectors.joining(", "));
    return new SessionEdge(lower, upper, rr, state, detail, index.about(lower + " -> " + upperIp, upper + " -> " + lowerIp));
  }
}
