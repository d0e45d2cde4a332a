package io.netctl.validator.routes;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.netctl.bgp.bmp.BmpEvent;
import io.netctl.bgp.bmp.MonitoredPeer;
import io.netctl.bgp.rib.Route;
import io.netctl.bgp.session.SessionEvent;
import io.netctl.bgp.session.SessionListener;
import io.netctl.bgp.session.SessionState;
import io.netctl.bgp.wire.Addresses;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts announcements and withdrawals of each managed pool's route at each source (a reflector
 * as a monitor session ({@link #listener}) or its BMP feed ({@link #bmp}) sees it), with the time of each change kept for {@code keep} so the
 * changes within a window can be told ({@code route-flapping}). Time comes from the injected clock.
 * The table a session receives before its End-of-RIB is no change (it is the reflector's state,
 * not a route moving), nor is the loss of our own session. Thread-safe: sessions report from their
 * event loops, the drift check reads.
 */
public final class RouteChurn {
  /** A pool at a source. */
  public record Key(String pool, String source) {}

  /**
   * One pool at one source.
   *
   * @param key the pool and source
   * @param announcements announcements so far
   * @param withdrawals withdrawals so far
   * @param recent changes within the window asked for
   * @param originator the ORIGINATOR_ID (else the next hop) of the last announcement, or null
   */
  public record Churn(Key key, long announcements, long withdrawals, int recent, String originator) {
    public long total() {
      return announcements + withdrawals;
    }
  }

  private static final class Series {
    long announcements;
    long withdrawals;
    final ArrayDeque<Instant> times = new ArrayDeque<>();
    String originator;
  }

  private final Clock clock;
  private final Duration keep;
  private final List<IPAddress> ranges;
  private final Map<Key, Series> series = new LinkedHashMap<>();

  /**
   * @param ranges the managed ranges: only prefixes inside them are counted
   * @param keep how long each change's time is kept (the longest window asked for)
   */
  public RouteChurn(Clock clock, List<IPAddress> ranges, Duration keep) {
    this.clock = clock;
    this.ranges = List.copyOf(ranges);
    this.keep = keep;
  }

  /** Whether {@code prefix} (e.g. {@code 10.3.240.0/27}) lies in the managed ranges. */
  public boolean managed(String prefix) {
    IPAddress a = new IPAddressString(prefix).getAddress();
    return a != null && ranges.stream().anyMatch(r -> r.getIPVersion() == a.getIPVersion() && r.contains(a));
  }

  /** An announcement of {@code pool} at {@code source}; not counted outside the managed ranges. */
  public void announced(String pool, String source, String originator) {
    change(pool, source, true, originator);
  }

  public void withdrawn(String pool, String source) {
    change(pool, source, false, null);
  }

  private synchronized void change(String pool, String source, boolean announce, String originator) {
    if (!managed(pool)) {
      return;
    }
    Series s = series.computeIfAbsent(new Key(pool, source), k -> new Series());
    Instant now = clock.instant();
    if (announce) {
      s.announcements++;
      s.originator = originator == null ? s.originator : originator;
    } else {
      s.withdrawals++;
    }
    s.times.addLast(now);
    prune(s, now);
  }

  private void prune(Series s, Instant now) {
    Instant oldest = now.minus(keep);
    while (!s.times.isEmpty() && s.times.peekFirst().isBefore(oldest)) {
      s.times.removeFirst();
    }
  }

  /** Every pool and source seen so far. */
  public synchronized List<Key> keys() {
    return List.copyOf(series.keySet());
  }

  /** Announcements and withdrawals of {@code k} so far (0 for one never seen). */
  public synchronized long total(Key k) {
    Series s = series.get(k);
    return s == null ? 0 : s.announcements + s.withdrawals;
  }

  /** Every pool and source, with the changes within {@code window} before now (at most {@code keep}), by pool then source. */
  public synchronized List<Churn> snapshot(Duration window) {
    Instant now = clock.instant();
    Instant from = now.minus(window);
    List<Churn> out = new ArrayList<>();
    series.forEach((k, s) -> {
      prune(s, now);
      int recent = (int) s.times.stream().filter(t -> !t.isBefore(from)).count();
      out.add(new Churn(k, s.announcements, s.withdrawals, recent, s.originator));
    });
    out.sort(Comparator.comparing((Churn c) -> c.key().pool()).thenComparing(c -> c.key().source()));
    return out;
  }

  /**
   * A session listener that counts what a session to {@code source} receives once its initial
   * table is in (End-of-RIB after each Established); a new session's table is not counted again.
   */
  public SessionListener listener(String source) {
    return new SessionListener() {
      private volatile boolean synced;

      @Override
      public void onEvent(SessionEvent e) {
        if (e instanceof SessionEvent.StateChanged s && s.to() != SessionState.ESTABLISHED) {
          synced = false;
        } else if (e instanceof SessionEvent.EndOfRib) {
          synced = true;
        } else if (synced && e instanceof SessionEvent.RouteAnnounced a) {
          announced(a.route().prefix().toString(), source, originator(a.route()));
        } else if (synced && e instanceof SessionEvent.RouteWithdrawn w) {
          withdrawn(w.prefix().toString(), source);
        }
      }
    };
  }

  /** Per BMP source and peer: the managed prefixes its pre-policy Adj-RIB-In has held since its Peer Up. */
  private final Map<String, java.util.Set<String>> bmpSeen = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Counts one event of a BMP feed (RFC 7854) at {@code source} (the reflector): changes in each
   * monitored peer's pre-policy Adj-RIB-In. Routers need not send a peer's End-of-RIB (FRR 8.4 does
   * not), so the initial dump is told apart by prefix: a prefix's first announcement since the
   * peer's Peer Up is its state, not a change; a withdrawal, and an announcement of a prefix the peer
   * had before, are changes. Post-policy and Loc-RIB views are not counted (the same change would
   * count again).
   */
  public void bmp(String source, BmpEvent e) {
    if (e instanceof BmpEvent.PeerUp up) {
      bmpSeen.remove(source + " " + up.peer().address());
    } else if (e instanceof BmpEvent.PeerDown down) {
      bmpSeen.remove(source + " " + down.peer().address());
    } else if (e instanceof BmpEvent.RouterDown) {
      bmpSeen.keySet().removeIf(k -> k.startsWith(source + " "));
    } else if (e instanceof BmpEvent.RouteAnnounced a && a.peer().view() == MonitoredPeer.View.PRE_POLICY) {
      String prefix = a.route().prefix().toString();
      if (managed(prefix) && !bmpSeen.computeIfAbsent(source + " " + a.peer().address(), k -> java.util.concurrent.ConcurrentHashMap.newKeySet()).add(prefix)) {
        announced(prefix, source, originator(a.route()));
      }
    } else if (e instanceof BmpEvent.RouteWithdrawn w && w.peer().view() == MonitoredPeer.View.PRE_POLICY) {
      java.util.Set<String> seen = bmpSeen.get(source + " " + w.peer().address());
      if (seen != null && seen.contains(w.prefix().toString())) {
        withdrawn(w.prefix().toString(), source);
      }
    }
  }

  /** The node a route comes from: its ORIGINATOR_ID (RFC 4456), else its next hop; null when it has neither. */
  static String originator(Route r) {
    if (r.attributes() == null) {
      return null;
    }
    if (r.attributes().originatorId() != null) {
      return r.attributes().originatorId();
    }
    return r.attributes().nextHop() == null ? null : Addresses.text(r.attributes().nextHop());
  }
}
