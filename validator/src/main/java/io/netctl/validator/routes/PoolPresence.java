package io.netctl.validator.routes;

import inet.ipaddr.IPAddress;
import inet.ipaddr.ipv4.IPv4Address;
import io.netctl.lvs.KernelRoute;
import io.netctl.lvs.Ipv4Prefix;
import java.util.List;
import java.util.Objects;

/**
 * Is one node's pool live at one source: present with the right next hop (its host IP) in what a
 * route reflector advertised, or in a director's kernel table. Pure: it judges what a source has
 * already observed ({@code netctl allocate --wait-routes}, {@code netctl wait-routes}, the
 * controller's propagation histogram and {@code NetctlRoutesReady} condition).
 */
public final class PoolPresence {
  private PoolPresence() {}

  /**
   * What one source showed for the pool.
   *
   * @param present the pool is there with next hop = the host IP
   * @param nextHop the next hop seen for the pool (the host IP when present, another address when
   *     the route is there via the wrong host), or null when no route for the pool is there
   */
  public record Seen(boolean present, String nextHop) {
    public static final Seen ABSENT = new Seen(false, null);
  }

  /** The pool among a reflector's advertised routes: present when a route for exactly {@code pool} has next hop {@code hostIp}. */
  public static Seen atReflector(List<ReflectedRoute> routes, IPAddress pool, IPv4Address hostIp) {
    Objects.requireNonNull(pool, "pool");
    Objects.requireNonNull(hostIp, "hostIp");
    String prefix = pool.toPrefixBlock().toCanonicalString();
    String want = hostIp.toCanonicalString();
    String other = null;
    for (ReflectedRoute r : routes) {
      if (!r.prefix().toPrefixBlock().toCanonicalString().equals(prefix)) {
        continue;
      }
      if (want.equals(r.nextHop())) {
        return new Seen(true, want);
      }
      if (other == null) {
        other = r.nextHop();
      }
    }
    return new Seen(false, other);
  }

  /**
   * The pool in a director's kernel table: present when a unicast route for exactly {@code pool},
   * in any table, sends to {@code hostIp} alone.
   */
  public static Seen atDirector(List<KernelRoute> routes, IPAddress pool, IPv4Address hostIp) {
    Objects.requireNonNull(hostIp, "hostIp");
    Ipv4Prefix prefix = Ipv4Prefix.of(pool);
    String other = null;
    for (KernelRoute r : routes) {
      if (!r.dst().equals(prefix)) {
        continue;
      }
      if (r.sendsTo(hostIp)) {
        return new Seen(true, hostIp.toCanonicalString());
      }
      if (other == null && !r.gateways().isEmpty()) {
        other = r.gateways().get(0).toCanonicalString();
      }
    }
    return new Seen(false, other);
  }
}
