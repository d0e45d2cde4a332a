package io.netctl.cli.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netctl.ipam.Allocator;
import io.netctl.ipam.PoolUse;
import io.netctl.validator.Code;
import io.netctl.validator.Finding;
import io.netctl.validator.observe.PeerSession;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * Every metric netctl exports, in one Prometheus registry. Names follow Prometheus conventions
 * (base unit in the name, {@code _total} on counters); see docs/kubernetes.md for each one's
 * meaning. Gauges with per-peer or per-range labels appear and disappear with their subject.
 */
public final class NetctlMetrics {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<Code, AtomicLong> findings = new EnumMap<>(Code.class);
  private final Map<String, AtomicLong> capacity = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> used = new ConcurrentHashMap<>();
  private final Map<String, AtomicLongArray> nodeAddresses = new ConcurrentHashMap<>();
  private final Map<String, List<Meter>> nodeAddressMeters = new ConcurrentHashMap<>();
  private final Counter ticks;
  private final Map<String, AtomicReference<PeerSession>> peers = new ConcurrentHashMap<>();
  private final Map<String, List<Meter>> peerMeters = new ConcurrentHashMap<>();
  private volatile BooleanSupplier writing = () -> false;
  private final AtomicLong routesMissing = new AtomicLong();
  private final AtomicLong routesStray = new AtomicLong();
  private final Counter checkFailures;
  private final AtomicReference<Double> checkSeconds = new AtomicReference<>(Double.NaN);
  private final AtomicReference<Double> lastSuccess = new AtomicReference<>(0.0);

  public NetctlMetrics() {
    for (Code c : Code.values()) {
      AtomicLong v = new AtomicLong();
      findings.put(c, v);
      Gauge.builder("netctl.findings", v, AtomicLong::get)
          .description("Current findings of the last check, by code and severity")
          .tags("code", c.id(), "severity", c.severity().name().toLowerCase(java.util.Locale.ROOT))
          .register(registry);
    }
    checkFailures = Counter.builder("netctl.check.failures")
        .description("Drift checks that failed: the datastore (etcd) could not be read; the last findings are kept").register(registry);
    ticks = Counter.builder("netctl.reconcile.ticks").description("Passes of the reconcile loop's timer (every second); stops rising when the loop is stuck").register(registry);
    Gauge.builder("netctl.leader", this, m -> m.writing.getAsBoolean() ? 1 : 0).description("1 while this replica holds the lease and writes, else 0").register(registry);
    Gauge.builder("netctl.routes.missing", routesMissing, AtomicLong::get).description("Allocated pools missing from a route table the check reads").register(registry);
    Gauge.builder("netctl.routes.stray", routesStray, AtomicLong::get).description("Prefixes in the managed ranges that no allocation explains").register(registry);
    Gauge.builder("netctl.check.duration", checkSeconds, AtomicReference::get).baseUnit("seconds").description("How long the last check took").register(registry);
    Gauge.builder("netctl.check.last.success.timestamp", lastSuccess, AtomicReference::get).baseUnit("seconds")
        .description("Unix time of the last check that ran to the end").register(registry);
  }

  public String scrape() {
    return registry.scrape();
  }

  // ---- controller ----------------------------------------------------------------------------

  /** One allocation attempt by result. */
  /** A pass of the reconcile loop: {@code netctl_reconcile_ticks_total} keeps rising while the loop is alive. */
  public void tick() {
    ticks.increment();
  }

  public void allocation(String result) {
    Counter.builder("netctl.allocations").description("Allocation attempts by result").tag("result", result).register(registry).increment();
  }

  /** One release attempt by result. */
  public void release(String result) {
    Counter.builder("netctl.releases").description("Release attempts of deleted Nodes' pools by result").tag("result", result).register(registry).increment();
  }

  /** Where the leader gauge reads from, at each scrape: whether this replica may write now. */
  public void leader(BooleanSupplier writing) {
    this.writing = writing;
  }

