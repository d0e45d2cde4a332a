package io.netctl.validator.observe;

import io.netctl.bgp.bmp.BmpCollector;
import io.netctl.bgp.bmp.BmpEvent;
import io.netctl.bgp.bmp.MonitoredPeer;
import io.netctl.bgp.rib.RibSnapshot;
import io.netctl.validator.routes.ReflectedRoute;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A BMP feed (RFC 7854) as a source for the checks: netctl listens, the route reflectors that speak
 * BMP (FRR {@code -M bmp}, GoBGP {@code bmp-servers}) connect and report their peers' sessions and
 * Adj-RIB-Ins. The feed is read until every expected router is connected and quiet for {@code settle},
 * or {@code wait} has passed.
 */
public final class BmpFeed {
  private BmpFeed() {}

  /**
   * What one router reported.
   *
   * @param router its address
   * @param peers each monitored peer's address → null while up, else the Peer Down reason
   * @param routes the routes it holds: its Loc-RIB when reported, else the union of its post-policy
   *     (else pre-policy) Adj-RIB-Ins — what a reflector reflects
   * @param routesByPeer routes received from each peer (its post-policy Adj-RIB-In, else pre-policy)
   * @param restart graceful restart of each peer's session, from its last Peer Up's OPENs
   */
  public record Router(String router, Map<String, String> peers, List<ReflectedRoute> routes, Map<String, Integer> routesByPeer,
      Map<String, PeerRestart> restart) {
    public Router(String router, Map<String, String> peers, List<ReflectedRoute> routes, Map<String, Integer> routesByPeer) {
      this(router, peers, routes, routesByPeer, Map.of());
    }
  }

  /**
   * What both ends of a monitored session advertised about graceful restart, from the Peer Up's
   * Sent OPEN (the router's) and Received OPEN (the peer's), RFC 7854 §4.10.
   */
  public record PeerRestart(RestartCapabilities router, RestartCapabilities peer) {
    /** Both OPENs' capabilities; empty when the router did not report one of them (unknown, not absent). */
    static java.util.Optional<PeerRestart> of(BmpEvent.PeerUp up) {
      if (up.sentOpen() == null || up.receivedOpen() == null) {
        return java.util.Optional.empty();
      }
      return java.util.Optional.of(new PeerRestart(RestartCapabilities.of(up.sentOpen()), RestartCapabilities.of(up.receivedOpen())));
    }

    /** One line for the session graph: {@code router: ..., peer: ...}. */
    public String describe() {
      return "router: " + router.describe() + "; peer: " + peer.describe();
    }
  }

  /**
   * A feed that stays open (the controller's): routers connect and reconnect as they like; {@link
   * #now()} reads what they have reported so far.
   */
  public static final class Live implements BmpSource, AutoCloseable {
    private final Map<String, Map<String, String>> peers = new ConcurrentHashMap<>();
    private final Map<String, Map<String, PeerRestart>> restart = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> peerDowns = new ConcurrentHashMap<>();
    private final BmpCollector collector;

    public Live(InetSocketAddress bind) {
      this(bind, null, router -> router);
    }

