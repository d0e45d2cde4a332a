package io.netctl.cli.bgp;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netctl.bgp.calico.BgpTopology;
import io.netctl.bgp.calico.BirdProtocol;
import io.netctl.bgp.calico.CalicoBgpState;
import io.netctl.bgp.calico.ConfdView;
import io.netctl.bgp.calico.PeerSpec;
import io.netctl.bgp.calico.RouteReflector;
import io.netctl.bgp.calico.RrBirdConfig;
import io.netctl.bgp.calico.StoredResource;
import io.netctl.cli.CliContext;
import io.netctl.cli.ExitCode;
import io.netctl.cli.config.NetctlConfig;
import io.netctl.cli.options.ConfigOption;
import io.netctl.cli.options.GlobalOptions;
import io.netctl.cli.options.OutputOption;
import io.netctl.cli.options.StoreOptions;
import io.netctl.cli.output.Json;
import io.netctl.cli.output.Table;
import io.netctl.ipam.store.KvStore;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code netctl bgp show}. */
@Command(
    name = "show",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    description = {
      "Show the BGP configuration and the BIRD sessions of every node and route reflector.",
      "The configuration as Calico sees it in the datastore (global AS, mesh, BGPPeers, route reflectors) and the sessions each "
          + "node will run, computed the way calico-node's confd renders bird.cfg (Global_<ip>, Node_<ip>, Mesh_<ip>), and for a "
          + "standalone reflector as 'netctl bgp render-rr' configures it, with where each session's password comes from"
          + " (the Secret calico-node reads, or render-rr's --password-file). Reads only."
    },
    footer = ExitCode.FOOTER)
public final class BgpShowCommand implements Callable<Integer> {
  private final CliContext ctx;

  private final StoreOptions store;
  private final ConfigOption config;
  private final OutputOption output;

  BgpShowCommand(CliContext ctx, GlobalOptions global) {
    this.ctx = ctx;
    this.store = global.store();
    this.config = global.config();
    this.output = global.output();
  }

  @Override
  public Integer call() {
    NetctlConfig cfg = config.load(ctx);
    try (KvStore kv = store.open(ctx)) {
      CalicoBgpState state = CalicoBgpState.read(kv);
      List<ConfdView.NodeSessions> nodes = ConfdView.compute(state);
      BgpTopology topo = cfg.bgp();
      List<RrBirdConfig.Client> clients = RrBirdConfig.clients(topo, state);
      if (output.structured()) {
        output.print(ctx.out(), json(kv, state, nodes, topo, clients));
      } else {
        text(ctx.out(), kv, state, nodes, topo, clients);
      }
    }
    return ExitCode.OK;
  }

  private static Optional<String> calicoNode(CalicoBgpState state, RouteReflector rr) {
    return state.node(rr.name()).or(() -> state.nodeAt(rr.ip())).map(StoredResource::name);
  }

  private static ObjectNode json(KvStore kv, CalicoBgpState state, List<ConfdView.NodeSessions> nodes, BgpTopology topo,
      List<RrBirdConfig.Client> clients) {
    ObjectNode o = Json.object();
    o.put("datastore", kv.describe());
    o.put("revision", state.revision());
    o.put("bgpConfigurationPresent", state.bgpConfiguration() != null);
    o.put("asNumber", state.globalAs());
    o.put("nodeToNodeMeshEnabled", state.meshEnabled());
    o.put("logSeverityScreen", state.bgpConfiguration() == null ? "Info"
        : state.bgpConfiguration().resource().spec().path("logSeverityScreen").asText("Info"));
    ArrayNode peers = o.putArray("peers");
    for (StoredResource r : state.peers()) {
      PeerSpec p = PeerSpec.of(r.resource());
      ObjectNode j = peers.addObject();
      j.put("name", p.name());
      j.put("scope", p.global() ? "global" : p.node().isEmpty() ? "nodeSelector" : "node");
      j.put("node", p.node());
      j.put("nodeSelector", p.nodeSelector());
      j.put("peerIP", r.resource().spec().path("peerIP").asText(""));
      if (p.asNumber().isPresent()) {
        j.put("asNumber", p.asNumber().getAsLong());
      } else {
        j.putNull("asNumber");
      }
      j.put("managedBy", p.managedBy());
    }
    ArrayNode rrs = o.putArray("routeReflectors");
    for (RouteReflector rr : topo.routeReflectors()) {
      ObjectNode j = rrs.addObject();
      j.put("name", rr.name());
      j.put("ip", rr.ip().toCanonicalString());
      j.put("clusterId", rr.clusterId().toCanonicalString());
      Optional<String> node = calicoNode(state, rr);
      j.put("calicoNode", node.orElse(null));
      if (node.isEmpty()) {
        protocols(j.putArray("protocols"), RrBirdConfig.sessions(topo, rr, clients));
      }
    }
    ArrayNode ns = o.putArray("nodes");
    for (ConfdView.NodeSessions n : nodes) {
      ObjectNode j = ns.addObject();
      j.put("node", n.node());
      j.put("ip", n.ip() == null ? null : n.ip().toCanonicalString());
      j.put("asNumber", n.asNumber());
      j.put("routeReflectorClusterID", n.rrClusterId());
      j.put("mesh", n.mesh());
      protocols(j.putArray("protocols"), n.protocols());
      ArrayNode notes = j.putArray("notes");
      n.notes().forEach(notes::add);
    }
    return o;
  }