  /** The use of each range. */
  public void ranges(List<Allocator.RangeUse> ranges) {
    for (Allocator.RangeUse r : ranges) {
      capacity.computeIfAbsent(r.cidr(), k -> {
        AtomicLong v = new AtomicLong();
        Gauge.builder("netctl.pool.capacity", v, AtomicLong::get).baseUnit("pools").description("Host pools a range holds").tag("range", k).register(registry);
        return v;
      }).set(r.total());
      used.computeIfAbsent(r.cidr(), k -> {
        AtomicLong v = new AtomicLong();
        Gauge.builder("netctl.pool.used", v, AtomicLong::get).baseUnit("pools").description("Host pools of a range allocated to nodes").tag("range", k).register(registry);
        return v;
      }).set(r.used());
    }
  }

  /**
   * The addresses in use and in all of each node's pool ({@code netctl_pool_addresses_in_use{node}},
   * {@code netctl_pool_addresses_capacity{node}}); a node no longer listed loses its series.
   */
  public void poolAddresses(List<PoolUse> uses) {
    Set<String> seen = new HashSet<>();
    for (PoolUse u : uses) {
      seen.add(u.node());
      AtomicLongArray v = nodeAddresses.computeIfAbsent(u.node(), n -> {
        AtomicLongArray cell = new AtomicLongArray(2);
        nodeAddressMeters.put(n, List.of(
            Gauge.builder("netctl.pool.addresses.in.use", cell, c -> c.get(0)).description("Addresses in use in the node's Calico IPAM block").tag("node", n)
                .register(registry),
            Gauge.builder("netctl.pool.addresses.capacity", cell, c -> c.get(1)).description("Addresses of the node's pool (netctl_pool_addresses_total is no valid Prometheus gauge name: _total is for counters)").tag("node", n).register(registry)));
        return cell;
      });
      v.set(0, u.inUse());
      v.set(1, u.total());
    }
    for (String n : Set.copyOf(nodeAddresses.keySet())) {
      if (!seen.contains(n)) {
        nodeAddresses.remove(n);
        nodeAddressMeters.remove(n).forEach(registry::remove);
      }
    }
  }

  // ---- checks --------------------------------------------------------------------------------

  /** The current findings: every code's gauge is set, zero when absent. */
  public void findings(List<Finding> current) {
    Map<Code, Long> counts = new EnumMap<>(Code.class);
    for (Finding f : current) {
      counts.merge(f.code(), 1L, Long::sum);
    }
    findings.forEach((c, v) -> v.set(counts.getOrDefault(c, 0L)));
    routesMissing.set(counts.getOrDefault(Code.ROUTE_MISSING, 0L));
    routesStray.set(counts.getOrDefault(Code.ROUTE_STRAY, 0L));
  }

  /** A check that ran to the end. */
  public void checkDone(Duration took, Instant at) {
    checkSeconds.set(took.toNanos() / 1e9);
    lastSuccess.set(at.toEpochMilli() / 1000.0);
  }

  /** A check that failed: its duration, and {@code netctl_check_failures_total} counts it. */
  public void checkFailed(Duration took) {
    checkSeconds.set(took.toNanos() / 1e9);
    checkFailures.increment();
  }

  /** Histogram buckets of {@code netctl_route_propagation_seconds}. */
  private static final Duration[] PROPAGATION_BUCKETS = java.util.stream.IntStream.of(1, 2, 5, 10, 20, 30, 60, 120, 300, 600)
      .mapToObj(Duration::ofSeconds).toArray(Duration[]::new);

  /** A pool seen at {@code source} (a route reflector) for the first time, {@code took} after its allocation's commit. */
  public void routePropagation(String source, Duration took) {
    propagationTimer(source).record(took);
  }

  /**
   * Registers {@code netctl_route_propagation_seconds{source}} with no observation, so the series
   * (zero buckets, count and sum) is scraped from the start rather than from the first allocation.
   */
  public void routePropagationSource(String source) {
    propagationTimer(source);
  }

