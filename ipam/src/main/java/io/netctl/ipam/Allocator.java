package io.netctl.ipam;

import inet.ipaddr.ipv4.IPv4Address;
import io.netctl.ipam.AllocationPlanner.Planned;
import io.netctl.ipam.AllocationPlanner.PlannedRelease;
import io.netctl.ipam.calico.CalicoKeys;
import io.netctl.ipam.store.KeyValue;
import io.netctl.ipam.store.KvStore;
import io.netctl.ipam.store.Range;
import io.netctl.ipam.store.Read;
import io.netctl.ipam.store.StoreException;
import io.netctl.ipam.store.TxnResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Allocates and releases per-host pools. Each operation reads a consistent snapshot, has the
 * {@link AllocationPlanner} plan one transaction guarded by compares on everything it depends on,
 * and commits it; when another writer got there first the compares fail, nothing is written, and
 * it plans again from a fresh read. Allocation is idempotent: a node that holds a pool gets the
 * same pool back, also when retrying after a timeout whose outcome was unknown. Time comes only
 * from the injected clock.
 *
 * <p>Under contention, retries spread over the lowest free blocks (a window that doubles with
 * each failed attempt) instead of all racing for the single lowest one. Threads sharing one
 * allocator reserve the pool they are committing ({@link InFlightPools}), so they never race each
 * other for it.
 */
public final class Allocator {
  static final int MAX_ATTEMPTS = 64;
  static final int MAX_WINDOW = 128;
  /** How long, on the injected clock, an allocation waits for the pools this allocator's other threads are committing. */
  static final Duration IN_FLIGHT_WAIT = Duration.ofSeconds(10);

