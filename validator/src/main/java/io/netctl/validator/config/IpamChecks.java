package io.netctl.validator.config;

import com.fasterxml.jackson.databind.JsonNode;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.netctl.ipam.Allocation;
import io.netctl.ipam.IpamConfig;
import io.netctl.ipam.IpamState;
import io.netctl.ipam.MalformedRecord;
import io.netctl.ipam.NetctlKeys;
import io.netctl.ipam.calico.AllocationBlock;
import io.netctl.ipam.calico.BlockAffinity;
import io.netctl.ipam.calico.CalicoKeys;
import io.netctl.ipam.calico.IpPoolSpec;
import io.netctl.bgp.calico.Selector;
import io.netctl.ipam.calico.CalicoResource;
import io.netctl.ipam.store.KeyValue;
import io.netctl.ipam.store.StoreException;
import io.netctl.ipam.store.StoreCorruptException;
import io.netctl.validator.ClusterState;
import io.netctl.validator.Code;
import io.netctl.validator.Finding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The allocations against Calico's IPAM objects and netctl.yaml: every allocation has its IPPool
 * (as allocate writes it), selecting its Calico Node, and once that Node exists its block and
 * confirmed affinity (before, the allocation is pending: a state, reported as information);
 * nothing in the managed ranges exists without an allocation; no two pools overlap; host IPs are
 * unique and outside the ranges.
 */
public final class IpamChecks {
  private IpamChecks() {}

  /** Findings plus the subjects examined (for reports). */
  public record Result(List<Finding> findings, List<String> subjects) {}

