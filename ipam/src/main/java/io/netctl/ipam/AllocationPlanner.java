package io.netctl.ipam;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv4.IPv4Address;
import io.netctl.ipam.Allocator.Outcome;
import io.netctl.ipam.Allocator.PoolsReport;
import io.netctl.ipam.Allocator.RangeUse;
import io.netctl.ipam.Allocator.ReleaseResult;
import io.netctl.ipam.Allocator.Skipped;
import io.netctl.ipam.calico.AllocationBlock;
import io.netctl.ipam.calico.BlockAffinity;
import io.netctl.ipam.calico.CalicoKeys;
import io.netctl.ipam.calico.CalicoResource;
import io.netctl.ipam.calico.IpPoolSpec;
import io.netctl.ipam.store.KeyValue;
import io.netctl.ipam.store.Op;
import io.netctl.ipam.store.Txn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * Plans allocations and releases, and reports the use of the ranges, each as a function of a state
 * already read (and of {@code now}, given): no store, no clock, no threads. {@link Allocator} reads,
 * asks for a plan, commits its transaction, and plans again from a fresh read when another writer
 * got there first.
 *
 * <p>A plan is one transaction guarded by compares on everything it depends on: every create on
 * "does not exist", every update and delete on "unchanged since read". Refusals are thrown as
 * {@link RefusedException} with their {@link RefusedException.Reason}.
 */
public final class AllocationPlanner {
  private final IpamConfig config;
  /** The canonical name of every block of every range, in allocation order. */
  private final String[][] blockNames;

  public AllocationPlanner(IpamConfig config) {
    this.config = config;
    this.blockNames = new String[config.ranges().size()][];
    for (int r = 0; r < blockNames.length; r++) {
      IPAddress range = config.ranges().get(r);
      String[] names = new String[(int) config.blocksIn(range)];
      for (int i = 0; i < names.length; i++) {
        names[i] = config.block(range, i).toCanonicalString();
      }
      blockNames[r] = names;
    }
  }

  public IpamConfig config() {
    return config;
  }

  /**
   * What a node asks for.
   *
   * @param node a valid node name
   * @param hostIp the node's IP to record; null to leave it as it is
   * @param updateHostIp allow replacing a different recorded host IP
   */
  public record Request(String node, IPv4Address hostIp, boolean updateHostIp) {
    public Request {
      Names.node(node);
    }
  }

  /**
   * A planned allocation.
   *
   * @param txn the transaction; null when nothing must change
   * @param allocation the node's allocation once it is committed
   * @param outcome what it changes
   * @param skipped blocks below a new pool that are held by foreign IPPools or blocks
   * @param pending whether the allocation waits for its Calico Node: netctl's record and the IPPool
   *     exist, the block, affinity and the Node's pool label are written once calico-node has
   *     registered the Node (see {@link #planAllocate})
   */
  public record Planned(Txn txn, Allocation allocation, Outcome outcome, List<Skipped> skipped, boolean pending) {
    public Planned {
      skipped = List.copyOf(skipped);
    }

    /** The pool this plan takes (canonical CIDR), or null when it takes none (the node has one). */
    public String newPool() {
      return outcome == Outcome.CREATED ? allocation.cidrText() : null;
    }
  }

  /** A planned release: its transaction and what it will have done. */
  public record PlannedRelease(Txn txn, ReleaseResult result) {}

  /** Free blocks (up to a window, lowest first) and the foreign-held blocks seen on the way. */
  private record Candidates(List<IPAddress> free, List<Skipped> skipped) {}

  // ---- allocate ------------------------------------------------------------------------------

  /** @throws BadInputException for a host IP inside the container ranges */
  public void check(Request request) {
    if (request.hostIp() != null && config.inRanges(request.hostIp())) {
      throw new BadInputException("host IP " + request.hostIp() + " is inside the container ranges " + rangesText());
    }
  }

