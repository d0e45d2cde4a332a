package io.netctl.ipam;

import inet.ipaddr.IPAddress;
import inet.ipaddr.ipv4.IPv4Address;
import io.netctl.ipam.calico.AllocationBlock;
import io.netctl.ipam.calico.BlockAffinity;
import io.netctl.ipam.calico.CalicoKeys;
import io.netctl.ipam.calico.CalicoResource;
import io.netctl.ipam.calico.IpPoolSpec;
import io.netctl.ipam.store.KeyValue;
import io.netctl.ipam.store.KvStore;
import io.netctl.ipam.store.Txn;
import io.netctl.ipam.store.TxnResult;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * Allocates and releases per-host pools. Each operation reads a consistent snapshot, plans one
 * transaction guarded by compares on everything it depends on, and commits it; when another
 * writer got there first the compares fail, nothing is written, and it plans again from a fresh
 * read. Allocation is idempotent: a node that holds a pool gets the same pool back, also when
 * retrying after a timeout whose outcome was unknown.
 *
 * <p>Under contention, retries spread over the lowest free blocks (a window that doubles with
 * each failed attempt) instead of all racing for the single lowest one.
 */
public final class Allocator {
  static final int MAX_ATTEMPTS = 64;
  static final int MAX_WINDOW = 128;

  private final KvStore store;
  private final IpamConfig config;
  private final Clock clock;
  private final Random random;
  private final IpamReplica replica;
  /** The canonical name of every block of every range, in allocation order. */
  private final String[][] blockNames;
  /**
   * Pools this allocator is committing right now: threads sharing one allocator (a controller's
   * workers) never race each other for the same pool; other processes are kept apart by the
   * transactions' compares.
   */
  private final java.util.Set<String> inFlight = java.util.concurrent.ConcurrentHashMap.newKeySet();
  /** How many of the lowest free pools the first attempt chooses among (1 = the lowest); grows under contention. */
  private volatile int startWindow = 1;

  public Allocator(KvStore store, IpamConfig config, Clock clock) {
    this(store, config, clock, new Random());
  }

  Allocator(KvStore store, IpamConfig config, Clock clock, Random random) {
    this(store, config, clock, random, null);
  }

  private Allocator(KvStore store, IpamConfig config, Clock clock, Random random, IpamReplica replica) {
    this.store = store;
    this.config = config;
    this.clock = clock;
    this.random = random;
    this.replica = replica;
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

  /**
   * An allocator for a long-running process: it plans from {@code replica} (a mirror kept current
   * by watches) instead of reading the store for every allocation, so an uncontended allocation
   * is one transaction.
   */
  public static Allocator mirrored(KvStore store, IpamConfig config, Clock clock, IpamReplica replica) {
    return new Allocator(store, config, clock, new Random(), replica);
  }

  public IpamConfig config() {
    return config;
  }

  /** What happened to a node's allocation. */
  public enum Outcome {
    CREATED,
    EXISTING,
    HOST_IP_SET,
    HOST_IP_UPDATED
  }

  /** A block passed over because something netctl does not own holds it. */
  public record Skipped(String cidr, String reason) {}

  /**
   * The result of {@link #allocate}.
   *
   * @param allocation the node's allocation as it now stands
   * @param outcome what this call changed
   * @param skipped blocks below the chosen one that are held by foreign IPPools or blocks
   * @param attempts how many transactions it took (1 without contention)
   */
  public record AllocationResult(Allocation allocation, Outcome outcome, List<Skipped> skipped, int attempts) {}

  /**
   * The result of {@link #release}.
   *
   * @param released the allocation that is gone
   * @param deletedKeys every key deleted, in one transaction
   * @param addressesInUse addresses Calico had allocated in the block (non-zero only with force)
   * @param notes what was left alone and why
   */
  public record ReleaseResult(Allocation released, List<String> deletedKeys, int addressesInUse, List<String> notes) {}

  /** Use of one range. */
  public record RangeUse(String cidr, long total, long used, long unavailable, long free) {}

  /** Everything {@code netctl pools} shows. */
  public record PoolsReport(List<Allocation> allocations, List<RangeUse> ranges) {}

  // ---- allocate ------------------------------------------------------------------------------

  /**
   * Gives {@code node} the lowest free pool, or returns the one it has.
   *
   * @param hostIp the node's IP to record; null to leave it as it is
   * @param updateHostIp allow replacing a different recorded host IP
   * @throws BadInputException for a host IP inside the container ranges
   * @throws RefusedException when exhausted, or the host IP is taken or differs without {@code updateHostIp}
   */
  public AllocationResult allocate(String node, IPv4Address hostIp, boolean updateHostIp) {
    Names.node(node);
    if (hostIp != null && config.inRanges(hostIp)) {
      throw new BadInputException("host IP " + hostIp + " is inside the container ranges " + rangesText());
    }
    int window = startWindow;
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      AllocationView view = replica == null ? AllocationView.read(store, node, hostIp) : replica.view(node, hostIp);
      Planned p;
      try {
        p = planAllocate(view, node, hostIp, updateHostIp, window, true);
      } catch (RefusedException e) {
        if (replica == null && inFlight.isEmpty()) {
          throw e;
        }
        // a refusal is never based on the mirror or on this allocator's in-flight pools alone: confirm from the store
        p = planAllocate(AllocationView.read(store, node, hostIp), node, hostIp, updateHostIp, window, false);
      }
      TxnResult result;
      try {
        result = p.txn == null ? null : store.commit(p.txn);
      } catch (RuntimeException e) {
        release(p);
        throw e;
      }
      if (replica != null && result != null) {
        if (result.succeeded()) {
          replica.committed(p.txn, result);
        } else {
          replica.refresh(p.txn);
        }
      }
      release(p);
      if (result == null || result.succeeded()) {
        // Adapt to contention like a congestion window: after conflicts, later allocations by this
        // allocator start spread over more of the lowest free pools; without, back to the lowest.
        startWindow = attempt == 0 ? Math.max(1, startWindow - (startWindow + 3) / 4) : Math.min(MAX_WINDOW, window * 2);
        return new AllocationResult(p.allocation, p.outcome, p.skipped, attempt + 1);
      }
      window = Math.min(MAX_WINDOW, window * 2);
    }
    throw new RefusedException(RefusedException.Reason.CONTENTION,
        "gave up on " + node + " after " + MAX_ATTEMPTS + " attempts: the datastore changed under every one; re-run (allocation is idempotent)");
  }

