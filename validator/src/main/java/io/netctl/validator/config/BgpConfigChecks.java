package io.netctl.validator.config;

import inet.ipaddr.IPAddress;
import io.netctl.bgp.calico.BgpChecks;
import io.netctl.bgp.calico.BgpPlan;
import io.netctl.bgp.calico.BgpPlanner;
import io.netctl.bgp.calico.BgpTopology;
import io.netctl.bgp.calico.CalicoBgpState;
import io.netctl.bgp.calico.NodeBgp;
import io.netctl.bgp.calico.PeerSpec;
import io.netctl.bgp.calico.Refusal;
import io.netctl.bgp.calico.RouteReflector;
import io.netctl.bgp.calico.StoredResource;
import io.netctl.ipam.MalformedRecord;
import io.netctl.ipam.calico.CalicoKeys;
import io.netctl.validator.Code;
import io.netctl.validator.Finding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Calico's BGP configuration as stored, against netctl.yaml: one AS everywhere (BGPConfiguration,
 * BGPPeers, Nodes), the mesh off while reflectors exist, a global BGPPeer for every reflector and
 * none for unknown IPs — the same rules {@code netctl bgp apply} refuses to break, applied to what
 * is in the datastore now — and whether {@code netctl bgp plan} is empty.
 */
public final class BgpConfigChecks {
  private BgpConfigChecks() {}

  public static IpamChecks.Result check(BgpTopology topo, List<IPAddress> ranges, CalicoBgpState state, Instant now) {
    List<Finding> out = new ArrayList<>();
    List<String> subjects = new ArrayList<>();
    subjects.add("bgpconfiguration/default");
    for (MalformedRecord m : state.malformed()) {
      out.add(Finding.of(Code.RECORD_MALFORMED, m.key(), "a Calico object netctl can read", m.detail()));
    }
    long storedAs = state.globalAs();
    if (storedAs != topo.asNumber()) {
      out.add(Finding.of(Code.AS_NOT_UNIFORM, "bgpconfiguration/default", "asNumber " + topo.asNumber() + " (netctl.yaml)",
          state.bgpConfiguration() == null ? "no BGPConfiguration default: confd uses " + storedAs : "asNumber " + storedAs));
    }
    // The stored state under the stored mesh setting, with netctl.yaml's AS as the one that counts.
    BgpTopology asStored = new BgpTopology(topo.asNumber(), topo.routeReflectors(), topo.coreSwitches(), topo.password(), state.meshEnabled());
    List<Refusal> broken = BgpChecks.refusals(asStored, ranges, state,
        state.peers().stream().map(StoredResource::resource).toList(), state.nodes().stream().map(StoredResource::resource).toList());
    for (Refusal r : broken) {
      Code code = code(r.code());
      if (code != null) {
        out.add(new Finding(code, subjectOf(r.message()), "", r.message(), null));
      }
    }
    for (RouteReflector rr : topo.routeReflectors()) {
      String subject = "rr/" + rr.name();
      subjects.add(subject);
      List<PeerSpec> toRr = state.peers().stream().map(p -> PeerSpec.of(p.resource())).filter(p -> rr.ip().equals(p.peerIp())).toList();
      if (toRr.stream().noneMatch(PeerSpec::global) && state.malformedAt(CalicoKeys.resource("bgppeers", rr.peerName())) == null) {
        out.add(Finding.of(toRr.isEmpty() ? Code.RR_PEER_MISSING : Code.PEER_NOT_GLOBAL, subject,
            "a global BGPPeer " + rr.peerName() + " for " + rr.ip(),
            toRr.isEmpty() ? "none" : "only " + String.join(", ", toRr.stream().map(PeerSpec::describe).toList())));
      }
    }
    out.addAll(neighborAddresses(topo, state));
    BgpPlan plan = BgpPlanner.plan(topo, ranges, state, now);
    // drift is a summary: reported only when no finding above already explains what differs, and
    // only when netctl bgp apply could carry the plan out (a refused plan is bgp plan's to explain)
    if (!plan.changes().isEmpty() && out.isEmpty() && plan.refusals().isEmpty()) {
      out.add(Finding.of(Code.BGP_DRIFT, "bgp-plan", "netctl bgp plan in sync",
          plan.changes().size() + " change(s): " + String.join(", ", plan.changes().stream().map(c -> c.action() + " " + c.kind() + " " + c.name()).limit(8).toList())));
    }
    return new IpamChecks.Result(out, subjects);
  }

  /**
   * With standalone reflectors (no Calico Node of their own): every node's host IP equals its
   * Calico Node's BGP address. calico-node opens its sessions from {@code spec.bgp.ipv4Address}
   * (confd's {@code source address}); a reflector configured with the host IP waits for a neighbour
   * that never connects, and a director routes the pool to another address than BGP does.
   */
  static List<Finding> neighborAddresses(BgpTopology topo, CalicoBgpState state) {
    boolean standalone = topo.routeReflectors().stream()
        .anyMatch(rr -> state.node(rr.name()).isEmpty() && state.nodeAt(rr.ip()).isEmpty());
    List<Finding> out = new ArrayList<>();
    if (!standalone) {
      return out;
    }
    for (io.netctl.ipam.Allocation a : state.allocations()) {
      if (a.hostIp() == null) {
        continue;
      }
      state.node(a.node()).map(n -> NodeBgp.of(n.resource())).filter(n -> n.ip() != null && !n.ip().equals(a.hostIp())).ifPresent(n ->
          out.add(Finding.of(Code.RR_NEIGHBOR_ADDRESS_MISMATCH, a.node(),
              "the node's BGP address " + n.ip() + " (Calico Node spec.bgp.ipv4Address " + n.ipv4Address() + ") as its host IP",
              "host IP " + a.hostIpText() + ": a reflector rendered from it waits for " + a.hostIpText() + " while calico-node connects from " + n.ip())));
    }
    return out;
  }

  /** The finding code of a rule {@code netctl bgp apply} enforces; null for NOT_MANAGED (a plan-time matter, no state finding). */
  public static Code code(Refusal.Code refusal) {
    return switch (refusal) {
      case NON_UNIFORM_AS -> Code.AS_NOT_UNIFORM;
      case MESH_WITH_ROUTE_REFLECTORS -> Code.MESH_ON;
      case NO_PEERING -> Code.NO_ROUTE_REFLECTOR;
      case RR_IP_IN_POOL -> Code.RR_IP_IN_POOL;
      case PEER_TO_SELF -> Code.PEER_TO_SELF;
      case UNKNOWN_PEER -> Code.PEER_UNKNOWN;
      case RR_NODE_IP_MISMATCH -> Code.RR_NODE_IP_MISMATCH;
      case MALFORMED -> Code.RECORD_MALFORMED;
      case NOT_MANAGED -> null;
    };
  }

  /** The first object a refusal names ({@code BGPPeer x}, {@code Node y}) as a subject. */
  static String subjectOf(String message) {
    String[] w = message.split(" ");
    for (int i = 0; i + 1 < w.length; i++) {
      switch (w[i]) {
        case "BGPPeer" -> {
          return "bgppeer/" + w[i + 1];
        }
        case "Node" -> {
          return "node/" + w[i + 1];
        }
        case "reflector" -> {
          return "rr/" + w[i + 1];
        }
        default -> { }
      }
    }
    return "bgp";
  }
}