  /**
   * Plans giving {@code request.node()} a pool: the one it has (recording a new host IP if asked),
   * or one of the {@code window} lowest free pools, chosen by {@code random}.
   *
   * <p>Without the node's Calico Node the allocation is <em>pending</em>: record, indexes and
   * IPPool only, which kube-controllers' IPAM GC never releases ({@code
   * kube-controllers/pkg/controllers/node/ipam.go cleanupNode}); with it, the same transaction
   * completes it ({@link AllocationCompletion}: block, affinity, the Node's pool label). Planning
   * again completes what is missing (docs/calico.md, "Allocation in any join order").
   *
   * @param unavailable pools (canonical CIDRs) to pass over although the view shows them free
   * @param now the time to record
   * @throws BadInputException for a host IP inside the container ranges
   * @throws RefusedException {@code HOST_IP_TAKEN}, {@code HOST_IP_DIFFERS}, or {@code EXHAUSTED}
   *     (also when the only free pools are {@code unavailable})
   */
  public Planned planAllocate(AllocationView view, Request request, int window, Set<String> unavailable, RandomGenerator random, Instant now) {
    check(request);
    String node = request.node();
    IPv4Address hostIp = request.hostIp();
    if (hostIp != null) {
      KeyValue owner = view.hostIpOwner();
      if (owner != null && !owner.value().equals(NetctlKeys.indexValue(node))) {
        throw new RefusedException(RefusedException.Reason.HOST_IP_TAKEN, "host IP " + hostIp + " is already recorded for "
            + NetctlKeys.indexedNode(owner.value()).orElse("another node") + "; one host IP per node");
      }
    }
    if (view.record() != null) {
      return planExisting(view, request, now);
    }
    Candidates c = candidates(view, window, unavailable);
    if (c.free().isEmpty()) {
      long used = view.indexed().size();
      throw new RefusedException(RefusedException.Reason.EXHAUSTED,
          "no free /" + config.blockSize() + " left in " + rangesText() + ": " + used + " of " + config.totalBlocks()
              + " in use by netctl" + (c.skipped().isEmpty() ? "" : ", " + c.skipped().size() + " held by other IPPools or blocks"));
    }
    IPAddress cidr = c.free().get(c.free().size() == 1 ? 0 : random.nextInt(c.free().size()));
    List<Skipped> skipped = c.skipped().stream().filter(s -> lower(s.cidr(), cidr)).collect(Collectors.toList());
    Allocation a = new Allocation(node, cidr, hostIp, now, now);
    Txn.Builder t = Txn.builder();
    t.create(NetctlKeys.allocation(node), a.toJson());
    t.create(NetctlKeys.cidr(cidr), NetctlKeys.indexValue(node));
    if (hostIp != null) {
      t.create(NetctlKeys.hostIp(hostIp), NetctlKeys.indexValue(node));
    }
    t.create(CalicoKeys.resource("ippools", NetctlKeys.poolName(cidr)), poolJson(node, cidr, now));
    boolean pending = AllocationCompletion.plan(view, a, t, true, now) == AllocationCompletion.State.PENDING;
    return new Planned(t.build(), a, Outcome.CREATED, skipped, pending);
  }

  private Planned planExisting(AllocationView view, Request request, Instant now) {
    IpamState.Stored<Allocation> existing = view.record();
    Allocation a = existing.value();
    IPv4Address hostIp = request.hostIp();
    Txn.Builder t = Txn.builder();
    Outcome outcome = Outcome.EXISTING;
    Allocation result = a;
    if (hostIp != null && !hostIp.equals(a.hostIp())) {
      if (a.hostIp() != null && !request.updateHostIp()) {
        throw new RefusedException(RefusedException.Reason.HOST_IP_DIFFERS,
            a.node() + " already has host IP " + a.hostIp() + " (pool " + a.cidrText() + "); to change it to " + hostIp + " use --update-host-ip");
      }
      result = a.withHostIp(hostIp, now);
      t.update(existing.kv(), result.toJson());
      if (a.hostIp() != null) {
        // the old index entry is deleted without reading it: a delete of an absent key is harmless
        t.op(Op.delete(NetctlKeys.hostIp(a.hostIp())));
      }
      t.create(NetctlKeys.hostIp(hostIp), NetctlKeys.indexValue(a.node()));
      outcome = a.hostIp() == null ? Outcome.HOST_IP_SET : Outcome.HOST_IP_UPDATED;
    }
    AllocationCompletion.State done = AllocationCompletion.plan(view, a, t, false, now);
    if (outcome == Outcome.EXISTING && done == AllocationCompletion.State.COMPLETED) {
      outcome = Outcome.COMPLETED;
    }
    return new Planned(t.isEmpty() ? null : t.build(), result, outcome, List.of(), done == AllocationCompletion.State.PENDING);
  }

  private String poolJson(String node, IPAddress cidr, Instant now) {
    IpPoolSpec spec = new IpPoolSpec(cidr, config.blockSize(), IpPoolSpec.selectorFor(NetctlKeys.poolName(cidr)), false, false);
    return CalicoResource.create(
            "IPPool",
            NetctlKeys.poolName(cidr),
            Map.of(CalicoResource.MANAGED_BY, CalicoResource.NETCTL),
            Map.of("netctl.io/node", node),
            spec.toJson(),
            null,
            now)
        .toJson();
  }

