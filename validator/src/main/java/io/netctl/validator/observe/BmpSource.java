package io.netctl.validator.observe;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The route reflectors' BMP feeds as a source for the checks: read once by {@code netctl check
 * --bmp-listen} ({@link #once}), or kept open by the controller ({@link BmpFeed.Live}).
 */
@FunctionalInterface
public interface BmpSource {
  /** What each router (by address) has reported. */
  Map<String, BmpFeed.Router> routers(Set<String> expected);

  /**
   * How often the router's session with {@code peer} went down while observed (0 for a one-shot
   * read).
   */
  default long downs(String router, String peer) {
    return 0;
  }

  /** Why a router has no feed (after "no BMP feed from ROUTER"). */
  default String absent() {
    return "yet";
  }

  /** Listens on {@code bind} until every expected router has reported and been quiet for {@code settle}, or {@code wait} has passed. */
  static BmpSource once(InetSocketAddress bind, Duration wait, Duration settle) {
    return new BmpSource() {
      @Override
      public Map<String, BmpFeed.Router> routers(Set<String> expected) {
        return BmpFeed.read(bind, expected, wait, settle);
      }

      @Override
      public String absent() {
        return "within " + wait.toSeconds() + " s: does it speak BMP to this address? (BIRD 2.0 cannot)";
      }
    };
  }
}
