package io.netctl.cli.config;

import io.netctl.bgp.calico.BgpTopology;
import io.netctl.ipam.IpamConfig;
import io.netctl.lvs.Director;
import io.netctl.validator.config.PoolPressureChecks;
import java.util.List;
import java.util.Optional;

/**
 * Everything netctl.yaml configures.
 *
 * @param source where it came from ({@code built-in defaults} or the file path)
 * @param ipam ranges and block size
 * @param bgp AS number, route reflectors, core switches
 * @param directors the LVS directors
 * @param monitors where netctl's monitor sessions come from (route reflectors accept BGP sessions from these prefixes)
 * @param poolNearlyFullPercent {@code poolNearlyFullPercent}: the share (1–100) of a block's
 *     addresses in use from which it is {@code pool-nearly-full}
 * @param gracefulRestartRequired {@code gracefulRestart: required}: a node–reflector session
 *     without graceful restart is an error, not a warning
 * @param bfd {@code bfd}: BFD on the node–reflector sessions (render-rr, bfd-down, bfd-missing)
 * @param routeFlapping {@code routeFlapping}: the churn of one pool's route that is {@code route-flapping}
 */
public record NetctlConfig(String source, IpamConfig ipam, BgpTopology bgp, List<Director> directors, List<inet.ipaddr.IPAddress> monitors,
    int poolNearlyFullPercent, boolean gracefulRestartRequired, io.netctl.bgp.calico.Bfd bfd, io.netctl.validator.routes.ChurnLimit routeFlapping) {
  public NetctlConfig {
    bfd = bfd == null ? io.netctl.bgp.calico.Bfd.OFF : bfd;
    routeFlapping = routeFlapping == null ? io.netctl.validator.routes.ChurnLimit.DEFAULT : routeFlapping;
    directors = List.copyOf(directors);
    monitors = List.copyOf(monitors);
    PoolPressureChecks.requirePercent(poolNearlyFullPercent);
  }

  public NetctlConfig(String source, IpamConfig ipam, BgpTopology bgp, List<Director> directors, List<inet.ipaddr.IPAddress> monitors,
      int poolNearlyFullPercent) {
    this(source, ipam, bgp, directors, monitors, poolNearlyFullPercent, false);
  }

  public NetctlConfig(String source, IpamConfig ipam, BgpTopology bgp, List<Director> directors, List<inet.ipaddr.IPAddress> monitors,
      int poolNearlyFullPercent, boolean gracefulRestartRequired) {
    this(source, ipam, bgp, directors, monitors, poolNearlyFullPercent, gracefulRestartRequired, null, null);
  }

  public NetctlConfig(String source, IpamConfig ipam, BgpTopology bgp, List<Director> directors, List<inet.ipaddr.IPAddress> monitors) {
    this(source, ipam, bgp, directors, monitors, PoolPressureChecks.DEFAULT_NEARLY_FULL_PERCENT);
  }

  public NetctlConfig(String source, IpamConfig ipam, BgpTopology bgp, List<Director> directors) {
    this(source, ipam, bgp, directors, List.of());
  }

  public static NetctlConfig defaults() {
    return new NetctlConfig("built-in defaults", IpamConfig.DEFAULT, BgpTopology.defaults(), List.of());
  }

  /** What the checks compare the network with. */
  public io.netctl.validator.Intent intent() {
    return new io.netctl.validator.Intent(ipam, bgp, directors, monitors, poolNearlyFullPercent, gracefulRestartRequired, bfd, routeFlapping);
  }

  public Optional<Director> director(String name) {
    return directors.stream().filter(d -> d.name().equals(name)).findFirst();
  }
}
