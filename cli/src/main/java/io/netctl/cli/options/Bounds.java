package io.netctl.cli.options;

import io.netctl.ipam.BadInputException;
import java.time.Duration;

/**
 * The bounds of the values users give: checked where a command turns its flags into settings, so
 * a value out of range is bad input (exit 2) naming the flag and the bounds, never a library's
 * exception (an etcd client refusing a 100 ms timeout, a timer overflowing).
 */
public final class Bounds {
  private Bounds() {}

  /** The bounds of {@code --etcd-timeout}: below 200 ms etcd's client cannot retry; above an hour nothing is "bounded". */
  public static final Duration ETCD_TIMEOUT_MIN = Duration.ofMillis(200);
  public static final Duration ETCD_TIMEOUT_MAX = Duration.ofHours(1);

  /**
   * {@code value} when {@code min <= value <= max}.
   *
   * @throws BadInputException {@code FLAG 100ms: must be between 200ms and 1h}
   */
  public static Duration duration(String flag, Duration value, Duration min, Duration max) {
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new BadInputException(flag + " " + DurationConverter.format(value) + ": must be between " + DurationConverter.format(min)
          + " and " + DurationConverter.format(max));
    }
    return value;
  }

  /**
   * {@code value} when {@code min <= value <= max}.
   *
   * @throws BadInputException {@code FLAG 70000: must be between 1 and 65535}
   */
  public static long number(String flag, long value, long min, long max) {
    if (value < min || value > max) {
      throw new BadInputException(flag + " " + value + ": must be between " + min + " and " + max);
    }
    return value;
  }
}
