package io.netctl.lvs.sync;

import io.netctl.lvs.RoutePlan;
import io.netctl.lvs.RouteTable.Failure;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What one sync pass found and did.
 *
 * @param before the plan made from the table as read before any change
 * @param failures the changes the kernel refused (empty when all were applied or on a dry run)
 * @param applied how many changes the kernel accepted (0 on a dry run)
 * @param after the plan made from the table re-read after a failed batch (what is in place now);
 *     {@code before} less the applied changes when the batch succeeded; {@code before} on a dry run
 * @param revision the datastore revision of the allocations
 * @param timings how long each phase took
 */
public record SyncReport(RoutePlan before, List<Failure> failures, int applied, RoutePlan after, long revision, Timings timings) {
  public SyncReport {
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
    failures = List.copyOf(failures);
  }

  /** True when the table now equals what the allocations say. */
  public boolean inSync() {
    return after.inSync();
  }

  /**
   * The time of each phase.
   *
   * @param readStore reading the allocations
   * @param readTable listing the kernel's routes
   * @param plan comparing both
   * @param apply running the batch (and re-reading after a failure)
   */
  public record Timings(Duration readStore, Duration readTable, Duration plan, Duration apply) {
    public Duration total() {
      return readStore.plus(readTable).plus(plan).plus(apply);
    }
  }
}
