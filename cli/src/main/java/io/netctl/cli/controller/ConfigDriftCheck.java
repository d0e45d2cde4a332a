package io.netctl.cli.controller;

import inet.ipaddr.IPAddress;
import io.netctl.cli.config.NetctlConfig;
import io.netctl.ipam.Allocation;
import io.netctl.ipam.Allocator;
import io.netctl.ipam.IpamConfig;
import io.netctl.ipam.IpamState;
import io.netctl.ipam.store.KvStore;
import io.netctl.validator.CheckKind;
import io.netctl.validator.ConfigurationCheck;
import io.netctl.validator.ClusterState;
import io.netctl.validator.Finding;
import io.netctl.validator.Report;
import java.util.ArrayList;
import java.util.List;

/**
 * The drift check the controller runs: the configuration checks on a consistent read of the
 * datastore (allocations against Calico's IPPools, blocks and affinities; Calico's BGP objects
 * against netctl.yaml), and the sessions and routes from a {@link SessionSource}.
 */
public final class ConfigDriftCheck implements DriftCheck {
  private final KvStore store;
  private final NetctlConfig config;
  private final SessionSource sessions;

  public ConfigDriftCheck(KvStore store, NetctlConfig config, SessionSource sessions) {
    this.store = store;
    this.config = config;
    this.sessions = sessions;
  }

  @Override
  public Drift run() {
    ClusterState state = ClusterState.read(store);
    Report.Builder report = new Report.Builder();
    // the same configuration checks as netctl check --scope config
    report.merge(ConfigurationCheck.run(store, config.ipam(), config.bgp(), java.time.Instant.now()));
    SessionSource.Observation seen = sessions.observe();
    if (seen.notRun() != null) {
      report.notRun("sessions", CheckKind.SESSIONS, seen.notRun());
    } else {
      report.ran("sessions", CheckKind.SESSIONS, seen.sessions().stream().map(s -> s.peer()).toList(), seen.findings());
    }
    return new Drift(report.build(), ranges(config.ipam(), state.ipam()), seen.sessions());
  }

  /** The use of each range from the allocations read. */
  static List<Allocator.RangeUse> ranges(IpamConfig cfg, IpamState ipam) {
    List<Allocator.RangeUse> out = new ArrayList<>();
    for (IPAddress r : cfg.ranges()) {
      long total = cfg.blocksIn(r);
      long used = ipam.allocations().values().stream().map(IpamState.Stored::value).map(Allocation::cidr).filter(r::contains).count();
      out.add(new Allocator.RangeUse(r.toCanonicalString(), total, used, 0, total - used));
    }
    return out;
  }
}
