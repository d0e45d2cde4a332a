package io.netctl.validator.config;

import io.netctl.ipam.PoolUse;
import io.netctl.validator.Code;
import io.netctl.validator.Finding;
import java.util.ArrayList;
import java.util.List;

/**
 * Pool pressure: how full each node's IPAM block is. A block with every address in use is
 * {@link Code#POOL_FULL}; one at or above the threshold share of its addresses is {@link
 * Code#POOL_NEARLY_FULL}; an empty, half-used or pending pool gives nothing.
 */
public final class PoolPressureChecks {
  /** The default threshold: a block with 90 % of its addresses in use is nearly full. */
  public static final int DEFAULT_NEARLY_FULL_PERCENT = 90;

  private PoolPressureChecks() {}

  /**
   * The findings for {@code uses}.
   *
   * @param nearlyFullPercent 1–100: the share of a block's addresses in use from which it is nearly full
   */
  public static IpamChecks.Result check(List<PoolUse> uses, int nearlyFullPercent) {
    requirePercent(nearlyFullPercent);
    List<Finding> out = new ArrayList<>();
    List<String> subjects = new ArrayList<>();
    for (PoolUse u : uses) {
      if (!u.hasBlock()) {
        continue;
      }
      subjects.add(u.node());
      String observed = u.inUse() + " of " + u.total() + " addresses of " + u.cidrText() + " in use (" + u.percent() + " %)";
      if (u.inUse() >= u.total()) {
        out.add(Finding.of(Code.POOL_FULL, u.node(), "a free address in " + u.cidrText(), observed));
      } else if (100L * u.inUse() >= (long) nearlyFullPercent * u.total()) {
        out.add(Finding.of(Code.POOL_NEARLY_FULL, u.node(), "under " + nearlyFullPercent + " % of " + u.cidrText() + " in use", observed));
      }
    }
    return new IpamChecks.Result(out, subjects);
  }

  /** Refuses a threshold outside 1–100. */
  public static int requirePercent(int percent) {
    if (percent < 1 || percent > 100) {
      throw new IllegalArgumentException("poolNearlyFullPercent " + percent + ": must be between 1 and 100");
    }
    return percent;
  }
}
