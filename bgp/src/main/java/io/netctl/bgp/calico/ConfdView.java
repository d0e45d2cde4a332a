package io.netctl.bgp.calico;

import inet.ipaddr.ipv4.IPv4Address;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The BGP sessions each node will run, computed from the datastore the way Calico's confd renders
 * {@code bird.cfg} (reference C.2, C.4; read against Calico v3.30.0 {@code
 * confd/pkg/backends/calico/client.go updatePeersV1} and {@code
 * confd/etc/calico/confd/templates/bird.cfg.template}): the mesh unless the node is a reflector or
 * the mesh is off; {@code Global_<ip>} for every global BGPPeer except the node's own IP; {@code
 * Node_<ip>} for node-specific and selected peers, unless a global BGPPeer has the same IP and port
 * (confd's {@code emit} keeps the global one); and on a node that a BGPPeer's peerIP and AS point
 * at, the reverse {@code Node_<ip>} sessions to every node that peer selects, with {@code rr
 * client} when the node has a cluster id the other node does not share. The neighbour AS is the
 * BGPPeer's own ({@code as 0} without one); {@code passive on} is rendered on mesh sessions and
 * toward calico-node peers whose IP is higher compared as text.
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
    // client.go updatePeersV1: a peer IP that is some Calico Node's is a "calico_node" peer
    Set<IPv4Address> nodeIps = new HashSet<>();
    nodes.stream().filter(n -> n.ip() != null).forEach(n -> nodeIps.add(n.ip()));
    // emit() drops a node-specific peering to an IP and port that has a global one, on every node
    Set<String> globalKeys = new HashSet<>();
    peers.stream().filter(p -> p.global() && p.peerIp() != null).forEach(p -> globalKeys.add(protocolSuffix(p.peerIp(), p.port())));
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
          protos.put(name, new BirdProtocol(name, o.ip(), 179, localAs, o.effectiveAs(globalAs), false, "", higher(o.ip(), n.ip()),
              "node-to-node mesh", ""));
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
        String name = "Global_" + p.protocolSuffix();
        // bird.cfg.template: passive toward a calico-node peer whose IP, compared as text, is higher
        boolean passive = nodeIps.contains(p.peerIp()) && higher(p.peerIp(), n.ip());
        if (protos.putIfAbsent(name, forward(p, n, localAs, name, passive, " (global)")) == null) {
          asZeroNote(p, name, notes);
        }
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
        String name = "Node_" + p.protocolSuffix();
        if (globalKeys.contains(p.protocolSuffix())) {
          notes.add(name + " of " + p.describe() + " dropped: a global BGPPeer has the same peer (confd keeps the Global_ session only)");
          continue;
        }
        if (protos.putIfAbsent(name, forward(p, n, localAs, name, false, p.node().isEmpty() ? " (nodeSelector)" : " (node " + p.node() + ")")) == null) {
          asZeroNote(p, name, notes);
        }
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
          if (globalKeys.contains(protocolSuffix(client.ip(), 179))) {
            continue;
          }
          boolean rr = n.routeReflector() && !n.rrClusterId().equals(client.rrClusterId());
          String name = "Node_" + protocolSuffix(client.ip(), 179);
          protos.putIfAbsent(name, new BirdProtocol(name, client.ip(), 179, localAs, client.effectiveAs(globalAs), rr,
              rr ? n.rrClusterId() : "", false, "reverse of BGPPeer " + p.name() + " for node " + client.name(), p.passwordSource()));
        }
      }
      out.add(new NodeSessions(n.name(), n.ip(), localAs, n.rrClusterId(), meshText, new ArrayList<>(protos.values()), notes));
    }
    return out;
  }

  /** A forward peering to a BGPPeer's peerIP, with the AS confd renders for it (0 when the peer has none). */
  private static BirdProtocol forward(PeerSpec p, NodeBgp n, long localAs, String name, boolean passive, String scope) {
    long peerAs = p.renderedAs();
    // bird.cfg.template: rr client when the peer's AS is ours and we have a cluster id the peer does not
    // (a peerIP-based peer carries none: reference C.4 caveat)
    boolean rr = peerAs == localAs && n.routeReflector();
    return new BirdProtocol(name, p.peerIp(), p.port(), localAs, peerAs, rr, rr ? n.rrClusterId() : "", passive, "BGPPeer " + p.name() + scope,
        p.passwordSource());
  }

  private static void asZeroNote(PeerSpec p, String name, List<String> notes) {
    if (p.asNumber().isEmpty()) {
      notes.add(name + ": " + p.describe() + " has no asNumber, so confd renders 'as 0', which BIRD refuses: the node keeps its previous bird.cfg");
    }
  }

  /**
   * Whether {@code a} sorts after {@code b} as text, as the template's {@code gt} compares two IP
   * strings ({@code 10.3.0.10} is lower than {@code 10.3.0.9}).
   */
  static boolean higher(IPv4Address a, IPv4Address b) {
    return a.toCanonicalString().compareTo(b.toCanonicalString()) > 0;
  }
}
