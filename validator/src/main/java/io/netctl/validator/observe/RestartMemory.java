package io.netctl.validator.observe;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each BGP session advertised about graceful restart the last time a source saw it
 * Established, and when: a session that is down shows no capabilities any more (BIRD prints them
 * only while it is up), yet whether its routes had to be kept depends on them. A one-shot check
 * keeps one for its run (BIRD is read at its start and end); a long-running process (the agent)
 * keeps one for its life.
 */
public final class RestartMemory {
  /**
   * One session as last seen up.
   *
   * @param node what the node's side advertised
   * @param reflector what the reflector's side advertised
   * @param lastUp when it was last seen Established
   */
  public record Seen(RestartCapabilities node, RestartCapabilities reflector, Instant lastUp) {
    public Seen {
      Objects.requireNonNull(node, "node");
      Objects.requireNonNull(reflector, "reflector");
      Objects.requireNonNull(lastUp, "lastUp");
    }
  }

  private final Map<String, Seen> sessions = new ConcurrentHashMap<>();

  /** The session of {@code host} with {@code peer} (IPs) was Established at {@code at}, with these capabilities. */
  public void up(String host, String peer, RestartCapabilities node, RestartCapabilities reflector, Instant at) {
    sessions.merge(host + " " + peer, new Seen(node, reflector, at), (old, now) -> now.lastUp().isBefore(old.lastUp()) ? old : now);
  }

  /** The session as last seen up, or null when it never was. */
  public Seen last(String host, String peer) {
    return sessions.get(host + " " + peer);
  }
}
