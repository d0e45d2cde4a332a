package io.netctl.validator.observe;

import inet.ipaddr.IPAddressString;
import io.netctl.bgp.calico.BgpTopology;
import io.netctl.bgp.calico.RouteReflector;
import io.netctl.bgp.rib.Route;
import io.netctl.bgp.session.BgpSpeaker;
import io.netctl.bgp.session.RouteCollector;
import io.netctl.bgp.session.SessionConfig;
import io.netctl.bgp.wire.AddressFamily;
import io.netctl.bgp.wire.Addresses;
import io.netctl.bgp.wire.Prefix;
import io.netctl.validator.routes.ReflectedRoute;
import io.netctl.validator.routes.RrObservation;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * netctl's monitor sessions: one iBGP session to every route reflector at once, offering to
 * receive ADD-PATH for IPv4 (every path of a prefix, where the reflector sends them), each
 * reading the reflector's whole table (until End-of-RIB, or quiet for {@code settle}) and closing
 * with a Cease.
 */
public final class MonitorSessions {
  private MonitorSessions() {}

  /**
   * The options of the sessions.
   *
   * @param routerId our BGP identifier (dotted quad)
   * @param localAddress the address to connect from, or null
   * @param password the TCP-MD5 password, or null
   * @param timeout the bound on one reflector's whole read
   * @param settle quiet time that ends a read without End-of-RIB
   */
  public record Options(String routerId, InetAddress localAddress, String password, Duration timeout, Duration settle) {}

  /** The sessions as a one-shot source: each {@link MonitorSource#observe()} opens, reads and closes them. */
  public static MonitorSource source(BgpTopology topo, Options o) {
    return () -> new MonitorSource.View(observe(topo, o), List.of());
  }

  public static List<RrObservation> observe(BgpTopology topo, Options o) {
    List<RrObservation> out = new ArrayList<>();
    try (BgpSpeaker speaker = new BgpSpeaker()) {
      List<CompletableFuture<RrObservation>> running = new ArrayList<>();
      for (RouteReflector rr : topo.routeReflectors()) {
        running.add(CompletableFuture.supplyAsync(() -> one(speaker, topo, rr, o)));
      }
      running.forEach(f -> out.add(f.join()));
    }
    return out;
  }

  static RrObservation one(BgpSpeaker speaker, BgpTopology topo, RouteReflector rr, Options o) {
    String ip = rr.ip().toCanonicalString();
    SessionConfig c;
    try {
      c = config(topo, rr, o);
    } catch (UnknownHostException e) {
      return new RrObservation(rr.name(), ip, List.of(), "bad address " + ip, 0);
    }
    RouteCollector.Result r = RouteCollector.collect(speaker, c, o.timeout(), o.settle());
    if (r instanceof RouteCollector.Failed f) {
      return new RrObservation(rr.name(), ip, List.of(), f.reason(), 0);
    }
    RouteCollector.Collected got = (RouteCollector.Collected) r;
    return new RrObservation(rr.name(), ip, routes(got.rib()), null, 0, RestartCapabilities.of(got.peerOpen()));
  }

  /** The IPv4 routes of a RIB snapshot (every path, with its path id), reduced to what the route checks compare. */
  public static List<ReflectedRoute> routes(io.netctl.bgp.rib.RibSnapshot rib) {
    List<ReflectedRoute> routes = new ArrayList<>();
    for (Route route : rib.routes()) {
      if (!(route.prefix() instanceof Prefix.Ipv4)) {
        continue;
      }
      var a = route.attributes();
      routes.add(new ReflectedRoute(
          new IPAddressString(route.prefix().toString()).getAddress(),
          a.nextHop() == null ? null : Addresses.text(a.nextHop()),
          a.asPath().pathLength(),
          a.originatorId(),
          a.clusterList(),
          route.pathId()));
    }
    return routes;
  }

  /** The session configuration of a monitor session to {@code rr}. */
  public static SessionConfig config(BgpTopology topo, RouteReflector rr, Options o) throws UnknownHostException {
    SessionConfig c = SessionConfig.of(InetAddress.getByName(rr.ip().toCanonicalString()), topo.asNumber(), topo.asNumber(), o.routerId())
        .withLocalAddress(o.localAddress())
        .withConnectTimeout(Duration.ofSeconds(3))
        .withFamilies(List.of(AddressFamily.IPV4_UNICAST))
        // every path of a prefix (RFC 7911) where the reflector sends them (render-rr: add paths tx): route-multiple-origins
        .withAddPathReceive(List.of(AddressFamily.IPV4_UNICAST));
    return o.password() == null ? c : c.withPassword(o.password());
  }
}
