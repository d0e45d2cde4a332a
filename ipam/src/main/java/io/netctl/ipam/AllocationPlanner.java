package io.netctl.ipam;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv4.IPv4Address;
import io.netctl.ipam.Allocator.Outcome;
import io.netctl.ipam.Allocator.PoolsReport;
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
   */
  public record Planned(Txn txn, Allocation allocation, Outcome outcome, List<Skipped> skipped) {
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
      return planExisting(view.record(), request, now);
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
    t.create(CalicoKeys.block(cidr), AllocationBlock.fresh(cidr, node, now));
    KeyValue leftover = view.affinities().get(CalicoKeys.affinity(node, cidr));
    if (leftover == null) {
      t.create(CalicoKeys.affinity(node, cidr), BlockAffinity.CONFIRMED);
    } else {
      t.update(leftover, BlockAffinity.CONFIRMED);
    }
    return new Planned(t.build(), a, Outcome.CREATED, skipped);
  }

  private Planned planExisting(IpamState.Stored<Allocation> existing, Request request, Instant now) {
    Allocation a = existing.value();
    IPv4Address hostIp = request.hostIp();
    if (hostIp == null || hostIp.equals(a.hostIp())) {
      return new Planned(null, a, Outcome.EXISTING, List.of());
    }
    if (a.hostIp() != null && !request.updateHostIp()) {
      throw new RefusedException(RefusedException.Reason.HOST_IP_DIFFERS,
          a.node() + " already has host IP " + a.hostIp() + " (pool " + a.cidrText() + "); to change it to " + hostIp + " use --update-host-ip");
    }
    Allocation changed = a.withHostIp(hostIp, now);
    Txn.Builder t = Txn.builder().update(existing.kv(), changed.toJson());
    if (a.hostIp() != null) {
      // the old index entry is deleted without reading it: a delete of an absent key is harmless
      t.op(Op.delete(NetctlKeys.hostIp(a.hostIp())));
    }
    t.create(NetctlKeys.hostIp(hostIp), NetctlKeys.indexValue(a.node()));
    return new Planned(t.build(), changed, a.hostIp() == null ? Outcome.HOST_IP_SET : Outcome.HOST_IP_UPDATED, List.of());
  }

  private String poolJson(String node, IPAddress cidr, Instant now) {
    IpPoolSpec spec = new IpPoolSpec(cidr, config.blockSize(), IpPoolSpec.selectorFor(node), false, false);
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
   * @throws RefusedException {@code NO_ALLOCATION}, or without force {@code BLOCK_IN_USE} or {@code RECORD_MALFORMED}
   */
  public PlannedRelease planRelease(IpamState state, String node, boolean force) {
    IpamState.Stored<Allocation> existing = state.allocations().get(node);
    MalformedRecord bad = state.malformedAt(NetctlKeys.allocation(node));
    if (existing == null && bad != null) {
      return MalformedRelease.plan(state, node, bad, force);
    }
    if (existing == null) {
      throw new RefusedException(RefusedException.Reason.NO_ALLOCATION, node + " has no allocation; nothing released");
    }
    Allocation a = existing.value();
    IPAddress cidr = a.cidr();
    Txn.Builder t = Txn.builder();
    List<String> deleted = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    int inUse = 0;
    for (MalformedRecord m : state.malformed()) {
      if (a.cidrText().equals(m.cidr()) && (m.key().equals(CalicoKeys.block(cidr))
          || m.key().equals(CalicoKeys.resource("ippools", NetctlKeys.poolName(cidr))))) {
        if (!force) {
          throw MalformedRelease.refusal(node, m);
        }
        guardedDelete(t, deleted, m.kv());
      }
    }
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
    } else if (!deleted.contains(CalicoKeys.block(cidr))) {
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
    } else if (!deleted.contains(poolKey)) {
      notes.add("IPPool " + NetctlKeys.poolName(cidr) + " was already gone");
    }
    KeyValue affinity = state.affinities().get(CalicoKeys.affinity(node, cidr));
    if (affinity != null) {
      guardedDelete(t, deleted, affinity);
    }
    return new PlannedRelease(t.build(), new ReleaseResult(a, deleted, inUse, notes, null));
  }

  static void guardedDelete(Txn.Builder t, List<String> deleted, KeyValue kv) {
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
    return RangeOccupancy.report(config, state);
  }
}
