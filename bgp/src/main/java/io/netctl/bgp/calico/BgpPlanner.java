package io.netctl.bgp.calico;

import com.fasterxml.jackson.databind.node.ObjectNode;
import inet.ipaddr.IPAddress;
import io.netctl.ipam.MalformedRecord;
import io.netctl.ipam.calico.CalicoKeys;
import io.netctl.ipam.calico.CalicoResource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Computes what netctl must change in Calico's BGP objects to match the topology: a pure function
 * of the topology, netctl's ranges and the state read from the datastore.
 *
 * <p>What it writes: BGPConfiguration {@code default}; one global BGPPeer per reflector, named
 * {@link RouteReflector#peerName()}; the reflector settings of a reflector's Calico Node when one
 * exists (found by the reflector's name, else by its IP). What it deletes: only BGPPeers labelled
 * {@code app.kubernetes.io/managed-by: netctl} that the topology no longer has. Nodes are never
 * created or deleted; a Node netctl made a reflector (annotation {@link
 * DesiredObjects#RR_ANNOTATION}) is turned back into a plain node when its reflector leaves the
 * topology.
 */
public final class BgpPlanner {
  private BgpPlanner() {}

  public static BgpPlan plan(BgpTopology topo, List<IPAddress> ranges, CalicoBgpState state, Instant now) {
    List<Change> changes = new ArrayList<>();
    List<Refusal> refusals = new ArrayList<>();
    List<String> notes = new ArrayList<>();

    // objects netctl would write or go by that cannot be read: never overwritten, never guessed
    List<String> mustRead = new ArrayList<>(List.of(CalicoBgpState.DEFAULT_CONFIG_KEY));
    for (RouteReflector rr : topo.routeReflectors()) {
      mustRead.add(CalicoKeys.resource("bgppeers", rr.peerName()));
      mustRead.add(CalicoKeys.resource("nodes", rr.name()));
    }
    for (String key : mustRead) {
      MalformedRecord bad = state.malformedAt(key);
      if (bad != null) {
        refusals.add(new Refusal(Refusal.Code.MALFORMED, "cannot read " + bad.describe() + "; netctl neither overwrites nor guesses it: "
            + "delete it or restore it from a snapshot"));
      }
    }

    // BGPConfiguration default
    StoredResource config = state.bgpConfiguration();
    ObjectNode configSpec = DesiredObjects.bgpConfigurationSpec(topo, config == null ? null : config.resource().spec());
    if (config == null) {
      changes.add(new Change.Create(CalicoBgpState.DEFAULT_CONFIG_KEY,
          CalicoResource.create("BGPConfiguration", "default", DesiredObjects.managedLabels(), null, configSpec, null, now)));
    } else {
      CalicoResource r = config.resource();
      update(changes, config, r.update(r.labels(), r.annotations(), configSpec));
    }

    // one global BGPPeer per reflector
    Map<String, CalicoResource> resultPeers = new LinkedHashMap<>();
    state.peers().forEach(p -> resultPeers.put(p.name(), p.resource()));
    Set<String> wanted = new HashSet<>();
    for (RouteReflector rr : topo.routeReflectors()) {
      String name = rr.peerName();
      wanted.add(name);
      ObjectNode spec = DesiredObjects.peerSpec(topo, rr);
      Optional<StoredResource> existing = state.peer(name);
      if (existing.isEmpty()) {
        CalicoResource c = CalicoResource.create("BGPPeer", name, DesiredObjects.managedLabels(), null, spec, null, now);
        changes.add(new Change.Create(CalicoKeys.resource("bgppeers", name), c));
        resultPeers.put(name, c);
      } else if (!existing.get().resource().managedByNetctl()) {
        refusals.add(new Refusal(Refusal.Code.NOT_MANAGED,
            "BGPPeer " + name + " exists but is not managed by netctl (no label " + CalicoResource.MANAGED_BY + "=" + CalicoResource.NETCTL
                + "): netctl would have to overwrite it for route reflector " + rr.name() + "; delete it, or label it to hand it over"));
      } else {
        CalicoResource r = existing.get().resource();
        Map<String, String> labels = new TreeMap<>(r.labels());
        labels.putAll(DesiredObjects.managedLabels());
        CalicoResource after = r.update(labels, r.annotations(), spec);
        update(changes, existing.get(), after);
        resultPeers.put(name, after);
      }
    }
    for (StoredResource p : state.peers()) {
      if (p.resource().managedByNetctl() && !wanted.contains(p.name())) {
        changes.add(new Change.Delete(p));
        resultPeers.remove(p.name());
      }
    }

    // reflectors that are calico-nodes
    Map<String, CalicoResource> resultNodes = new LinkedHashMap<>();
    state.nodes().forEach(n -> resultNodes.put(n.name(), n.resource()));
    Set<String> rrNodes = new HashSet<>();
    for (RouteReflector rr : topo.routeReflectors()) {
      Optional<StoredResource> node = state.node(rr.name()).or(() -> state.nodeAt(rr.ip()));
      if (node.isEmpty()) {
        notes.add("route reflector " + rr.name() + " (" + rr.ip() + ") has no Calico Node in the datastore: a standalone reflector;"
            + " configure it with 'netctl bgp render-rr --rr " + rr.name() + "'");
        continue;
      }
      StoredResource n = node.get();
      rrNodes.add(n.name());
      NodeBgp bgp = NodeBgp.of(n.resource());
      if (bgp.ip() != null && !bgp.ip().equals(rr.ip())) {
        refusals.add(new Refusal(Refusal.Code.RR_NODE_IP_MISMATCH,
            "Node " + n.name() + " has spec.bgp.ipv4Address " + bgp.ipv4Address() + " but route reflector " + rr.name()
                + " has IP " + rr.ip() + " in netctl.yaml; correct netctl.yaml or the node"));
        continue;
      }
      CalicoResource after = rrNode(n.resource(), rr);
      update(changes, n, after);
      resultNodes.put(n.name(), after);
    }
    for (StoredResource n : state.nodes()) {
      if (!rrNodes.contains(n.name()) && n.resource().annotations().containsKey(DesiredObjects.RR_ANNOTATION)) {
        CalicoResource after = plainNode(n.resource());
        update(changes, n, after);
        resultNodes.put(n.name(), after);
      }
    }

    refusals.addAll(BgpChecks.refusals(topo, ranges, state, resultPeers.values(), resultNodes.values()));
    return new BgpPlan(state, changes, refusals, notes);
  }

  private static void update(List<Change> changes, StoredResource before, CalicoResource after) {
    List<Change.FieldChange> fields = FieldDiff.of(before.resource(), after);
    if (!fields.isEmpty()) {
      changes.add(new Change.Update(before, after, fields));
    }
  }

  private static CalicoResource rrNode(CalicoResource node, RouteReflector rr) {
    Map<String, String> labels = new TreeMap<>(node.labels());
    Set<String> ours = new TreeSet<>(rr.labels().keySet());
    ours.add(DesiredObjects.RR_LABEL);
    for (String old : previouslySet(node)) {
      if (!ours.contains(old)) {
        labels.remove(old);
      }
    }
    labels.putAll(rr.labels());
    labels.put(DesiredObjects.RR_LABEL, "true");
    Map<String, String> annotations = new TreeMap<>(node.annotations());
    annotations.put(DesiredObjects.RR_ANNOTATION, String.join(",", ours));
    return node.update(labels, annotations, DesiredObjects.rrNodeSpec(node.spec(), rr));
  }

  private static CalicoResource plainNode(CalicoResource node) {
    Map<String, String> labels = new TreeMap<>(node.labels());
    previouslySet(node).forEach(labels::remove);
    Map<String, String> annotations = new TreeMap<>(node.annotations());
    annotations.remove(DesiredObjects.RR_ANNOTATION);
    return node.update(labels, annotations, DesiredObjects.plainNodeSpec(node.spec()));
  }

  private static List<String> previouslySet(CalicoResource node) {
    String v = node.annotations().getOrDefault(DesiredObjects.RR_ANNOTATION, "");
    return v.isBlank() ? List.of() : Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }
}
