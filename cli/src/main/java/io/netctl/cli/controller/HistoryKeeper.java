package io.netctl.cli.controller;

import io.netctl.ipam.HistoryCompaction;
import io.netctl.ipam.UnreachableException;
import io.netctl.ipam.store.KvStore;
import io.netctl.ipam.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the allocation history bounded without an operator: once a day the leading replica merges
 * the entries of spans that ended longer ago than {@code --history-keep} into their pools' span
 * records ({@link HistoryCompaction}); {@code who} and {@code history} still answer for those times.
 * A standby, or a leader whose lease lapsed, does nothing.
 */
public final class HistoryKeeper {
  private static final Logger LOG = LoggerFactory.getLogger(HistoryKeeper.class);
  /** How often the leader compacts. */
  public static final Duration EVERY = Duration.ofDays(1);

  private final KvStore kv;
  private final Clock clock;
  private final Duration keep;
  private final BooleanSupplier mayWrite;

  /**
   * @param keep how long entries stay as they are; zero turns compaction off
   * @param mayWrite whether this replica may write now (the controller's fence)
   */
  public HistoryKeeper(KvStore kv, Clock clock, Duration keep, BooleanSupplier mayWrite) {
    this.kv = kv;
    this.clock = clock;
    this.keep = keep;
    this.mayWrite = mayWrite;
  }

  /** Compacts once if this replica leads; the result, or null when it did not run. */
  public HistoryCompaction.Result runOnce() {
    if (keep.isZero() || !mayWrite.getAsBoolean()) {
      return null;
    }
    try {
      HistoryCompaction.Result r = HistoryCompaction.run(kv, clock.instant().minus(keep));
      if (r.merged() > 0 || r.conflicts() > 0) {
        LOG.info("allocation history: merged {} entries of spans that ended before {} ago into {} pool records; {} entries kept{}", r.merged(),
            keep, r.pools(), r.kept(), r.conflicts() > 0 ? "; " + r.conflicts() + " pools changed meanwhile, left for the next run" : "");
      }
      return r;
    } catch (UnreachableException | StoreException e) {
      LOG.warn("allocation history compaction failed: {}; retrying in {}", e.getMessage(), EVERY);
      return null;
    }
  }
}
