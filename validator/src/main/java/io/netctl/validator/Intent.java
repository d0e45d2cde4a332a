package io.netctl.validator;

import inet.ipaddr.IPAddress;
import io.netctl.bgp.calico.BgpTopology;
import inet.ipaddr.ipv4.IPv4Address;
import io.netctl.ipam.IpamConfig;
import io.netctl.lvs.Director;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the network should be, as netctl.yaml says: the checks compare the observations with it
 * and with the allocations in the datastore.
 *
 * @param ipam ranges and block size
 * @param bgp AS number, route reflectors, core switches
 * @param directors the LVS directors
 * @param monitors where netctl's monitor sessions come from (never an unexpected session)
 * @param poolNearlyFullPercent the share (1–100) of a block's addresses in use from which it is
 *     {@code pool-nearly-full}
 * @param gracefulRestartRequired a node–reflector session without graceful restart is an error
 *     ({@code gracefulRestart: required}), not a warning
 * @param bfd BFD on the node–reflector sessions ({@code bfd-down}, {@code bfd-missing})
 * @param routeFlapping how much churn of one pool's route is {@code route-flapping}
 */
public record Intent(IpamConfig ipam, BgpTopology bgp, List<Director> directors, List<IPAddress> monitors, int poolNearlyFullPercent,
    boolean gracefulRestartRequired, io.netctl.bgp.calico.Bfd bfd, io.netctl.validator.routes.ChurnLimit routeFlapping) {
  public Intent {
    bfd = bfd == null ? io.netctl.bgp.calico.Bfd.OFF : bfd;
    routeFlapping = routeFlapping == null ? io.netctl.validator.routes.ChurnLimit.DEFAULT : routeFlapping;
    Objects.requireNonNull(ipam, "ipam");
    Objects.requireNonNull(bgp, "bgp");
    directors = List.copyOf(directors);
    monitors = List.copyOf(monitors);
    io.netctl.validator.config.PoolPressureChecks.requirePercent(poolNearlyFullPercent);
  }

  /** Graceful restart recommended (a warning when off), not required; without BFD, with the default churn limit. */
  public Intent(IpamConfig ipam, BgpTopology bgp, List<Director> directors, List<IPAddress> monitors, int poolNearlyFullPercent) {
    this(ipam, bgp, directors, monitors, poolNearlyFullPercent, false);
  }

  /** Without BFD, with the default churn limit. */
  public Intent(IpamConfig ipam, BgpTopology bgp, List<Director> directors, List<IPAddress> monitors, int poolNearlyFullPercent,
      boolean gracefulRestartRequired) {
    this(ipam, bgp, directors, monitors, poolNearlyFullPercent, gracefulRestartRequired, null, null);
  }

  /** With the default pool pressure threshold. */
  public Intent(IpamConfig ipam, BgpTopology bgp, List<Director> directors, List<IPAddress> monitors) {
    this(ipam, bgp, directors, monitors, io.netctl.validator.config.PoolPressureChecks.DEFAULT_NEARLY_FULL_PERCENT);
  }

  public Optional<Director> director(String name) {
    return directors.stream().filter(d -> d.name().equals(name)).findFirst();
  }

  /**
   * The IPs of netctl.yaml's infrastructure, each with what it is ({@code director lvs-int-1}):
   * directors, route reflectors, core switches and monitors given as single addresses. No node
   * may have one as its host IP (a director would route the node's pool to itself).
   */
  public static Map<IPv4Address, String> infrastructure(BgpTopology bgp, List<Director> directors, List<IPAddress> monitors) {
    Map<IPv4Address, String> out = new LinkedHashMap<>();
    directors.forEach(d -> out.putIfAbsent(d.ip(), "director " + d.name()));
    bgp.routeReflectors().forEach(r -> out.putIfAbsent(r.ip(), "route reflector " + r.name()));
    bgp.coreSwitches().forEach(s -> out.putIfAbsent(s.ip(), "core switch " + s.name()));
    for (IPAddress m : monitors) {
      if (m.isIPv4() && m.getNetworkPrefixLength() != null && m.getNetworkPrefixLength() == 32) {
        out.putIfAbsent(m.getLower().withoutPrefixLength().toIPv4(), "monitor " + m.getLower().withoutPrefixLength().toCanonicalString());
      }
    }
    return out;
  }
}