  private static void protocols(ArrayNode a, List<BirdProtocol> ps) {
    for (BirdProtocol p : ps) {
      a.addObject().put("name", p.name()).put("neighbor", p.neighbor().toCanonicalString()).put("port", p.port())
          .put("localAs", p.localAs()).put("neighborAs", p.neighborAs()).put("rrClient", p.rrClient())
          .put("rrClusterId", p.rrClusterId()).put("passive", p.passive()).put("source", p.source()).put("password", p.password());
    }
  }

  private static void text(PrintWriter out, KvStore kv, CalicoBgpState state, List<ConfdView.NodeSessions> nodes, BgpTopology topo,
      List<RrBirdConfig.Client> clients) {
    out.println("BGP configuration in " + kv.describe() + " at revision " + state.revision()
        + (state.bgpConfiguration() == null ? " (no BGPConfiguration default: Calico's defaults apply)" : ""));
    out.println("  AS " + state.globalAs() + ", node-to-node mesh " + (state.meshEnabled() ? "enabled" : "disabled"));
    out.println();
    if (state.peers().isEmpty()) {
      out.println("no BGPPeers");
    } else {
      Table t = new Table("BGPPEER", "SCOPE", "PEER IP", "AS", "MANAGED BY");
      for (StoredResource r : state.peers()) {
        PeerSpec p = PeerSpec.of(r.resource());
        String scope = p.global() ? "global" : p.node().isEmpty() ? "selector " + p.nodeSelector() : "node " + p.node();
        t.row(p.name(), scope, r.resource().spec().path("peerIP").asText("-"),
            p.asNumber().isPresent() ? String.valueOf(p.asNumber().getAsLong()) : "(global)", p.managedBy() == null ? "-" : p.managedBy());
      }
      t.print(out);
    }
    out.println();
    if (!topo.routeReflectors().isEmpty()) {
      Table t = new Table("ROUTE REFLECTOR", "IP", "CLUSTER ID", "RUNS AS");
      for (RouteReflector rr : topo.routeReflectors()) {
        t.row(rr.name(), rr.ip().toCanonicalString(), rr.clusterId().toCanonicalString(),
            calicoNode(state, rr).map(n -> "calico-node " + n).orElse("standalone (netctl bgp render-rr --rr " + rr.name() + ")"));
      }
      t.print(out);
      out.println();
    }
    out.println("BIRD sessions (as confd renders bird.cfg on each node):");
    if (nodes.isEmpty()) {
      out.println("  no Calico Nodes in the datastore");
    }
    for (ConfdView.NodeSessions n : nodes) {
      out.println();
      out.println(n.node() + " " + (n.ip() == null ? "-" : n.ip().toCanonicalString()) + " AS " + n.asNumber() + ": " + n.mesh());
      sessions(out, n.protocols());
      n.notes().forEach(x -> out.println("  note: " + x));
    }
    for (RouteReflector rr : topo.routeReflectors()) {
      if (calicoNode(state, rr).isEmpty()) {
        out.println();
        out.println(rr.name() + " " + rr.ip() + " AS " + topo.asNumber() + ": standalone route reflector, cluster id " + rr.clusterId()
            + " (netctl bgp render-rr --rr " + rr.name() + ")");
        sessions(out, RrBirdConfig.sessions(topo, rr, clients));
      }
    }
  }

  private static void sessions(PrintWriter out, List<BirdProtocol> ps) {
    if (ps.isEmpty()) {
      out.println("  no BGP sessions");
      return;
    }
    Table t = new Table("  PROTOCOL", "NEIGHBOR", "AS", "RR CLIENT", "PASSWORD", "SOURCE");
    for (BirdProtocol p : ps) {
      t.row("  " + p.name(), p.neighbor().toCanonicalString() + (p.port() == 179 ? "" : ":" + p.port()), String.valueOf(p.neighborAs()),
          p.rrClient() ? "cluster " + p.rrClusterId() : "-", p.password().isEmpty() ? "-" : p.password(), p.source() + (p.passive() ? ", passive" : ""));
    }
    t.print(out);
  }
}