    /**
     * @param churn counts the routers' route changes ({@link io.netctl.validator.routes.RouteChurn#bmp}), or null
     * @param sourceOf the churn source of a router address (e.g. its reflector's name)
     */
    public Live(InetSocketAddress bind, io.netctl.validator.routes.RouteChurn churn, java.util.function.UnaryOperator<String> sourceOf) {
      collector = new BmpCollector(e -> {
        String router = host(e.router());
        if (churn != null) {
          churn.bmp(sourceOf.apply(router), e);
        }
        if (e instanceof BmpEvent.PeerUp up) {
          peers.computeIfAbsent(router, r -> new ConcurrentHashMap<>()).put(up.peer().address(), "");
          PeerRestart.of(up).ifPresent(gr -> restart.computeIfAbsent(router, r -> new ConcurrentHashMap<>()).put(up.peer().address(), gr));
        } else if (e instanceof BmpEvent.PeerDown down) {
          String before = peers.computeIfAbsent(router, r -> new ConcurrentHashMap<>())
              .put(down.peer().address(), down.reason() == null ? "peer down" : down.reason());
          if ("".equals(before)) { // a session that was up went down (once, whatever the number of views reporting it)
            peerDowns.computeIfAbsent(router + " " + down.peer().address(), k -> new AtomicLong()).incrementAndGet();
          }
        } else if (e instanceof BmpEvent.RouterUp) {
          peers.computeIfAbsent(router, r -> new ConcurrentHashMap<>());
        } else if (e instanceof BmpEvent.RouterDown) {
          peers.remove(router);
        }
      });
      try {
        collector.listen(bind);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new io.netctl.ipam.UnreachableException("interrupted while opening BMP on " + bind);
      } catch (Exception e) {
        throw new io.netctl.ipam.UnreachableException("cannot listen for BMP on " + bind + ": " + e.getMessage(), e);
      }
    }

    /** Every connected router's report now. */
    @Override
    public Map<String, Router> routers(Set<String> expected) {
      return now();
    }

    public Map<String, Router> now() {
      try {
        return collect(peers, restart, collector.snapshot().get(10, TimeUnit.SECONDS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Map.of();
      } catch (Exception e) {
        return Map.of();
      }
    }

    /** Peer Down messages seen for {@code peer} at {@code router} (the session's flaps). */
    @Override
    public long downs(String router, String peer) {
      AtomicLong n = peerDowns.get(router + " " + peer);
      return n == null ? 0 : n.get();
    }

    @Override
    public void close() {
      collector.close();
    }
  }

  private static Map<String, Router> collect(Map<String, Map<String, String>> peers, Map<String, Map<String, PeerRestart>> restart,
      Map<String, Map<MonitoredPeer, RibSnapshot>> ribs) {
    Map<String, Router> out = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, String>> p : peers.entrySet()) {
      Map<MonitoredPeer, RibSnapshot> mine = new HashMap<>();
      ribs.forEach((r, m) -> {
        if (host(r).equals(p.getKey())) {
          mine.putAll(m);
        }
      });
      Map<String, String> state = new LinkedHashMap<>();
      p.getValue().forEach((addr, reason) -> state.put(addr, reason.isEmpty() ? null : reason));
      Map<String, Integer> counts = new HashMap<>();
      for (MonitoredPeer.View view : List.of(MonitoredPeer.View.PRE_POLICY, MonitoredPeer.View.POST_POLICY)) {
        mine.forEach((peer, rib) -> {
          if (peer.view() == view) {
            counts.put(peer.address(), rib.size());
          }
        });
      }
      Map<String, PeerRestart> gr = new LinkedHashMap<>();
      restart.getOrDefault(p.getKey(), Map.of()).forEach((addr, r) -> {
        if (state.containsKey(addr) && state.get(addr) == null) { // only sessions that are up
          gr.put(addr, r);
        }
      });
      out.put(p.getKey(), new Router(p.getKey(), state, routes(mine), counts, gr));
    }
    return out;
  }

