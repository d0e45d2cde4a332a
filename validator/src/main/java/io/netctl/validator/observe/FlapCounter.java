package io.netctl.validator.observe;

import java.util.HashMap;
import java.util.Map;

/**
 * Counts flaps per peer between polls: a session that was Established and is not any more, or is
 * Established with a later "since" than at the last poll (it went down and came back between two
 * polls, which a plain up/down gauge never shows).
 */
public final class FlapCounter {
  private record Seen(int state, String since) {}

  private final Map<String, Seen> last = new HashMap<>();
  private final Map<String, Long> flaps = new HashMap<>();

  /**
   * Records one observation and returns the peer's flaps so far.
   *
   * @param fsmState RFC 4271 state number (6 = Established)
   * @param since when the state was entered as the source prints it; null when unknown
   */
  public long observe(String peer, int fsmState, String since) {
    Seen before = last.put(peer, new Seen(fsmState, since));
    if (before != null && before.state() == 6) {
      boolean left = fsmState != 6;
      boolean bounced = fsmState == 6 && since != null && before.since() != null && !since.equals(before.since());
      if (left || bounced) {
        flaps.merge(peer, 1L, Long::sum);
      }
    }
    return flaps.getOrDefault(peer, 0L);
  }
}