  private final KvStore store;
  private final AllocationPlanner planner;
  private final Clock clock;
  private final Random random;
  private final IpamReplica replica;
  private final InFlightPools inFlight = new InFlightPools();
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
    this.planner = new AllocationPlanner(config);
    this.clock = clock;
    this.random = random;
    this.replica = replica;
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
    return planner.config();
  }

  /** What happened to a node's allocation. */
  public enum Outcome {
    CREATED,
    EXISTING,
    HOST_IP_SET,
    HOST_IP_UPDATED,
    /** The node had its pool; what was missing of it in Calico (block, affinity, the Calico Node's pool label) is written now. */
    COMPLETED
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
   * @param pending whether the allocation waits for calico-node to register the node's Calico Node;
   *     allocating again (or the controller) then creates its block and affinity
   */
  public record AllocationResult(Allocation allocation, Outcome outcome, List<Skipped> skipped, int attempts, boolean pending) {}

  /**
   * The result of {@link #release}.
   *
   * @param released the allocation that is gone; null when its record could not be read
   * @param deletedKeys every key deleted, in one transaction
   * @param addressesInUse addresses Calico had allocated in the block (non-zero only with force)
   * @param notes what was left alone and why
   * @param malformed the node's record that could not be read and was removed (with force), or null
   */
  public record ReleaseResult(Allocation released, List<String> deletedKeys, int addressesInUse, List<String> notes, MalformedRecord malformed) {}

  /** Use of one range. */
  public record RangeUse(String cidr, long total, long used, long unavailable, long free) {}

  /**
   * Everything {@code netctl pools} shows ({@link AllocationPlanner#pools}).
   *
   * @param allocations every allocation that can be read, in CIDR order
   * @param ranges the use of each range
   * @param malformed the records that cannot be read (their pools count as unavailable)
   * @param uses the addresses in use in each allocation's IPAM block, in CIDR order
   */
  public record PoolsReport(List<Allocation> allocations, List<RangeUse> ranges, List<MalformedRecord> malformed, List<PoolUse> uses) {}

  // ---- allocate ------------------------------------------------------------------------------

  /**
   * Gives {@code node} the lowest free pool, or returns the one it has.
   *
   * @param hostIp the node's IP to record; null to leave it as it is
   * @param updateHostIp allow replacing a different recorded host IP
   * @throws BadInputException for an invalid node name or a host IP inside the container ranges
   * @throws RefusedException when exhausted, the host IP is taken or differs without {@code
   *     updateHostIp}, or other writers won every attempt ({@link RefusedException.Reason})
   */
  public AllocationResult allocate(String node, IPv4Address hostIp, boolean updateHostIp) {
    AllocationPlanner.Request request = new AllocationPlanner.Request(node, hostIp, updateHostIp);
    planner.check(request);
    int window = startWindow;
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Reserved r;
      try {
        r = planReserving(request, window);
      } catch (RefusedException e) {
        if (replica == null && inFlight.isEmpty()) {
          throw e;
        }
        // a refusal is never based on the mirror or on this allocator's in-flight pools alone: confirm from the store
        r = new Reserved(planner.planAllocate(AllocationView.read(store, node, hostIp), request, window, Set.of(), random, now()), null);
      }
      Planned p = r.planned();
      TxnResult result;
      try {
        result = p.txn() == null ? null : store.commit(p.txn());
        if (replica != null && result != null) {
          if (result.succeeded()) {
            replica.committed(p.txn(), result);
          } else {
            replica.refresh(p.txn());
          }
        }
      } finally {
        // after the mirror shows the pool allocated, so other threads never see it free in between
        if (r.pool() != null) {
          inFlight.end(r.pool());
        }
      }
      if (result == null || result.succeeded()) {
        // Adapt to contention like a congestion window: after conflicts, later allocations by this
        // allocator start spread over more of the lowest free pools; without, back to the lowest.
        startWindow = attempt == 0 ? Math.max(1, startWindow - (startWindow + 3) / 4) : Math.min(MAX_WINDOW, window * 2);
        return new AllocationResult(p.allocation(), p.outcome(), p.skipped(), attempt + 1, p.pending());
      }
      window = Math.min(MAX_WINDOW, window * 2);
    }
    throw new RefusedException(RefusedException.Reason.CONTENTION,
        "gave up on " + node + " after " + MAX_ATTEMPTS + " attempts: the datastore changed under every one; re-run (allocation is idempotent)");
  }

  /** A plan, and the pool reserved for it (null when it takes no new pool). */
  private record Reserved(Planned planned, String pool) {}

  /**
   * Plans from the current view, passing over and then reserving pools so this allocator's threads
   * never plan the same one. When the only free pools are other threads' reservations, waits (on
   * {@link InFlightPools}, up to {@link #IN_FLIGHT_WAIT} on the clock) for one to end and plans
   * again from a fresh view.
   */
  private Reserved planReserving(AllocationPlanner.Request request, int window) {
    AllocationView view = view(request);
    Instant deadline = null;
    while (true) {
      InFlightPools.Snapshot busy = inFlight.snapshot();
      Planned p;
      try {
        p = planner.planAllocate(view, request, window, busy.pools(), random, now());
      } catch (RefusedException e) {
        if (e.reason() != RefusedException.Reason.EXHAUSTED || busy.pools().isEmpty()) {
          throw e;
        }
        deadline = deadline == null ? clock.instant().plus(IN_FLIGHT_WAIT) : deadline;
        if (!inFlight.awaitEnd(busy, deadline, clock)) {
          throw e;
        }
        view = view(request);
        continue;
      }
      String pool = p.newPool();
      if (pool == null) {
        return new Reserved(p, null);
      }
      if (inFlight.reserve(pool)) {
        if (!view.indexed().contains(pool)) {
          return new Reserved(p, pool);
        }
        inFlight.end(pool); // another thread committed it between the plan and now
      }
      // reserved or committed by another thread since the snapshot: plan again
    }
  }

  private AllocationView view(AllocationPlanner.Request request) {
    return replica == null
        ? AllocationView.read(store, request.node(), request.hostIp())
        : replica.view(request.node(), request.hostIp());
  }

  /** The time an allocation records: the clock's, to the second. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS);
  }

  // ---- release -------------------------------------------------------------------------------

  /**
   * Frees {@code node}'s pool: netctl's record and indexes, its IPPool, block and affinity, in one
   * transaction guarded by their mod revisions.
   *
   * @param force release even when Calico's block has addresses in use, or when the node's record
   *     (or its IPPool or block) cannot be read: then the keys that name the node go
   * @throws RefusedException when the node has no allocation, its block is in use or a record is
   *     malformed without force, or other writers won every attempt ({@link RefusedException.Reason})
   */
  public ReleaseResult release(String node, boolean force) {
    Names.node(node);
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      IpamState state = releaseState(node);
      AllocationPlanner.CalicoReads calico = new AllocationPlanner.CalicoReads(
          store.get(io.netctl.ipam.calico.CalicoKeys.node(node)).orElse(null), force ? handles(state, node) : null);
      PlannedRelease p = planner.planRelease(state, calico, node, force, now());
      if (store.commit(p.txn()).succeeded()) {
        return p.result();
      }
    }
    throw new RefusedException(RefusedException.Reason.CONTENTION,
        "gave up releasing " + node + " after " + MAX_ATTEMPTS + " attempts: the datastore changed under every one; re-run");
  }

  /** The IPAM handles the node's block names (for a forced release), by handle id; those that are gone are left out. */
  private Map<String, KeyValue> handles(IpamState state, String node) {
    Map<String, KeyValue> out = new HashMap<>();
    IpamState.Stored<Allocation> rec = state.allocations().get(node);
    IpamState.Stored<io.netctl.ipam.calico.AllocationBlock> block = rec == null ? null : state.blocks().get(rec.value().cidrText());
    if (block == null || block.value().handles().isEmpty()) {
      return out;
    }
    for (Range r : store.read(BlockHandles.keys(block.value()).stream().map(Read::key).toList())) {
      for (KeyValue kv : r.kvs()) {
        out.put(kv.key().substring(io.netctl.ipam.calico.CalicoKeys.HANDLES.length()), kv);
      }
    }
    return out;
  }

  /**
   * Just the keys a release of {@code node} touches — its record, indexes, IPPool, block and
   * affinity — in two round trips, not the whole state (a release costs the same with 5 or 5,000
   * nodes). When the record cannot be read, netctl's indexes name the node's pools instead.
   */
  private IpamState releaseState(String node) {
    Optional<KeyValue> rec = store.get(NetctlKeys.allocation(node));
    if (rec.isEmpty()) {
      return IpamState.of(new Range(List.of(), 0), new Range(List.of(), 0), new Range(List.of(), 0), null);
    }
    Allocation a;
    try {
      a = Allocation.parse(rec.get().key(), rec.get().value());
    } catch (StoreException e) {
      return malformedReleaseState(node);
    }
    List<Read> reads = new ArrayList<>(List.of(
        Read.key(NetctlKeys.allocation(node)),
        Read.key(NetctlKeys.cidr(a.cidr())),
        Read.key(CalicoKeys.resource("ippools", NetctlKeys.poolName(a.cidr()))),
        Read.key(CalicoKeys.block(a.cidr())),
        Read.key(CalicoKeys.affinity(node, a.cidr()))));
    if (a.hostIp() != null) {
      reads.add(Read.key(NetctlKeys.hostIp(a.hostIp())));
    }
    List<Range> r = store.read(reads);
    List<KeyValue> netctl = new ArrayList<>(r.get(0).kvs());
    netctl.addAll(r.get(1).kvs());
    if (a.hostIp() != null) {
      netctl.addAll(r.get(5).kvs());
    }
    long rev = r.get(0).revision();
    return IpamState.of(new Range(netctl, rev), r.get(2), r.get(3), r.get(4));
  }

  /** For a record that cannot be read: netctl's records and indexes, the node's affinities, and the IPPools and blocks of the pools its index entries name. */
  private IpamState malformedReleaseState(String node) {
    List<Range> r = store.read(List.of(Read.prefix(NetctlKeys.ROOT), Read.prefix(CalicoKeys.affinities(node))));
    List<Read> reads = new ArrayList<>();
    for (KeyValue kv : r.get(0).kvs()) {
      if (kv.key().startsWith(NetctlKeys.CIDRS) && NetctlKeys.indexedNode(kv.value()).filter(node::equals).isPresent()) {
        String segment = kv.key().substring(NetctlKeys.CIDRS.length());
        reads.add(Read.key(CalicoKeys.IPPOOLS + "netctl-" + segment.replace('.', '-')));
        reads.add(Read.key(CalicoKeys.BLOCKS_V4 + segment));
      }
    }
    List<KeyValue> pools = new ArrayList<>();
    List<KeyValue> blocks = new ArrayList<>();
    long rev = r.get(0).revision();
    if (!reads.isEmpty()) {
      // read at a later revision than the indexes: every delete is guarded by its own mod revision all the same
      List<Range> more = store.read(reads);
      for (int i = 0; i < more.size(); i++) {
        (i % 2 == 0 ? pools : blocks).addAll(more.get(i).kvs());
      }
    }
    return IpamState.of(r.get(0), new Range(pools, rev), new Range(blocks, rev), r.get(1));
  }

  // ---- reading -------------------------------------------------------------------------------

  /**
   * The node's allocation, if it has one.
   *
   * @throws RefusedException {@code RECORD_MALFORMED} when its record cannot be read
   */
  public Optional<Allocation> show(String node) {
    Names.node(node);
    return store.get(NetctlKeys.allocation(node)).map(kv -> {
      try {
        return Allocation.parse(kv.key(), kv.value());
      } catch (StoreException e) {
        throw MalformedRelease.refusal(node, MalformedRecord.of(kv, node, null, e));
      }
    });
  }

  public List<Allocation> list() {
    return IpamState.read(store, null).allocations().values().stream().map(IpamState.Stored::value).toList();
  }

  /** True while a thread waits for the pools other threads are committing (for tests). */
  boolean waitingForInFlight() {
    return inFlight.hasWaiters();
  }

  /** What {@code netctl pools} shows, from one read of the store. */
  public PoolsReport pools() {
    return AllocationPlanner.pools(config(), IpamState.read(store, null));
  }
}