  /** Listens on {@code bind} and returns what the routers at {@code expected} (IPs) reported. */
  public static Map<String, Router> read(InetSocketAddress bind, Set<String> expected, Duration wait, Duration settle) {
    Map<String, Map<String, String>> peers = new ConcurrentHashMap<>();
    Map<String, Map<String, PeerRestart>> restart = new ConcurrentHashMap<>();
    AtomicLong lastEvent = new AtomicLong(System.nanoTime());
    BmpCollector collector = new BmpCollector(e -> {
      lastEvent.set(System.nanoTime());
      String router = host(e.router());
      if (e instanceof BmpEvent.PeerUp up) {
        peers.computeIfAbsent(router, r -> new ConcurrentHashMap<>()).put(up.peer().address(), "");
        PeerRestart.of(up).ifPresent(gr -> restart.computeIfAbsent(router, r -> new ConcurrentHashMap<>()).put(up.peer().address(), gr));
      } else if (e instanceof BmpEvent.PeerDown down) {
        peers.computeIfAbsent(router, r -> new ConcurrentHashMap<>()).put(down.peer().address(), down.reason() == null ? "peer down" : down.reason());
      } else if (e instanceof BmpEvent.RouterUp) {
        peers.computeIfAbsent(router, r -> new ConcurrentHashMap<>());
      }
    });
    try {
      collector.listen(bind);
      long deadline = System.nanoTime() + wait.toNanos();
      while (System.nanoTime() < deadline) {
        boolean all = peers.keySet().containsAll(expected);
        if (all && System.nanoTime() - lastEvent.get() >= settle.toNanos()) {
          break;
        }
        Thread.sleep(50); // polling interval of a deadline-bounded wait
      }
      return collect(peers, restart, collector.snapshot().get(10, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new io.netctl.ipam.UnreachableException("interrupted while reading BMP");
    } catch (Exception e) {
      throw new io.netctl.ipam.UnreachableException("BMP on " + bind + ": " + e.getMessage(), e);
    } finally {
      collector.close();
    }
  }

  private static List<ReflectedRoute> routes(Map<MonitoredPeer, RibSnapshot> ribs) {
    Map<MonitoredPeer, List<ReflectedRoute>> byPeer = new LinkedHashMap<>();
    ribs.forEach((peer, rib) -> byPeer.put(peer, MonitorSessions.routes(rib)));
    return reflected(byPeer);
  }

  /**
   * What a reflector holds, from its views: its Loc-RIB when reported, else the union of its
   * post-policy (else pre-policy) Adj-RIB-Ins, one route per prefix and origin. A Loc-RIB holds the
   * best path only, so the Adj-RIB-Ins' other origins of a prefix the Loc-RIB has are added: a pool
   * two clients announce shows both (route-multiple-origins) whichever views the router reports.
   */
  static List<ReflectedRoute> reflected(Map<MonitoredPeer, List<ReflectedRoute>> byPeer) {
    Map<MonitoredPeer.View, Map<String, ReflectedRoute>> views = new java.util.EnumMap<>(MonitoredPeer.View.class);
    byPeer.forEach((peer, routes) -> {
      Map<String, ReflectedRoute> union = views.computeIfAbsent(peer.view(), v -> new LinkedHashMap<>());
      routes.forEach(r -> union.putIfAbsent(r.prefix().toCanonicalString() + " " + r.origin(), r));
    });
    Map<String, ReflectedRoute> adj = views.containsKey(MonitoredPeer.View.POST_POLICY) ? views.get(MonitoredPeer.View.POST_POLICY)
        : views.getOrDefault(MonitoredPeer.View.PRE_POLICY, Map.of());
    Map<String, ReflectedRoute> loc = views.get(MonitoredPeer.View.LOC_RIB);
    if (loc == null) {
      return new ArrayList<>(adj.values());
    }
    Map<String, ReflectedRoute> out = new LinkedHashMap<>(loc);
    java.util.Set<String> prefixes = new java.util.HashSet<>();
    loc.values().forEach(r -> prefixes.add(r.prefix().toCanonicalString()));
    adj.forEach((key, r) -> {
      if (prefixes.contains(r.prefix().toCanonicalString())) {
        out.putIfAbsent(key, r);
      }
    });
    return new ArrayList<>(out.values());
  }

  /** {@code 172.31.0.5:40123} → {@code 172.31.0.5}. */
  static String host(String router) {
    int colon = router.lastIndexOf(':');
    return colon > 0 && router.indexOf(':') == colon ? router.substring(0, colon) : router;
  }
}
