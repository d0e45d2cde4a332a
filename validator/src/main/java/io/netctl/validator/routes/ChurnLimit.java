package io.netctl.validator.routes;

import io.netctl.ipam.BadInputException;
import java.time.Duration;

/**
 * When a pool's route churns too much, from netctl.yaml's {@code routeFlapping:}: {@code changes}
 * announcements and withdrawals of one /27 at one reflector within {@code window} are a {@code
 * route-flapping} finding.
 *
 * @param changes the changes within the window that make a finding (2 to 1,000,000)
 * @param window how far back the changes count (1 s to 24 h)
 */
public record ChurnLimit(int changes, Duration window) {
  /** Ten changes (five withdraw–announce cycles) in ten minutes. */
  public static final ChurnLimit DEFAULT = new ChurnLimit(10, Duration.ofMinutes(10));

  public ChurnLimit {
    if (changes < 2 || changes > 1_000_000) {
      throw new BadInputException("routeFlapping.changes " + changes + ": must be between 2 and 1000000");
    }
    if (window == null || window.compareTo(Duration.ofSeconds(1)) < 0 || window.compareTo(Duration.ofHours(24)) > 0) {
      throw new BadInputException("routeFlapping.window " + (window == null ? "missing" : window.toMillis() + " ms") + ": must be between 1 s and 24 h");
    }
  }
}