  public static Result check(IpamConfig config, ClusterState state) {
    List<Finding> out = new ArrayList<>();
    List<String> subjects = new ArrayList<>();
    IpamState ipam = state.ipam();
    Map<String, Allocation> byCidr = new HashMap<>();
    Map<String, String> hostIps = new TreeMap<>();
    Map<String, KeyValue> affinities = new HashMap<>();
    state.affinities().forEach(kv -> affinities.put(kv.key(), kv));
    Map<String, IpamState.Pool> poolsByKey = new HashMap<>();
    ipam.pools().forEach(p -> poolsByKey.put(p.kv().key(), p));
    // records that cannot be read: one finding each; what hangs off them is not reported again as orphaned
    Set<String> unreadableOwners = new HashSet<>();
    Set<String> unreadablePools = new HashSet<>();
    Set<String> unreadableKeys = new HashSet<>();
    for (MalformedRecord m : ipam.malformed()) {
      out.add(Finding.of(Code.RECORD_MALFORMED, m.key(), "a record netctl can read", m.detail()));
      unreadableKeys.add(m.key());
      if (m.owner() != null && m.key().startsWith(NetctlKeys.ALLOCATIONS)) {
        unreadableOwners.add(m.owner());
      }
      if (m.cidr() != null) {
        unreadablePools.add(m.cidr());
      }
    }
    Map<String, CalicoResource> calicoNodes = new HashMap<>();
    for (KeyValue kv : state.nodes()) {
      try {
        CalicoResource n = CalicoResource.parse(kv, null);
        calicoNodes.put(n.name(), n);
      } catch (StoreCorruptException e) {
        // an unreadable Node is the BGP checks' to report; here it counts as none
      }
    }

    for (IpamState.Stored<Allocation> stored : ipam.allocations().values()) {
      Allocation a = stored.value();
      String node = a.node();
      subjects.add(node);
      byCidr.put(a.cidrText(), a);
      if (config.rangeOf(a.cidr()) == null) {
        out.add(Finding.of(Code.POOL_OUTSIDE_RANGES, node, "a pool inside " + ranges(config), a.cidrText()));
      }
      // netctl's indexes
      KeyValue idx = ipam.netctlKeys().get(NetctlKeys.cidr(a.cidr()));
      if (idx == null || !idx.value().equals(NetctlKeys.indexValue(node))) {
        out.add(Finding.of(Code.INDEX_INCONSISTENT, node, NetctlKeys.cidr(a.cidr()) + " = " + NetctlKeys.indexValue(node),
            idx == null ? "missing" : idx.value()));
      }
      // IPPool
      String poolKey = CalicoKeys.resource("ippools", NetctlKeys.poolName(a.cidr()));
      IpamState.Pool pool = poolsByKey.get(poolKey);
      if (pool == null) {
        out.add(Finding.of(Code.POOL_MISSING, node, "IPPool " + NetctlKeys.poolName(a.cidr()) + " (" + a.cidrText() + ")", "missing"));
      } else {
        String diff = poolDiff(pool.resource().spec(), a, config);
        if (!diff.isEmpty()) {
          out.add(Finding.of(Code.POOL_MISMATCH, node, "IPPool " + pool.resource().name() + " as netctl allocate writes it", diff));
        }
      }
      // block and affinity: none of them while the allocation waits for its Calico Node (AllocationPlanner)
      IpamState.Stored<AllocationBlock> block = ipam.blocks().get(a.cidrText());
      KeyValue aff = affinities.get(CalicoKeys.affinity(node, a.cidr()));
      CalicoResource calicoNode = calicoNodes.get(node);
      boolean waiting = block == null && aff == null;
      if (waiting) {
        out.add(calicoNode == null
            ? Finding.of(Code.ALLOCATION_PENDING, node, "IPAM block and affinity of " + a.cidrText() + " once calico-node registers Calico Node " + node,
                "pending: no Calico Node " + node + " yet (nothing for kube-controllers' IPAM GC to release meanwhile)")
            : Finding.of(Code.ALLOCATION_INCOMPLETE, node, "IPAM block and confirmed affinity of " + a.cidrText(),
                "Calico Node " + node + " exists, the block and affinity do not"));
      } else {
        if (block == null) {
          out.add(Finding.of(Code.BLOCK_MISSING, node, "IPAM block " + CalicoKeys.block(a.cidr()), "missing"));
        } else if (!node.equals(block.value().affineHost())) {
          out.add(Finding.of(Code.BLOCK_AFFINITY_WRONG, node, "block " + a.cidrText() + " affinity host:" + node,
              block.value().affinity() == null ? "no affinity" : block.value().affinity()));
        }
        String affState = aff == null ? "missing" : affinityState(aff, out);
        if (affState != null && !"confirmed".equals(affState)) {
          out.add(Finding.of(Code.AFFINITY_MISSING, node, "affinity " + CalicoKeys.affinity(node, a.cidr()) + " confirmed", affState));
        }
      }
      // the pool selects its Calico Node (Calico evaluates the selector against the Node's labels only);
      // an incomplete allocation gets its label when it is completed
      if (pool != null && calicoNode != null && !waiting) {
        String selector = pool.resource().spec().path("nodeSelector").asText("");
        Optional<Boolean> selects = Selector.matches(selector, calicoNode.labels());
        if (selects.isPresent() && !selects.get()) {
          out.add(Finding.of(Code.POOL_NOT_SELECTING_NODE, node, "IPPool " + pool.resource().name() + " (" + selector + ") selects Calico Node " + node,
              "its labels: " + (calicoNode.labels().isEmpty() ? "none" : new TreeMap<>(calicoNode.labels()).toString())));
        }
      }
      // host IP
      if (a.hostIp() == null) {
        out.add(Finding.of(Code.HOST_IP_MISSING, node, "a host IP", "none recorded"));
      } else {
        String other = hostIps.putIfAbsent(a.hostIpText(), node);
        if (other != null) {
          out.add(Finding.of(Code.HOST_IP_DUPLICATE, a.hostIpText(), "one node per host IP", other + " and " + node));
        }
        if (config.inRanges(a.hostIp())) {
          out.add(Finding.of(Code.HOST_IP_IN_RANGES, node, "a host IP outside " + ranges(config), a.hostIpText()));
        }
        String infra = config.infrastructureAt(a.hostIp());
        if (infra != null) {
          out.add(Finding.of(Code.HOST_IP_INFRASTRUCTURE, node, "the node's own IP as host IP", a.hostIpText() + " is " + infra + " in netctl.yaml"));
        }
      }
    }
    // netctl index keys without records
    for (Map.Entry<String, KeyValue> e : ipam.netctlKeys().entrySet()) {
      String key = e.getKey();
      if (unreadableKeys.contains(key) || NetctlKeys.indexedNode(e.getValue().value()).filter(unreadableOwners::contains).isPresent()) {
        continue;
      }
      if (key.startsWith(NetctlKeys.CIDRS)) {
        String cidr = segmentToCidr(key.substring(NetctlKeys.CIDRS.length()));
        Allocation owner = byCidr.get(cidr);
        if (owner == null || !e.getValue().value().equals(NetctlKeys.indexValue(owner.node()))) {
          out.add(Finding.of(Code.INDEX_INCONSISTENT, key, "an allocation record for " + cidr, e.getValue().value()));
        }
      } else if (key.startsWith(NetctlKeys.HOST_IPS)) {
        String ip = key.substring(NetctlKeys.HOST_IPS.length());
        if (!hostIps.containsKey(ip)) {
          out.add(Finding.of(Code.INDEX_INCONSISTENT, key, "an allocation with host IP " + ip, e.getValue().value()));
        }
      }
    }
    // pools: orphans, shapes, overlaps, foreign pools
    List<IpamState.Pool> pools = ipam.pools();
    for (IpamState.Pool p : pools) {
      String subject = "ippool/" + p.resource().name();
      if (p.cidr() == null) {
        out.add(Finding.of(Code.POOL_SHAPE, subject, "a valid cidr", p.resource().spec().path("cidr").asText("(none)")));
        continue;
      }
      boolean inRanges = config.inRanges(p.cidr());
      if (!inRanges) {
        out.add(Finding.of(Code.FOREIGN_POOL, subject, "pools only inside " + ranges(config), p.cidr().toCanonicalString()));
        continue;
      }
      if (p.cidr().getNetworkPrefixLength() != config.blockSize() || config.rangeOf(p.cidr()) == null) {
        out.add(Finding.of(Code.POOL_SHAPE, subject, "a /" + config.blockSize() + " inside one range", p.cidr().toCanonicalString()));
        continue;
      }
      Allocation owner = byCidr.get(p.cidr().toCanonicalString());
      if (owner == null || !p.kv().key().equals(CalicoKeys.resource("ippools", NetctlKeys.poolName(p.cidr())))) {
        if (owner == null && !unreadablePools.contains(p.cidr().toCanonicalString())) {
          out.add(Finding.of(Code.ORPHAN_POOL, subject, "an allocation for " + p.cidr().toCanonicalString(), "none"));
        }
      }
    }
    // overlaps: a sweep over the pools sorted by first address (n log n, not every pair)
    List<IpamState.Pool> sorted = new ArrayList<>(pools.stream().filter(p -> p.cidr() != null).toList());
    sorted.sort((x, y) -> x.cidr().getLower().compareTo(y.cidr().getLower()));
    List<IpamState.Pool> open = new ArrayList<>();
    for (IpamState.Pool p : sorted) {
      open.removeIf(o -> o.cidr().getUpper().compareTo(p.cidr().getLower()) < 0);
      for (IpamState.Pool o : open) {
        out.add(Finding.of(Code.POOL_OVERLAP, "ippool/" + o.resource().name(), "no overlap",
            "overlaps ippool/" + p.resource().name() + " (" + o.cidr().toCanonicalString() + ", " + p.cidr().toCanonicalString() + ")"));
      }
      open.add(p);
    }
    // blocks and affinities in the ranges without an allocation
    for (IpamState.Stored<AllocationBlock> b : ipam.blocks().values()) {
      String cidr = b.value().cidr().toCanonicalString();
      if (config.inRanges(b.value().cidr()) && !byCidr.containsKey(cidr) && !unreadablePools.contains(cidr)) {
        out.add(Finding.of(Code.ORPHAN_BLOCK, "block/" + cidr, "an allocation for " + cidr,
            "block with affinity " + b.value().affinity() + ", " + b.value().inUse() + " addresses in use"));
      }
    }
    for (KeyValue kv : state.affinities()) {
      String rest = kv.key().substring(CalicoKeys.HOSTS.length());
      int slash = rest.indexOf('/');
      if (slash < 0 || !rest.startsWith("/ipv4/block/", slash)) {
        continue;
      }
      String host = rest.substring(0, slash);
      String cidr = segmentToCidr(rest.substring(slash + "/ipv4/block/".length()));
      IPAddress c = new IPAddressString(cidr).getAddress();
      if (c == null || !config.inRanges(c)) {
        continue;
      }
      Allocation owner = byCidr.get(c.toPrefixBlock().toCanonicalString());
      if (unreadableOwners.contains(host) || unreadablePools.contains(c.toPrefixBlock().toCanonicalString())) {
        continue;
      }
      if (owner == null || !owner.node().equals(host)) {
        out.add(Finding.of(Code.ORPHAN_AFFINITY, "affinity/" + host + "/" + cidr,
            owner == null ? "an allocation for " + cidr : "the affinity of " + owner.node(), "affinity of " + host));
      }
    }
    return new Result(out, subjects);
  }

