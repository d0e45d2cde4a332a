package io.netctl.bgp.calico;

import io.netctl.ipam.BadInputException;
import java.time.Duration;

/**
 * BFD (RFC 5880, multihop RFC 5883) on the node–reflector sessions, from netctl.yaml's {@code bfd:}:
 * {@code render-rr} then runs a BIRD {@code protocol bfd} and puts {@code bfd on} on every client
 * session, so a dead node's routes go after {@code interval × multiplier} instead of the hold time;
 * the checks expect an Up BFD session beside every node–reflector BGP session.
 *
 * @param enabled whether the sessions run BFD
 * @param interval the transmit and receive interval BIRD negotiates (10 ms to 10 s)
 * @param multiplier missed packets before the session is down (1 to 255)
 */
public record Bfd(boolean enabled, Duration interval, int multiplier) {
  public static final Duration MIN_INTERVAL = Duration.ofMillis(10);
  public static final Duration MAX_INTERVAL = Duration.ofSeconds(10);
  /** BFD off: netctl.yaml without {@code bfd:}; its interval and multiplier are the defaults of a {@code bfd:} that leaves them out. */
  public static final Bfd OFF = new Bfd(false, Duration.ofMillis(300), 3);

  public Bfd {
    if (interval == null || interval.compareTo(MIN_INTERVAL) < 0 || interval.compareTo(MAX_INTERVAL) > 0) {
      throw new BadInputException("bfd.interval " + (interval == null ? "missing" : interval.toMillis() + " ms") + ": must be between 10 ms and 10 s");
    }
    if (multiplier < 1 || multiplier > 255) {
      throw new BadInputException("bfd.multiplier " + multiplier + ": must be between 1 and 255");
    }
  }

  /** How long a silent peer takes to be declared down: {@code interval × multiplier}. */
  public Duration detectionTime() {
    return interval.multipliedBy(multiplier);
  }
}
