package io.netctl.cli.controller;

import inet.ipaddr.IPAddress;
import io.netctl.ipam.Allocation;
import io.netctl.ipam.Allocator;
import io.netctl.ipam.IpamConfig;
import io.netctl.ipam.IpamState;
import io.netctl.ipam.store.KvStore;
import io.netctl.validator.CheckKind;
import io.netctl.validator.CheckRequest;
import io.netctl.validator.Checker;
import io.netctl.validator.ClusterState;
import io.netctl.validator.Intent;
import io.netctl.validator.observe.BmpSource;
import io.netctl.validator.observe.MonitorSource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * The drift check the controller runs every interval: the checks of {@code netctl check} (the
 * configuration on one read of the datastore; sessions and routes from the controller's long-lived
 * monitor sessions and BMP feed, when it has them), through the validator's {@link Checker}.
 */
public final class NetworkDriftCheck implements DriftCheck {
  private final KvStore store;
  private final Intent intent;
  private final Checker checker;
  private final MonitorSource monitor;
  private final BmpSource bmp;
  private final Clock clock;

  /**
   * @param monitor the controller's monitor sessions, or null
   * @param bmp the controller's BMP feed, or null
   */
  public NetworkDriftCheck(KvStore store, Intent intent, MonitorSource monitor, BmpSource bmp, Clock clock) {
    this.store = store;
    this.intent = intent;
    this.checker = new Checker(intent);
    this.monitor = monitor;
    this.bmp = bmp;
    this.clock = clock;
  }

  @Override
  public Drift run() {
    ClusterState state = ClusterState.read(store);
    CheckRequest request = CheckRequest.builder(EnumSet.of(CheckKind.CONFIG, CheckKind.SESSIONS, CheckKind.ROUTES), clock.instant())
        .state(state).monitor(monitor).bmp(bmp).tolerant(true).build();
    Checker.Result r = checker.run(request);
    return new Drift(r.report(), ranges(intent.ipam(), state.ipam()), r.sessions());
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
