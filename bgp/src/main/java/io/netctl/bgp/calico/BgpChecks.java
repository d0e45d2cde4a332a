package io.netctl.bgp.calico;

import inet.ipaddr.IPAddress;
import inet.ipaddr.ipv4.IPv4Address;
import io.netctl.ipam.calico.CalicoResource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The rules a plan's result must keep, or netctl writes nothing (exit 4). They look at the
 * datastore as it would be after the plan: objects netctl leaves alone count as much as those it
 * writes.
 */
public final class BgpChecks {
  private BgpChecks() {}

  public static List<Refusal> refusals(
      BgpTopology topo, List<IPAddress> ranges, CalicoBgpState state, Collection<CalicoResource> peers, Collection<CalicoResource> nodes) {
    List<Refusal> out = new ArrayList<>();
    long as = topo.asNumber();
    List<NodeBgp> nodeViews = nodes.stream().map(NodeBgp::of).toList();

    // one AS everywhere (a core switch may have its own: that is eBGP to the core, not inside the cluster)
    for (CalicoResource r : peers) {
      PeerSpec p = PeerSpec.of(r);
      if (p.asError() != null) {
        out.add(new Refusal(Refusal.Code.NON_UNIFORM_AS, p.describe() + " has an unreadable asNumber (" + p.asError() + "); the global AS is " + as));
        continue;
      }
      if (p.asNumber().isEmpty() && p.peerSelector().isEmpty()) {
        // confd renders the spec's AS as it is: "as 0", which BIRD refuses (client.go updatePeersV1, bird.cfg.template)
        out.add(new Refusal(Refusal.Code.NON_UNIFORM_AS, p.describe() + " has no asNumber: confd renders 'as 0', which BIRD refuses,"
            + " so calico-node keeps its previous bird.cfg; set asNumber " + as));
        continue;
      }
      if (p.asNumber().isEmpty() || p.asNumber().getAsLong() == as) {
        continue;
      }
      long peerAs = p.asNumber().getAsLong();
      Optional<CoreSwitch> sw = p.peerIp() == null ? Optional.empty() : topo.coreSwitchAt(p.peerIp());
      if (sw.isPresent() && sw.get().asNumber() == peerAs) {
        continue;
      }
      out.add(new Refusal(Refusal.Code.NON_UNIFORM_AS,
          p.describe() + " has asNumber " + peerAs + " but the global AS is " + as
              + ": a non-uniform AS silently loses routes; set it to " + as + " or delete it"));
    }
    for (NodeBgp n : nodeViews) {
      if (n.asError() != null) {
        out.add(new Refusal(Refusal.Code.NON_UNIFORM_AS, "Node " + n.name() + " has an unreadable spec.bgp.asNumber (" + n.asError() + ")"));
      } else if (n.asNumber().isPresent() && n.asNumber().getAsLong() != as) {
        out.add(new Refusal(Refusal.Code.NON_UNIFORM_AS,
            "Node " + n.name() + " has spec.bgp.asNumber " + n.asNumber().getAsLong() + " but the global AS is " + as
                + ": a non-uniform AS silently loses routes; remove the node's asNumber"));
      }
    }

    // the mesh and the reflectors
    List<String> reflectors = new ArrayList<>(topo.routeReflectors().stream().map(RouteReflector::name).toList());
    nodeViews.stream().filter(NodeBgp::routeReflector).map(n -> "Node " + n.name()).filter(n -> !reflectors.contains(n)).forEach(reflectors::add);
    if (topo.nodeToNodeMesh() && !reflectors.isEmpty()) {
      out.add(new Refusal(Refusal.Code.MESH_WITH_ROUTE_REFLECTORS,
          "nodeToNodeMesh is on while route reflectors are configured (" + String.join(", ", reflectors)
              + "): reflector nodes leave the mesh and routes go missing; set nodeToNodeMesh: false"));
    }
    boolean anyGlobalPeer = peers.stream().map(PeerSpec::of).anyMatch(p -> p.global() && (p.peerIp() != null || !p.peerSelector().isEmpty()));
    if (!topo.nodeToNodeMesh() && topo.routeReflectors().isEmpty() && !anyGlobalPeer) {
      out.add(new Refusal(Refusal.Code.NO_PEERING,
          "the node-to-node mesh would be off with no route reflector and no global BGPPeer: nodes would have no BGP session at all;"
              + " add routeReflectors to netctl.yaml"));
    }

    // reflector IPs are no pool addresses
    for (RouteReflector rr : topo.routeReflectors()) {
      for (CalicoBgpState.Pool pool : state.pools()) {
        if (pool.cidr() != null && pool.cidr().contains(rr.ip())) {
          out.add(new Refusal(Refusal.Code.RR_IP_IN_POOL,
              "route reflector " + rr.name() + " IP " + rr.ip() + " is inside IPPool " + pool.name() + " (" + pool.cidr() + ")"));
        }
      }
      for (IPAddress r : ranges) {
        if (r.contains(rr.ip())) {
          out.add(new Refusal(Refusal.Code.RR_IP_IN_POOL,
              "route reflector " + rr.name() + " IP " + rr.ip() + " is inside netctl's container range " + r.toCanonicalString()));
        }
      }
    }

    for (CalicoResource r : peers) {
      PeerSpec p = PeerSpec.of(r);
      if (p.peerIp() == null) {
        continue;
      }
      // a peer pointing at itself
      for (NodeBgp n : nodeViews) {
        if (p.peerIp().equals(n.ip()) && selects(p, n) == Boolean.TRUE) {
          out.add(new Refusal(Refusal.Code.PEER_TO_SELF,
              p.describe() + " makes Node " + n.name() + " (" + n.ip() + ") peer with itself"));
        }
      }
      // a peer nobody accounts for
      if (p.managedBy() == null && !known(topo, p.peerIp())) {
        out.add(new Refusal(Refusal.Code.UNKNOWN_PEER,
            p.describe() + " peers with " + p.peerIp() + ", which is no route reflector or core switch in netctl.yaml, and no one manages it"
                + " (no label " + CalicoResource.MANAGED_BY + "); add it to netctl.yaml, delete it, or label it with its owner"));
      }
    }
    return out;
  }

  private static boolean known(BgpTopology topo, IPv4Address ip) {
    return topo.routeReflectorAt(ip).isPresent() || topo.coreSwitchAt(ip).isPresent();
  }

  /** Whether a node-specific or selector peer applies to {@code n}; null when its selector cannot be evaluated. Global peers: false (confd skips a global peer to oneself). */
  static Boolean selects(PeerSpec p, NodeBgp n) {
    if (!p.node().isEmpty()) {
      return p.node().equals(n.name());
    }
    if (!p.nodeSelector().isEmpty()) {
      return Selector.matches(p.nodeSelector(), n.labels()).orElse(null);
    }
    return false;
  }
}