  private Candidates candidates(AllocationView view, int window, Set<String> unavailable) {
    List<IpamState.Pool> others = foreignInRanges(config, view);
    List<IPAddress> free = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    for (int r = 0; r < blockNames.length; r++) {
      IPAddress range = config.ranges().get(r);
      String[] names = blockNames[r];
      for (int i = 0; i < names.length && free.size() < window; i++) {
        String key = names[i];
        if (unavailable.contains(key) || view.indexed().contains(key)) {
          continue;
        }
        if (others.isEmpty() && !view.netctlPools().contains(key) && !view.calicoBlocks().contains(key)) {
          free.add(config.block(range, i));
          continue;
        }
        IPAddress b = config.block(range, i);
        String reason = foreignHolder(view, b, key, others);
        if (reason != null) {
          skipped.add(new Skipped(key, reason));
        } else {
          free.add(b);
        }
      }
    }
    return new Candidates(free, skipped);
  }

  /** IPPools not netctl's whose CIDR overlaps the ranges. */
  private static List<IpamState.Pool> foreignInRanges(IpamConfig config, AllocationView view) {
    List<IpamState.Pool> others = new ArrayList<>();
    for (IpamState.Pool p : view.foreignPools()) {
      if (p.cidr() != null && config.inRanges(p.cidr())) {
        others.add(p);
      }
    }
    return others;
  }

  /** Why block {@code b} (canonically {@code key}) is held by something netctl does not own, or null when it is not. */
  private static String foreignHolder(AllocationView view, IPAddress b, String key, List<IpamState.Pool> others) {
    if (view.netctlPools().contains(key)) {
      return "IPPool " + NetctlKeys.poolName(b) + " is netctl's but has no allocation record (orphan; see netctl check)";
    }
    for (IpamState.Pool o : others) {
      if (o.cidr().overlaps(b)) {
        return "IPPool " + o.resource().name() + " (" + o.cidr().toCanonicalString() + ") overlaps it";
      }
    }
    if (view.calicoBlocks().contains(key)) {
      return "a Calico IPAM block exists for it (" + CalicoKeys.block(b) + ")";
    }
    return null;
  }

  private static boolean lower(String cidr, IPAddress than) {
    return new IPAddressString(cidr).getAddress().compareTo(than) < 0;
  }

  private String rangesText() {
    return config.ranges().stream().map(IPAddress::toCanonicalString).collect(Collectors.joining(", "));
  }

  // ---- release -------------------------------------------------------------------------------

  /**
   * Plans freeing {@code node}'s pool: netctl's record and indexes, its IPPool, block and affinity,
   * each delete guarded by its mod revision. Keys that are gone or not netctl's are left alone and
   * noted.
   *
   * @param state at least the keys a release touches (the node's record, indexes, IPPool, block and affinity)
   * @param force release even when Calico's block has addresses in use
   * @throws RefusedException {@code NO_ALLOCATION}, or {@code BLOCK_IN_USE} without force
   */
  public PlannedRelease planRelease(IpamState state, String node, boolean force) {
    return planRelease(state, CalicoReads.NONE, node, force);
  }

  /**
   * What a release reads of Calico beyond {@link IpamState}.
   *
   * @param calicoNode the node's Calico Node, or null: its pool label ({@link
   *     io.netctl.ipam.calico.PoolLabel}) goes with the pool
   * @param handles the IPAM handles the node's block names, by id (a handle not in the map is gone);
   *     null when they were not read, which a forced release of a block in use refuses to plan without
   */
  public record CalicoReads(KeyValue calicoNode, Map<String, KeyValue> handles) {
    public static final CalicoReads NONE = new CalicoReads(null, null);
  }