  /** An affinity's state, or null after a {@code record-malformed} finding when its value cannot be read. */
  private static String affinityState(KeyValue aff, List<Finding> out) {
    try {
      return BlockAffinity.state(aff.key(), aff.value());
    } catch (StoreException e) {
      out.add(Finding.of(Code.RECORD_MALFORMED, aff.key(), "a record netctl can read", MalformedRecord.of(aff, null, null, e).detail()));
      return null;
    }
  }

  /** The fields of a stored pool spec that differ from what allocate writes, or "". */
  static String poolDiff(JsonNode spec, Allocation a, IpamConfig config) {
    JsonNode want = new IpPoolSpec(a.cidr(), config.blockSize(), IpPoolSpec.selectorFor(NetctlKeys.poolName(a.cidr())), false, false).toJson();
    List<String> diffs = new ArrayList<>();
    for (String f : List.of("cidr", "blockSize", "nodeSelector", "ipipMode", "vxlanMode")) {
      String have = spec.path(f).asText("");
      String exp = want.path(f).asText("");
      if (f.equals("cidr")) {
        IPAddress h = new IPAddressString(have).getAddress();
        have = h == null ? have : h.toCanonicalString();
      }
      if (!have.equals(exp)) {
        diffs.add(f + "=" + (have.isEmpty() ? "(unset)" : have) + " (want " + exp + ")");
      }
    }
    // absent means Automatic (Calico defaults it on read); Manual pools serve only pods that name them
    String mode = spec.path("assignmentMode").asText(IpPoolSpec.AUTOMATIC);
    if (!mode.equals(IpPoolSpec.AUTOMATIC)) {
      diffs.add("assignmentMode=" + mode + " (want " + IpPoolSpec.AUTOMATIC + ")");
    }
    if (spec.path("disabled").asBoolean(false)) {
      diffs.add("disabled=true (want false)");
    }
    if (spec.path("disableBGPExport").asBoolean(false)) {
      diffs.add("disableBGPExport=true (want false)");
    }
    return String.join(", ", diffs);
  }

  static String segmentToCidr(String segment) {
    int dash = segment.lastIndexOf('-');
    return dash < 0 ? segment : segment.substring(0, dash) + "/" + segment.substring(dash + 1);
  }

  static String ranges(IpamConfig config) {
    return String.join(", ", config.ranges().stream().map(IPAddress::toCanonicalString).toList());
  }
}
