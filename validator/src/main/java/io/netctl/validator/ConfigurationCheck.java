package io.netctl.validator;

import io.netctl.bgp.calico.BgpTopology;
import io.netctl.bgp.calico.CalicoBgpState;
import io.netctl.ipam.IpamConfig;
import io.netctl.ipam.store.KvStore;
import io.netctl.validator.config.BgpConfigChecks;
import io.netctl.validator.config.IpamChecks;
import io.netctl.validator.config.PoolPressureChecks;
import io.netctl.ipam.PoolUse;
import java.time.Instant;

/** The configuration checks (IPAM and Calico BGP) on a store: what {@code netctl check --scope config} runs. */
public final class ConfigurationCheck {
  private ConfigurationCheck() {}

  /** Reads the store once and runs the checks on that read. */
  public static Report run(KvStore store, IpamConfig ipam, BgpTopology bgp, Instant now) {
    return run(ClusterState.read(store), ipam, bgp, now);
  }

  /** The checks on one read of the store, with the default pool pressure threshold. */
  public static Report run(ClusterState state, IpamConfig ipam, BgpTopology bgp, Instant now) {
    return run(state, ipam, bgp, now, PoolPressureChecks.DEFAULT_NEARLY_FULL_PERCENT);
  }

  /** The checks on one read of the store; {@code nearlyFullPercent} is the pool pressure threshold. */
  public static Report run(ClusterState state, IpamConfig ipam, BgpTopology bgp, Instant now, int nearlyFullPercent) {
    CalicoBgpState bgpState = state.bgp();
    Report.Builder b = new Report.Builder();
    IpamChecks.Result i = IpamChecks.check(ipam, state);
    b.ran("ipam", CheckKind.CONFIG, i.subjects(), i.findings());
    IpamChecks.Result g = BgpConfigChecks.check(bgp, ipam.ranges(), bgpState, now);
    b.ran("bgp-config", CheckKind.CONFIG, g.subjects(), g.findings());
    IpamChecks.Result p = PoolPressureChecks.check(PoolUse.of(state.ipam()), nearlyFullPercent);
    b.ran("pool-pressure", CheckKind.CONFIG, p.subjects(), p.findings());
    return b.build();
  }
}
