package io.netctl.bgp.calico;

import inet.ipaddr.ipv4.IPv4Address;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The BGP sessions each node will run, computed from the datastore the way Calico's confd renders
 * {@code bird.cfg} (reference C.2, C.4): the mesh unless the node is a reflector or the mesh is
 * off; {@code Global_<ip>} for every global BGPPeer except the node's own IP; {@code Node_<ip>}
 * for node-specific and selected peers; and on a node that a BGPPeer's peerIP and AS point at, the
 * reverse {@code Node_<ip>} sessions to every node that peer selects, with {@code rr client} when
 * the node has a cluster id the other node does not share.
 */
public final class ConfdView {
  private ConfdView() {}

  /**
   * One node's rendering.
   *
   * @param node the Calico Node name
   * @param ip its BGP IPv4 address, or null ("IPv4 disabled on this node", nothing rendered)
   * @param asNumber its AS (its own, else the global one)
   * @param rrClusterId its cluster id, or ""
   * @param mesh what confd writes about the mesh
   * @param protocols the sessions, in confd's order (mesh, global, node-specific)
   * @param notes what confd skips, and selectors netctl could not evaluate
   */
  public record NodeSessions(
      String node, IPv4Address ip, long asNumber, String rrClusterId, String mesh, List<BirdProtocol> protocols, List<String> notes) {
    public NodeSessions {
      protocols = List.copyOf(protocols);
      notes = List.copyOf(notes);
    }
  }

  /** {@code 10.3.252.8} → {@code 10_3_252_8}; with a port other than 179 {@code 10_3_252_8_port_1790}. */
  public static String protocolSuffix(IPv4Address ip, int port) {
    String s = ip.toCanonicalString().replace('.', '_');
    return port == 179 ? s : s + "_port_" + port;
  }

  public static List<NodeSessions> compute(CalicoBgpState state) {
    long globalAs = state.globalAs();
    boolean mesh = state.meshEnabled();
    List<NodeBgp> nodes = state.nodes().stream().map(n -> NodeBgp.of(n.resource())).toList();
    List<PeerSpec> peers = state.peers().stream().map(p -> PeerSpec.of(p.resource())).toList();
    List<NodeSessions> out = new ArrayList<>();
    for (NodeBgp n : nodes) {
      long localAs = n.effectiveAs(globalAs);
      if (n.ip() == null) {
        out.add(new NodeSessions(n.name(), null, localAs, n.rrClusterId(), "IPv4 disabled on this node", List.of(), List.of()));
        continue;
      }
      Map<String, BirdProtocol> protos = new LinkedHashMap<>();
      List<String> notes = new ArrayList<>();
      String meshText;
      if (n.routeReflector()) {
        meshText = "route reflector with cluster ID " + n.rrClusterId() + "; node-to-node mesh ignored";
      } else if (mesh) {
        meshText = "node-to-node mesh enabled";
        for (NodeBgp o : nodes) {
          if (o == n || o.ip() == null || o.routeReflector()) {
            continue;
          }
          String name = "Mesh_" + protocolSuffix(o.ip(), 179);
          protos.put(name, new BirdProtocol(name, o.ip(), 179, localAs, o.effectiveAs(globalAs), false, "", compare(o.ip(), n.ip()) > 0,
              "node-to-node mesh"));
        }
      } else {
        meshText = "node-to-node mesh disabled";
      }
      for (PeerSpec p : peers) {
        if (!p.global() || p.peerIp() == null) {
          continue;
        }
        if (p.peerIp().equals(n.ip())) {
          notes.add("Global_" + p.protocolSuffix() + " skipped: it is this node (" + p.describe() + ")");
          continue;
        }
        long peerAs = p.effectiveAs(globalAs);
        boolean rr = peerAs == localAs && n.routeReflector(); // a peerIP-based peer carries no cluster id (C.4 caveat)
        String name = "Global_" + p.protocolSuffix();
        protos.putIfAbsent(name, new BirdProtocol(name, p.peerIp(), p.port(), localAs, peerAs, rr, rr ? n.rrClusterId() : "", false,
            "BGPPeer " + p.name() + " (global)"));
      }
      for (PeerSpec p : peers) {
        if (p.global() || p.peerIp() == null) {
          continue;
        }
        Boolean sel = BgpChecks.selects(p, n);
        if (sel == null) {
          notes.add(p.describe() + ": nodeSelector \"" + p.nodeSelector() + "\" not evaluated by netctl");
          continue;
        }
        if (!sel || p.peerIp().equals(n.ip())) {
          continue;
        }
        long peerAs = p.effectiveAs(globalAs);
        boolean rr = peerAs == localAs && n.routeReflector();
        String name = "Node_" + p.protocolSuffix();
        protos.putIfAbsent(name, new BirdProtocol(name, p.peerIp(), p.port(), localAs, peerAs, rr, rr ? n.rrClusterId() : "", false,
            "BGPPeer " + p.name() + (p.node().isEmpty() ? " (nodeSelector)" : " (node " + p.node() + ")")));
      }
      // reverse peerings: this node is the target of a BGPPeer (its peerIP and AS)
      for (PeerSpec p : peers) {
        if (p.peerIp() == null || !p.peerIp().equals(n.ip()) || p.port() != 179 || p.effectiveAs(globalAs) != localAs) {
          continue;
        }
        for (NodeBgp client : nodes) {
          if (client == n || client.ip() == null) {
            continue;
          }
          Boolean sel = p.global() ? Boolean.TRUE : BgpChecks.selects(p, client);
          if (sel == null || !sel) {
            continue;
          }
          boolean globalExists = peers.stream().anyMatch(g -> g.global() && client.ip().equals(g.peerIp()));
          if (globalExists) {
            continue;
          }
          boolean rr = n.routeReflector() && !n.rrClusterId().equals(client.rrClusterId());
          String name = "Node_" + protocolSuffix(client.ip(), 179);
          protos.putIfAbsent(name, new BirdProtocol(name, client.ip(), 179, localAs, client.effectiveAs(globalAs), rr,
              rr ? n.rrClusterId() : "", false, "reverse of BGPPeer " + p.name() + " for node " + client.name()));
        }
      }
      out.add(new NodeSessions(n.name(), n.ip(), localAs, n.rrClusterId(), meshText, new ArrayList<>(protos.values()), notes));
    }
    return out;
  }

  static int compare(IPv4Address a, IPv4Address b) {
    return Long.compare(Objects.requireNonNull(a).longValue(), Objects.requireNonNull(b).longValue());
  }
}
