package io.netctl.cli.check;

import inet.ipaddr.IPAddress;
import inet.ipaddr.ipv4.IPv4Address;
import io.netctl.bgp.calico.RouteReflector;
import io.netctl.ipam.BadInputException;
import io.netctl.lvs.Director;
import io.netctl.validator.observe.BmpFeed;
import io.netctl.validator.observe.LiveMonitorSessions;
import io.netctl.validator.observe.RouteTableSource;
import io.netctl.validator.routes.PoolPresence;
import io.netctl.validator.routes.RrObservation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sources a routes-ready wait watches ({@code netctl allocate --wait-routes}, {@code netctl
 * wait-routes}), built from the check's observation flags by {@link ObservationOptions#poolWatch}:
 * netctl's monitor sessions and a BMP listener kept open for the whole wait, and a director's kernel
 * table (this host's, or a route dump) read again at every look. {@link #look} asks each source once.
 */
public final class PoolWatch implements AutoCloseable {
  /**
   * What one source showed at one look.
   *
   * @param source the route reflector (a BMP feed's name ends in {@code (BMP)}) or director
   * @param seen what it showed for the pool, or null when the source could not be observed
   * @param unobserved why it could not be observed (null when {@code seen} is given)
   */
  public record Look(String source, PoolPresence.Seen seen, String unobserved) {}

  private final List<RouteReflector> reflectors;
  private final LiveMonitorSessions monitor;
  private final BmpFeed.Live bmp;
  private final RouteTableSource table;
  private final Director director;

  PoolWatch(List<RouteReflector> reflectors, LiveMonitorSessions monitor, BmpFeed.Live bmp, RouteTableSource table, Director director) {
    this.reflectors = List.copyOf(reflectors);
    this.monitor = monitor;
    this.bmp = bmp;
    this.table = table;
    this.director = director;
  }

  /** Every source's view of {@code pool} via {@code hostIp} now, one entry per reflector (per feed) and director, in a stable order. */
  public List<Look> look(IPAddress pool, IPv4Address hostIp) {
    List<Look> out = new ArrayList<>();
    if (monitor != null) {
      for (RrObservation o : monitor.observe().reflectors()) {
        out.add(o.ok() ? new Look(o.rr(), PoolPresence.atReflector(o.routes(), pool, hostIp), null)
            : new Look(o.rr(), null, "monitor session " + o.failure()));
      }
    }
    if (bmp != null) {
      Set<String> expected = new HashSet<>();
      reflectors.forEach(rr -> expected.add(rr.ip().toCanonicalString()));
      Map<String, BmpFeed.Router> feed = bmp.routers(expected);
      for (RouteReflector rr : reflectors) {
        BmpFeed.Router r = feed.get(rr.ip().toCanonicalString());
        String name = rr.name() + " (BMP)";
        out.add(r == null ? new Look(name, null, "no BMP feed from " + rr.ip().toCanonicalString() + " yet")
            : new Look(name, PoolPresence.atReflector(r.routes(), pool, hostIp), null));
      }
    }
    if (table != null) {
      try {
        out.add(new Look(director.name(), PoolPresence.atDirector(table.routes(), pool, hostIp), null));
      } catch (BadInputException e) {
        throw e;
      } catch (RuntimeException e) {
        out.add(new Look(director.name(), null, "cannot read " + table.where() + ": " + e.getMessage()));
      }
    }
    return out;
  }

  /** What is watched, for the progress line. */
  public String describe() {
    List<String> what = new ArrayList<>();
    if (monitor != null) {
      what.add("monitor sessions to " + String.join(", ", reflectors.stream().map(RouteReflector::name).toList()));
    }
    if (bmp != null) {
      what.add("BMP feeds");
    }
    if (table != null) {
      what.add(director.name() + "'s table (" + table.where() + ")");
    }
    return String.join(", ", what);
  }

  @Override
  public void close() {
    if (monitor != null) {
      monitor.close();
    }
    if (bmp != null) {
      bmp.close();
    }
  }
}
