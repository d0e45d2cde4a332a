package io.netctl.cli.routes;

import io.netctl.cli.CliContext;
import io.netctl.cli.check.ObservationOptions;
import io.netctl.cli.config.NetctlConfig;
import io.netctl.cli.options.Bounds;
import io.netctl.cli.options.DurationConverter;
import io.netctl.ipam.BadInputException;
import java.time.Duration;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code allocate --wait-routes DUR} with the check's observation flags: the routes-ready gate after an allocation. */
public final class WaitRoutesOptions {
  @Option(names = "--wait-routes", paramLabel = "DUR", converter = DurationConverter.class,
      description = "After allocating, wait up to DUR until the pool is present with next hop = the host IP at every route reflector and director "
          + "the observation flags reach (needs the host IP).")
  Duration waitRoutes;

  @Mixin ObservationOptions observation;

  /** Whether {@code --wait-routes} was given. */
  public boolean requested() {
    return waitRoutes != null;
  }

  /**
   * Checks the flags before anything is written: observation flags without {@code --wait-routes}
   * and bad values are bad input (exit 2), as are the bounds of check's one-shot reads
   * ({@code --monitor-timeout}, {@code --settle}, {@code --bmp-wait}); no source at all is exit 3.
   */
  public void validate(NetctlConfig cfg) {
    observation.refuseReadBounds("allocate --wait-routes", "--wait-routes DUR");
    if (waitRoutes == null) {
      if (observation.anyGiven()) {
        throw new BadInputException("the observation flags (--monitor, --bmp-listen, --local, --routes, --as) say where --wait-routes DUR looks: give it too");
      }
      return;
    }
    Bounds.duration("--wait-routes", waitRoutes, Duration.ofSeconds(1), Duration.ofHours(1));
    observation.validateWait(cfg);
  }

  /** Opens the sources (monitor sessions connect, the BMP port is bound) for a wait of {@code --wait-routes}. */
  public RoutesReady open(CliContext ctx, boolean quiet, NetctlConfig cfg) {
    return new RoutesReady(ctx, quiet, observation.poolWatch(ctx, cfg), waitRoutes);
  }
}
