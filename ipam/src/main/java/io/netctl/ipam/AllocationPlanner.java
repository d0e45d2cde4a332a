package io.netctl.ipam;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv4.IPv4Address;
import io.netctl.ipam.Allocator.Outcome;
import io.netctl.ipam.Allocator.PoolsReport;
import io.netctl.ipam.Allocator.ReleaseResult;
import io.netctl.ipam.Allocator.Skipped;
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
  /** How many held pools below a new one a plan lists; more are passed over all the same. */
  static final int MAX_SKIPPED_LISTED = 100;

  private final IpamConfig config;
  /** The pools of the ranges, named on demand: nothing is enumerated ahead. */
  private final PoolGrid grid;

  public AllocationPlanner(IpamConfig config) {
    this.config = config;
    this.grid = new PoolGrid(config);
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

  /** Free blocks (up to a window, lowest first) and the foreign-held blocks seen on the way (at most {@link #MAX_SKIPPED_LISTED}). */
  private record Candidates(List<IPAddress> free, List<Skipped> skipped) {}

  /** Blocks {@code first..last} of a range held by a foreign IPPool, and which. */
  private record Held(long first, long last, String reason) {}

  // ---- allocate ------------------------------------------------------------------------------

  /** @throws BadInputException for a host IP inside the container ranges, or one that is an infrastructure IP of netctl.yaml */
  public void check(Request request) {
    if (request.hostIp() != null && config.inRanges(request.hostIp())) {
      throw new BadInputException("host IP " + request.hostIp() + " is inside the container ranges " + rangesText());
    }
    String infra = config.infrastructureAt(request.hostIp());
    if (infra != null) {
      throw new BadInputException("host IP " + request.hostIp() + " is the IP of " + infra + " in netctl.yaml; a node's host IP must be its own");
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
   * @throws RefusedException {@code HOST_IP_TAKEN}, {@code HOST_IP_DIFFERS}, {@code
   *     RECORD_MALFORMED} (the node's record cannot be read), or {@code EXHAUSTED} (also when the
   *     only free pools are {@code unavailable})
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
    MalformedRecord bad = view.malformedRecord();
    if (bad != null) {
      throw MalformedRelease.refusal(node, bad);
    }
    if (view.record() != null) {
      return planExisting(view, request, now);
    }
    Candidates c = candidates(view, window, unavailable);
    if (c.free().isEmpty()) {
      throw new RefusedException(RefusedException.Reason.EXHAUSTED, exhausted(view));
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
    history(t, new HistoryEntry(cidr, node, hostIp, now, HistoryEntry.Event.HELD));
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
      history(t, new HistoryEntry(a.cidr(), a.node(), hostIp, now, HistoryEntry.Event.HELD));
    }
    AllocationCompletion.State done = AllocationCompletion.plan(view, a, t, false, now);
    if (outcome == Outcome.EXISTING && done == AllocationCompletion.State.COMPLETED) {
      outcome = Outcome.COMPLETED;
    }
    return new Planned(t.isEmpty() ? null : t.build(), result, outcome, List.of(), done == AllocationCompletion.State.PENDING);
  }

  /** Appends {@code e} to the allocation history in the same transaction. */
  static void history(Txn.Builder t, HistoryEntry e) {
    t.op(Op.put(e.key(), e.toJson()));
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
    for (int r = 0; r < grid.ranges() && free.size() < window; r++) {
      IPAddress range = config.ranges().get(r);
      List<Held> foreign = foreignRuns(r, others);
      int f = 0;
      for (long i = 0; i < grid.blocks(r) && free.size() < window; i++) {
        while (f < foreign.size() && foreign.get(f).last() < i) {
          f++;
        }
        if (f < foreign.size() && foreign.get(f).first() <= i) {
          // a foreign pool holds every block up to its end: list a few, pass over all at once
          Held h = foreign.get(f);
          for (long j = i; j <= h.last() && skipped.size() < MAX_SKIPPED_LISTED; j++) {
            String key = grid.name(r, j);
            if (!unavailable.contains(key) && !view.indexed().contains(key)) {
              skipped.add(new Skipped(key, h.reason()));
            }
          }
          i = h.last();
          continue;
        }
        String key = grid.name(r, i);
        if (unavailable.contains(key) || view.indexed().contains(key)) {
          continue;
        }
        String reason = view.netctlPools().contains(key)
            ? "IPPool " + NetctlKeys.poolName(config.block(range, i)) + " is netctl's but has no allocation record (orphan; see netctl check)"
            : view.calicoBlocks().contains(key) ? "a Calico IPAM block exists for it (" + CalicoKeys.block(config.block(range, i)) + ")" : null;
        if (reason == null) {
          free.add(config.block(range, i));
        } else if (skipped.size() < MAX_SKIPPED_LISTED) {
          skipped.add(new Skipped(key, reason));
        }
      }
    }
    return new Candidates(free, skipped);
  }

  /** The blocks of range {@code r} that foreign pools hold, merged, lowest first, each with the first pool that holds it. */
  private List<Held> foreignRuns(int r, List<IpamState.Pool> others) {
    List<Held> runs = new ArrayList<>();
    for (IpamState.Pool p : others) {
      long[] o = grid.overlap(r, p.cidr());
      if (o != null) {
        runs.add(new Held(o[0], o[1], "IPPool " + p.resource().name() + " (" + p.cidr().toCanonicalString() + ") overlaps it"));
      }
    }
    runs.sort((x, y) -> Long.compare(x.first(), y.first()));
    List<Held> merged = new ArrayList<>();
    for (Held h : runs) {
      Held last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && h.first() <= last.last() + 1) {
        merged.set(merged.size() - 1, new Held(last.first(), Math.max(last.last(), h.last()), last.reason()));
      } else {
        merged.add(h);
      }
    }
    return merged;
  }

  /** Why nothing is free, with the use counted from what exists. */
  private String exhausted(AllocationView view) {
    long indexed = 0;
    long held = 0;
    for (int r = 0; r < grid.ranges(); r++) {
      RangeOccupancy o = RangeOccupancy.of(grid, r, view, List.of());
      indexed += o.indexed();
      held += o.occupied() - o.indexed();
    }
    return "no free /" + config.blockSize() + " left in " + rangesText() + ": " + indexed + " of " + config.totalBlocks()
        + " in use by netctl" + (held == 0 ? "" : ", " + held + " held by other IPPools or blocks");
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
   * <p>A record that cannot be read is never trusted: without force the release is refused; with
   * force it is deleted, and with the node's record go the keys that name the node ({@link
   * MalformedRelease}).
   *
   * @param force release even when Calico's block has addresses in use, or a record is malformed
   * @param now the time of the history entry the release appends ({@link HistoryEntry})
   * @throws RefusedException {@code NO_ALLOCATION}, or without force {@code BLOCK_IN_USE} or {@code RECORD_MALFORMED}
   */
  public PlannedRelease planRelease(IpamState state, String node, boolean force, Instant now) {
    return planRelease(state, CalicoReads.NONE, node, force, now);
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
   * As {@link #planRelease(IpamState, String, boolean, Instant)}, also removing the Calico Node's pool label;
   * with {@code force} and a block that has addresses, the IPAM handles of those addresses are
   * released with it ({@link BlockHandles}).
   */
  public PlannedRelease planRelease(IpamState state, CalicoReads calico, String node, boolean force, Instant now) {
    return ReleasePlanner.plan(state, calico, node, force, now);
  }

  // ---- report --------------------------------------------------------------------------------

  /**
   * What {@code netctl pools} shows, from a state already read (no affinities needed): every
   * allocation in CIDR order, and per range its pools in use by netctl, unavailable (held by
   * foreign IPPools or blocks, or netctl's IPPools without a record), and free.
   */
  public static PoolsReport pools(IpamConfig config, IpamState state) {
    return RangeOccupancy.report(config, state);
  }
}
