package io.netctl.cli.controller;

import io.netctl.bgp.calico.RouteReflector;
import io.netctl.cli.metrics.NetctlMetrics;
import io.netctl.ipam.Allocation;
import io.netctl.validator.observe.BmpFeed;
import io.netctl.validator.observe.BmpSource;
import io.netctl.validator.observe.MonitorSource;
import io.netctl.validator.routes.PoolPresence;
import io.netctl.validator.routes.ReflectedRoute;
import io.netctl.validator.routes.RrObservation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller's routes-ready gate. At each {@link #runOnce()} it looks at what the live monitor
 * sessions and BMP feeds show of every reflector, and for each allocation with a host IP:
 *
 * <ul>
 *   <li>the first time a reflector shows the pool with next hop = the host IP, observes
 *       {@code netctl_route_propagation_seconds{source}}: from the allocation's commit (its record's
 *       {@code updatedAt}) to now — only for commits made while this controller ran, so a restart
 *       does not count old allocations as slow ones;</li>
 *   <li>while leading, sets the Node condition {@code NetctlRoutesReady}: True when every observed
 *       reflector has it, else False naming the ones still without it; written only when it changes.
 *       Nothing is written while no reflector can be observed.</li>
 * </ul>
 */
public final class RoutePropagation {
  private static final Logger LOG = LoggerFactory.getLogger(RoutePropagation.class);

  private final Supplier<List<Allocation>> allocations;
  private final MonitorSource monitor;
  private final BmpSource bmp;
  private final List<RouteReflector> reflectors;
  private final NodeConditions conditions;
  private final NetctlMetrics metrics;
  private final Clock clock;
  private final BooleanSupplier writing;
  private final Instant started;
  /** "node cidr hostIp source" of every sighting already counted. */
  private final Set<String> seen = new HashSet<>();
  /** The condition last written per node ("True" or "False: message"). */
  private final Map<String, String> written = new HashMap<>();

  public RoutePropagation(Supplier<List<Allocation>> allocations, MonitorSource monitor, BmpSource bmp, List<RouteReflector> reflectors,
      NodeConditions conditions, NetctlMetrics metrics, Clock clock, BooleanSupplier writing) {
    this.allocations = allocations;
    this.monitor = monitor;
    this.bmp = bmp;
    this.reflectors = List.copyOf(reflectors);
    this.conditions = conditions;
    this.metrics = metrics;
    this.clock = clock;
    this.writing = writing;
    this.started = clock.instant();
    if (active()) {
      for (RouteReflector rr : this.reflectors) {
        if (monitor != null) {
          metrics.routePropagationSource(rr.name());
        }
        if (bmp != null) {
          metrics.routePropagationSource(rr.name() + " (BMP)");
        }
      }
    }
  }

  /** Whether there is anything to observe (a monitor or BMP source and a reflector). */
  public boolean active() {
    return (monitor != null || bmp != null) && !reflectors.isEmpty();
  }

  private java.util.concurrent.ScheduledExecutorService timer;

  /** Looks every {@code every} on a thread of its own, when there is anything to observe. */
  public synchronized void start(Duration every) {
    if (!active() || timer != null) {
      return;
    }
    timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "netctl-routes-ready");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleWithFixedDelay(this::runOnce, every.toMillis(), every.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  public synchronized void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }

  /** One look at every source; never throws. */
  public void runOnce() {
    try {
      look();
    } catch (RuntimeException e) {
      LOG.warn("routes-ready look failed: {}", e.toString());
    }
  }

  private void look() {
    Map<String, List<ReflectedRoute>> tables = tables();
    Instant now = clock.instant();
    Set<String> current = new HashSet<>();
    Set<String> nodes = new HashSet<>();
    for (Allocation a : allocations.get()) {
      if (a.hostIp() == null) {
        continue;
      }
      nodes.add(a.node());
      List<String> missing = new ArrayList<>();
      for (Map.Entry<String, List<ReflectedRoute>> t : tables.entrySet()) {
        String key = a.node() + " " + a.cidrText() + " " + a.hostIpText() + " " + t.getKey();
        current.add(key);
        if (!PoolPresence.atReflector(t.getValue(), a.cidr(), a.hostIp()).present()) {
          missing.add(t.getKey());
        } else if (seen.add(key) && !a.updatedAt().isBefore(started)) {
          metrics.routePropagation(t.getKey(), Duration.between(a.updatedAt(), now));
        }
      }
      if (!tables.isEmpty() && writing.getAsBoolean()) {
        condition(a, missing);
      }
    }
    seen.retainAll(current);
    written.keySet().retainAll(nodes);
  }

  private void condition(Allocation a, List<String> missing) {
    boolean ready = missing.isEmpty();
    String message = ready ? a.cidrText() + " via " + a.hostIpText() + " is at every route reflector observed"
        : a.cidrText() + " via " + a.hostIpText() + " is not yet at " + String.join(", ", missing);
    String state = ready ? "True" : "False: " + message;
    if (state.equals(written.get(a.node()))) {
      return;
    }
    if (conditions.routesReady(a.node(), ready, ready ? "RoutesPresent" : "RoutesMissing", message, clock.instant())) {
      written.put(a.node(), state);
    }
  }

  /** The routes of every reflector that can be observed now, by source name (a BMP feed's ends in " (BMP)"). */
  private Map<String, List<ReflectedRoute>> tables() {
    Map<String, List<ReflectedRoute>> out = new LinkedHashMap<>();
    if (monitor != null) {
      for (RrObservation o : monitor.observe().reflectors()) {
        if (o.ok()) {
          out.put(o.rr(), o.routes());
        }
      }
    }
    if (bmp != null) {
      Set<String> expected = new HashSet<>();
      reflectors.forEach(rr -> expected.add(rr.ip().toCanonicalString()));
      Map<String, BmpFeed.Router> feed = bmp.routers(expected);
      for (RouteReflector rr : reflectors) {
        BmpFeed.Router r = feed.get(rr.ip().toCanonicalString());
        if (r != null) {
          out.put(rr.name() + " (BMP)", r.routes());
        }
      }
    }
    return out;
  }
}