  /**
   * As {@link #planRelease(IpamState, String, boolean)}, also removing the Calico Node's pool label;
   * with {@code force} and a block that has addresses, the IPAM handles of those addresses are
   * released with it ({@link BlockHandles}).
   */
  public PlannedRelease planRelease(IpamState state, CalicoReads calico, String node, boolean force) {
    Map<String, KeyValue> handles = calico.handles();
    IpamState.Stored<Allocation> existing = state.allocations().get(node);
    if (existing == null) {
      throw new RefusedException(RefusedException.Reason.NO_ALLOCATION, node + " has no allocation; nothing released");
    }
    Allocation a = existing.value();
    IPAddress cidr = a.cidr();
    Txn.Builder t = Txn.builder();
    List<String> deleted = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    int inUse = 0;
    IpamState.Stored<AllocationBlock> block = state.blocks().get(cidr.toCanonicalString());
    if (block != null) {
      String host = block.value().affineHost();
      if (node.equals(host)) {
        inUse = block.value().inUse();
        if (inUse > 0 && !force) {
          throw new RefusedException(RefusedException.Reason.BLOCK_IN_USE,
              node + "'s block " + a.cidrText() + " has " + inUse + " address" + (inUse == 1 ? "" : "es")
                  + " in use by pods; drain the node first, or release with --force");
        }
        guardedDelete(t, deleted, block.kv());
      } else {
        notes.add("block " + a.cidrText() + " has affinity " + block.value().affinity() + ", not host:" + node + "; left alone");
      }
    } else {
      notes.add("Calico block " + a.cidrText() + " was already gone");
    }
    guardedDelete(t, deleted, existing.kv());
    KeyValue cidrIndex = state.netctlKeys().get(NetctlKeys.cidr(cidr));
    if (cidrIndex != null && cidrIndex.value().equals(NetctlKeys.indexValue(node))) {
      guardedDelete(t, deleted, cidrIndex);
    }
    if (a.hostIp() != null) {
      KeyValue ipIndex = state.netctlKeys().get(NetctlKeys.hostIp(a.hostIp()));
      if (ipIndex != null && ipIndex.value().equals(NetctlKeys.indexValue(node))) {
        guardedDelete(t, deleted, ipIndex);
      }
    }
    String poolKey = CalicoKeys.resource("ippools", NetctlKeys.poolName(cidr));
    Optional<IpamState.Pool> pool = state.pools().stream().filter(p -> p.kv().key().equals(poolKey)).findFirst();
    if (pool.isPresent() && pool.get().managed()) {
      guardedDelete(t, deleted, pool.get().kv());
    } else if (pool.isPresent()) {
      notes.add("IPPool " + pool.get().resource().name() + " is not marked as netctl's; left alone");
    } else {
      notes.add("IPPool " + NetctlKeys.poolName(cidr) + " was already gone");
    }
    KeyValue affinity = state.affinities().get(CalicoKeys.affinity(node, cidr));
    if (affinity != null) {
      guardedDelete(t, deleted, affinity);
    }
    KeyValue calicoNode = calico.calicoNode();
    String poolName = NetctlKeys.poolName(cidr);
    if (calicoNode != null && io.netctl.ipam.calico.PoolLabel.carries(calicoNode.key(), calicoNode.value(), poolName)) {
      t.update(calicoNode, io.netctl.ipam.calico.PoolLabel.unlabeled(calicoNode.key(), calicoNode.value()));
      notes.add("label " + io.netctl.ipam.calico.PoolLabel.KEY + " removed from Calico Node " + node);
    }
    if (inUse > 0 && !block.value().handles().isEmpty()) {
      if (handles == null) {
        throw new IllegalStateException("a forced release of a block in use needs its IPAM handles read");
      }
      BlockHandles.release(block.value(), handles, t, deleted.size() + 1, deleted, notes); // + the Calico Node's label
    }
    return new PlannedRelease(t.build(), new ReleaseResult(a, deleted, inUse, notes));
  }

  private static void guardedDelete(Txn.Builder t, List<String> deleted, KeyValue kv) {
    t.delete(kv);
    deleted.add(kv.key());
  }

  // ---- report --------------------------------------------------------------------------------

  /**
   * What {@code netctl pools} shows, from a state already read (no affinities needed): every
   * allocation in CIDR order, and per range its pools in use by netctl, unavailable (held by
   * foreign IPPools or blocks, or netctl's IPPools without a record), and free.
   */
  public static PoolsReport pools(IpamConfig config, IpamState state) {
    AllocationView view = AllocationView.of(state, "-", null);
    List<IpamState.Pool> others = foreignInRanges(config, view);
    List<Allocation> all = state.allocations().values().stream().map(IpamState.Stored::value)
        .sorted((x, y) -> x.cidr().compareTo(y.cidr())).toList();
    List<RangeUse> ranges = new ArrayList<>();
    for (IPAddress r : config.ranges()) {
      long total = config.blocksIn(r);
      long used = all.stream().filter(a -> r.contains(a.cidr())).count();
      long unavailable = 0;
      for (long i = 0; i < total; i++) {
        IPAddress b = config.block(r, i);
        String key = b.toCanonicalString();
        if (!view.indexed().contains(key) && foreignHolder(view, b, key, others) != null) {
          unavailable++;
        }
      }
      ranges.add(new RangeUse(r.toCanonicalString(), total, used, unavailable, Math.max(0, total - used - unavailable)));
    }
    return new PoolsReport(all, ranges);
  }
}