  private io.micrometer.core.instrument.Timer propagationTimer(String source) {
    return io.micrometer.core.instrument.Timer.builder("netctl.route.propagation")
        .description("From an allocation's commit to its pool being seen with the right next hop at each route reflector")
        .tag("source", source).serviceLevelObjectives(PROPAGATION_BUCKETS).register(registry);
  }

  // ---- BGP sessions --------------------------------------------------------------------------

  /** The sessions now observed; peers no longer observed lose their series. */
  public void sessions(List<PeerSession> now) {
    Set<String> seen = new HashSet<>();
    for (PeerSession s : now) {
      seen.add(s.peer());
      AtomicReference<PeerSession> ref = peers.computeIfAbsent(s.peer(), p -> {
        AtomicReference<PeerSession> r = new AtomicReference<>(s);
        Tags t = Tags.of("peer", p);
        peerMeters.put(p, List.of(
            Gauge.builder("netctl.bgp.session.state", r, x -> x.get().fsmState()).tags(t)
                .description("RFC 4271 FSM state: 1 Idle, 2 Connect, 3 Active, 4 OpenSent, 5 OpenConfirm, 6 Established").register(registry),
            FunctionCounter.builder("netctl.bgp.session.flaps", r, x -> x.get().flaps()).tags(t)
                .description("Times the session left or re-entered Established, also between scrapes").register(registry),
            Gauge.builder("netctl.bgp.routes.received", r, x -> x.get().routesReceived()).tags(t)
                .description("Routes currently received from the peer").register(registry)));
        return r;
      });
      ref.set(s);
    }
    for (String p : Set.copyOf(peers.keySet())) {
      if (!seen.contains(p)) {
        peers.remove(p);
        peerMeters.remove(p).forEach(registry::remove);
      }
    }
  }

  // ---- BFD and route churn ---------------------------------------------------------------------

  private final Map<String, AtomicLong> bfd = new ConcurrentHashMap<>();
  private final Map<String, Meter> bfdMeters = new ConcurrentHashMap<>();
  private final Set<String> churnSeries = ConcurrentHashMap.newKeySet();

  /** BIRD's BFD sessions now ({@code netctl_bfd_session_state{peer}}: 0 AdminDown, 1 Down, 2 Init, 3 Up); gone sessions lose their series. */
  public void bfdSessions(List<io.netctl.validator.observe.BfdSession> now) {
    Set<String> seen = new HashSet<>();
    for (var s : now) {
      seen.add(s.address());
      bfd.computeIfAbsent(s.address(), p -> {
        AtomicLong v = new AtomicLong();
        bfdMeters.put(p, Gauge.builder("netctl.bfd.session.state", v, AtomicLong::get).tag("peer", p)
            .description("RFC 5880 BFD session state as BIRD reports it: 0 AdminDown, 1 Down, 2 Init, 3 Up").register(registry));
        return v;
      }).set(s.stateNumber());
    }
    for (String p : Set.copyOf(bfd.keySet())) {
      if (!seen.contains(p)) {
        bfd.remove(p);
        registry.remove(bfdMeters.remove(p));
      }
    }
  }

  /**
   * The route churn counters ({@code netctl_route_changes_total{pool,source}}): each (pool,
   * source) of {@code churn} gets a counter that reads its total at every scrape.
   */
  public void routeChanges(io.netctl.validator.routes.RouteChurn churn) {
    for (io.netctl.validator.routes.RouteChurn.Key k : churn.keys()) {
      if (churnSeries.add(k.pool() + " " + k.source())) {
        FunctionCounter.builder("netctl.route.changes", churn, c -> c.total(k)).tags("pool", k.pool(), "source", k.source())
            .description("Announcements and withdrawals of a managed pool's route seen at a route reflector (source), after the session's initial table")
            .register(registry);
      }
    }
  }
}