  /** A planned allocation: the transaction (null when nothing must change) and its result. */
  record Planned(Txn txn, Allocation allocation, Outcome outcome, List<Skipped> skipped, boolean reserved) {
    Planned(Txn txn, Allocation allocation, Outcome outcome, List<Skipped> skipped) {
      this(txn, allocation, outcome, skipped, false);
    }
  }

  Planned planAllocate(AllocationView state, String node, IPv4Address hostIp, boolean updateHostIp, int window) {
    return planAllocate(state, node, hostIp, updateHostIp, window, false);
  }

  private void release(Planned p) {
    if (p.reserved()) {
      inFlight.remove(p.allocation.cidrText());
    }
  }

  /** With {@code reserve}, the chosen pool is marked in flight (the caller removes the mark after committing). */
  Planned planAllocate(AllocationView state, String node, IPv4Address hostIp, boolean updateHostIp, int window, boolean reserve) {
    Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    IpamState.Stored<Allocation> existing = state.record();
    if (hostIp != null) {
      KeyValue owner = state.hostIpOwner();
      if (owner != null && !owner.value().equals(NetctlKeys.indexValue(node))) {
        throw new RefusedException(RefusedException.Reason.HOST_IP_TAKEN, "host IP " + hostIp + " is already recorded for " + nodeOf(owner) + "; one host IP per node");
      }
    }
    if (existing != null) {
      return planExisting(state, existing, hostIp, updateHostIp, now);
    }
    Candidates c;
    IPAddress chosen = null;
    boolean reservedHere = false;
    long waitUntil = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    while (true) {
      c = candidates(state, window, reserve);
      if (c.free.isEmpty() && reserve && !inFlight.isEmpty() && System.nanoTime() < waitUntil) {
        Thread.yield(); // the only free pools are being committed by this allocator's other threads: see how that ends
        continue;
      }
      if (c.free.isEmpty()) {
        long used = state.indexed().size();
        throw new RefusedException(RefusedException.Reason.EXHAUSTED,
            "no free /" + config.blockSize() + " left in " + rangesText() + ": " + used + " of " + config.totalBlocks()
                + " in use by netctl" + (c.skipped.isEmpty() ? "" : ", " + c.skipped.size() + " held by other IPPools or blocks"));
      }
      int first = c.free.size() == 1 ? 0 : random.nextInt(c.free.size());
      for (int k = 0; k < c.free.size() && chosen == null; k++) {
        IPAddress x = c.free.get((first + k) % c.free.size());
        if (!reserve) {
          chosen = x;
        } else if (inFlight.add(x.toCanonicalString())) {
          if (state.indexed().contains(x.toCanonicalString())) {
            inFlight.remove(x.toCanonicalString()); // another thread committed it between the scan and now
          } else {
            chosen = x;
            reservedHere = true;
          }
        }
      }
      if (chosen != null) {
        break;
      }
      // every candidate was reserved by another thread meanwhile: scan again
    }
    IPAddress cidr = chosen;
    List<Skipped> skipped = c.skipped.stream().filter(s -> lower(s.cidr(), cidr)).collect(Collectors.toList());
    Allocation a = new Allocation(node, cidr, hostIp, now, now);
    Txn.Builder t = Txn.builder();
    t.create(NetctlKeys.allocation(node), a.toJson());
    t.create(NetctlKeys.cidr(cidr), NetctlKeys.indexValue(node));
    if (hostIp != null) {
      t.create(NetctlKeys.hostIp(hostIp), NetctlKeys.indexValue(node));
    }
    t.create(CalicoKeys.resource("ippools", NetctlKeys.poolName(cidr)), poolJson(node, cidr, now));
    t.create(CalicoKeys.block(cidr), AllocationBlock.fresh(cidr, node, now));
    KeyValue leftover = state.affinities().get(CalicoKeys.affinity(node, cidr));
    if (leftover == null) {
      t.create(CalicoKeys.affinity(node, cidr), BlockAffinity.CONFIRMED);
    } else {
      t.update(leftover, BlockAffinity.CONFIRMED);
    }
    return new Planned(t.build(), a, Outcome.CREATED, skipped, reservedHere);
  }

