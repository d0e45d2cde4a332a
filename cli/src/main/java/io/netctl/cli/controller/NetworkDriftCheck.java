package io.netctl.cli.controller;

import io.netctl.bgp.calico.SecretRef;
import io.netctl.cli.Version;
import io.netctl.ipam.AllocationPlanner;
import io.netctl.ipam.Allocator;
import io.netctl.ipam.store.KvStore;
import io.netctl.validator.CheckKind;
import io.netctl.validator.CheckRequest;
import io.netctl.validator.Checker;
import io.netctl.validator.ClusterState;
import io.netctl.validator.Intent;
import io.netctl.validator.observe.BmpSource;
import io.netctl.validator.observe.MonitorSource;
import io.netctl.validator.observe.SecretSource;
import io.netctl.validator.picture.NetworkPicture;
import io.netctl.validator.routes.RouteChurn;
import io.netctl.validator.report.TextReport;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Map;

/**
 * The drift check the controller runs every interval: the checks of {@code netctl check} (the
 * configuration on one read of the datastore; sessions and routes from the controller's long-lived
 * monitor sessions and BMP feed, when it has them; the BGP password Secrets as calico-node reads
 * them), through the validator's {@link Checker}.
 */
public final class NetworkDriftCheck implements DriftCheck {
  private final KvStore store;
  private final Intent intent;
  private final Checker checker;
  private final MonitorSource monitor;
  private final BmpSource bmp;
  private final SecretSource secrets;
  private final Map<SecretRef, String> rendered;
  private final Clock clock;
  private RouteChurn churn;

  /**
   * @param monitor the controller's monitor sessions, or null
   * @param bmp the controller's BMP feed, or null
   */
  public NetworkDriftCheck(KvStore store, Intent intent, MonitorSource monitor, BmpSource bmp, Clock clock) {
    this(store, intent, monitor, bmp, null, Map.of(), clock);
  }

  /**
   * @param secrets the BGP password Secrets as calico-node reads them, or null
   * @param rendered the passwords render-rr was given ({@code --password-file}), by reference
   */
  public NetworkDriftCheck(KvStore store, Intent intent, MonitorSource monitor, BmpSource bmp, SecretSource secrets, Map<SecretRef, String> rendered,
      Clock clock) {
    this.store = store;
    this.intent = intent;
    this.checker = new Checker(intent);
    this.monitor = monitor;
    this.bmp = bmp;
    this.secrets = secrets;
    this.rendered = Map.copyOf(rendered);
    this.clock = clock;
  }

  /** With the route changes the monitor sessions count ({@code route-flapping}); null for none. */
  public NetworkDriftCheck withChurn(RouteChurn c) {
    this.churn = c;
    return this;
  }

  @Override
  public RouteChurn churn() {
    return churn;
  }

  @Override
  public Drift run() {
    ClusterState state = ClusterState.read(store);
    CheckRequest request = CheckRequest.builder(EnumSet.of(CheckKind.CONFIG, CheckKind.SESSIONS, CheckKind.ROUTES), clock.instant())
        .state(state).monitor(monitor).bmp(bmp).passwords(secrets, rendered).tolerant(true).churn(churn).build();
    Checker.Result r = checker.run(request);
    NetworkPicture picture = NetworkPicture.of(intent, state, r, clock.instant(), Version.VERSION, TextReport.summary(r.report()));
    Allocator.PoolsReport pools = AllocationPlanner.pools(intent.ipam(), state.ipam());
    return new Drift(r.report(), pools.ranges(), r.sessions(), pools.uses(), picture);
  }
}