  private Planned planExisting(AllocationView state, IpamState.Stored<Allocation> existing, IPv4Address hostIp, boolean update, Instant now) {
    Allocation a = existing.value();
    if (hostIp == null || hostIp.equals(a.hostIp())) {
      return new Planned(null, a, Outcome.EXISTING, List.of());
    }
    if (a.hostIp() != null && !update) {
      throw new RefusedException(RefusedException.Reason.HOST_IP_DIFFERS,
          a.node() + " already has host IP " + a.hostIp() + " (pool " + a.cidrText() + "); to change it to " + hostIp + " use --update-host-ip");
    }
    Allocation changed = a.withHostIp(hostIp, now);
    Txn.Builder t = Txn.builder().update(existing.kv(), changed.toJson());
    if (a.hostIp() != null) {
      // the old index entry is deleted without reading it: a delete of an absent key is harmless
      t.op(io.netctl.ipam.store.Op.delete(NetctlKeys.hostIp(a.hostIp())));
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

  /** Free blocks (up to the attempt's window, lowest first) and the foreign-held blocks seen on the way. */
  private record Candidates(List<IPAddress> free, List<Skipped> skipped) {}

  private Candidates candidates(AllocationView state, int window, boolean skipInFlight) {
    List<IpamState.Pool> otherPools = new ArrayList<>();
    for (IpamState.Pool p : state.foreignPools()) {
      if (p.cidr() != null && config.inRanges(p.cidr())) {
        otherPools.add(p);
      }
    }
    List<IPAddress> free = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    for (int r = 0; r < blockNames.length; r++) {
      IPAddress range = config.ranges().get(r);
      String[] names = blockNames[r];
      for (int i = 0; i < names.length && free.size() < window; i++) {
        String key = names[i];
        // in-flight first: a pool leaves the in-flight set only after the mirror shows it allocated
        if (skipInFlight && inFlight.contains(key) || state.indexed().contains(key)) {
          continue;
        }
        if (otherPools.isEmpty() && !state.netctlPools().contains(key) && !state.calicoBlocks().contains(key)) {
          free.add(config.block(range, i));
          continue;
        }
        IPAddress b = config.block(range, i);
        String reason = foreignHolder(state, b, key, otherPools);
        if (reason != null) {
          skipped.add(new Skipped(key, reason));
        } else {
          free.add(b);
        }
      }
    }
    return new Candidates(free, skipped);
  }

  private static String foreignHolder(AllocationView state, IPAddress b, String key, List<IpamState.Pool> others) {
    if (state.netctlPools().contains(key)) {
      return "IPPool " + NetctlKeys.poolName(b) + " is netctl's but has no allocation record (orphan; see netctl check)";
    }
    for (IpamState.Pool o : others) {
      if (o.cidr().overlaps(b)) {
        return "IPPool " + o.resource().name() + " (" + o.cidr().toCanonicalString() + ") overlaps it";
      }
    }
    if (state.calicoBlocks().contains(key)) {
      return "a Calico IPAM block exists for it (" + CalicoKeys.block(b) + ")";
    }
    return null;
  }

  private static boolean lower(String cidr, IPAddress than) {
    return new inet.ipaddr.IPAddressString(cidr).getAddress().compareTo(than) < 0;
  }

  private static String nodeOf(KeyValue index) {
    String v = index.value();
    int i = v.indexOf("\"node\":\"");
    return i < 0 ? "another node" : v.substring(i + 8, v.indexOf('"', i + 8));
  }

  private String rangesText() {
    return config.ranges().stream().map(IPAddress::toCanonicalString).collect(Collectors.joining(", "));
  }

  // ---- release -------------------------------------------------------------------------------

  /**
   * Frees {@code node}'s pool: netctl's record and indexes, its IPPool, block and affinity, in one
   * transaction guarded by their mod revisions.
   *
   * @param force release even when Calico's block has addresses in use
   * @throws RefusedException when the node has no allocation, or its block is in use without force
   */
  public ReleaseResult release(String node, boolean force) {
    Names.node(node);
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      IpamState state = releaseState(node);
      PlannedRelease p = planRelease(state, node, force);
      if (store.commit(p.txn).succeeded()) {
        return p.result;
      }
    }
    throw new RefusedException(RefusedException.Reason.CONTENTION, "gave up releasing " + node + " after " + MAX_ATTEMPTS + " attempts: the datastore changed under every one; re-run");
  }

  record PlannedRelease(Txn txn, ReleaseResult result) {}

  /**
   * Just the keys a release of {@code node} touches — its record, indexes, IPPool, block and
   * affinity — in two round trips, not the whole state (a release costs the same with 5 or 5,000 nodes).
   */
  private IpamState releaseState(String node) {
    Optional<KeyValue> rec = store.get(NetctlKeys.allocation(node));
    if (rec.isEmpty()) {
      return IpamState.of(new io.netctl.ipam.store.Range(List.of(), 0), new io.netctl.ipam.store.Range(List.of(), 0),
          new io.netctl.ipam.store.Range(List.of(), 0), null);
    }
    Allocation a = Allocation.parse(rec.get().key(), rec.get().value());
    List<io.netctl.ipam.store.Read> reads = new ArrayList<>(List.of(
        io.netctl.ipam.store.Read.key(NetctlKeys.allocation(node)),
        io.netctl.ipam.store.Read.key(NetctlKeys.cidr(a.cidr())),
        io.netctl.ipam.store.Read.key(CalicoKeys.resource("ippools", NetctlKeys.poolName(a.cidr()))),
        io.netctl.ipam.store.Read.key(CalicoKeys.block(a.cidr())),
        io.netctl.ipam.store.Read.key(CalicoKeys.affinity(node, a.cidr()))));
    if (a.hostIp() != null) {
      reads.add(io.netctl.ipam.store.Read.key(NetctlKeys.hostIp(a.hostIp())));
    }
    List<io.netctl.ipam.store.Range> r = store.read(reads);
    List<KeyValue> netctl = new ArrayList<>(r.get(0).kvs());
    netctl.addAll(r.get(1).kvs());
    if (a.hostIp() != null) {
      netctl.addAll(r.get(5).kvs());
    }
    long rev = r.get(0).revision();
    return IpamState.of(new io.netctl.ipam.store.Range(netctl, rev), r.get(2), r.get(3), r.get(4));
  }

  PlannedRelease planRelease(IpamState state, String node, boolean force) {
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
        t.delete(block.kv());
        deleted.add(block.kv().key());
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
    return new PlannedRelease(t.build(), new ReleaseResult(a, deleted, inUse, notes));
  }

  private static void guardedDelete(Txn.Builder t, List<String> deleted, KeyValue kv) {
    t.delete(kv);
    deleted.add(kv.key());
  }

  // ---- reading -------------------------------------------------------------------------------

  public Optional<Allocation> show(String node) {
    Names.node(node);
    return store.get(NetctlKeys.allocation(node)).map(kv -> Allocation.parse(kv.key(), kv.value()));
  }

  public List<Allocation> list() {
    return IpamState.read(store, null).allocations().values().stream().map(IpamState.Stored::value).toList();
  }

  public PoolsReport pools() {
    IpamState state = IpamState.read(store, null);
    List<Allocation> all = state.allocations().values().stream().map(IpamState.Stored::value)
        .sorted((x, y) -> x.cidr().compareTo(y.cidr())).toList();
    Candidates everything = candidatesAll(state);
    List<RangeUse> ranges = new ArrayList<>();
    for (IPAddress r : config.ranges()) {
      long total = config.blocksIn(r);
      long used = all.stream().filter(a -> r.contains(a.cidr())).count();
      long unavailable = everything.skipped.stream().filter(s -> r.contains(new inet.ipaddr.IPAddressString(s.cidr()).getAddress())).count();
      ranges.add(new RangeUse(r.toCanonicalString(), total, used, unavailable, Math.max(0, total - used - unavailable)));
    }
    return new PoolsReport(all, ranges);
  }

  private Candidates candidatesAll(IpamState state) {
    return candidates(AllocationView.of(state, "-", null), Integer.MAX_VALUE, false);
  }
}
