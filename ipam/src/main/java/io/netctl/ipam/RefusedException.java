package io.netctl.ipam;

import java.util.Objects;

/**
 * A request refused because of the current state: exhausted ranges, a block in use, a conflict
 * with a concurrent writer (exit code 4). Nothing was written. The message is one line, for an
 * operator; callers that must tell refusals apart switch on {@link #reason()}, never on the text.
 */
public class RefusedException extends RuntimeException {

  /** Why a request was refused. */
  public enum Reason {
    /** No free pool is left in the configured ranges. */
    EXHAUSTED,
    /** The requested host IP is recorded for another node (one host IP per node). */
    HOST_IP_TAKEN,
    /** The node has another host IP recorded, and replacing it was not asked for. */
    HOST_IP_DIFFERS,
    /** The node's Calico block has addresses in use by pods (a release without force). */
    BLOCK_IN_USE,
    /**
     * Other writers changed what the request depends on under every attempt, or since it was
     * read: nothing was written, and running it again may succeed.
     */
    CONTENTION,
    /** The node has no allocation (nothing to release or show). */
    NO_ALLOCATION,
    /**
     * A record the request needs cannot be read (not JSON, another shape): netctl neither
     * overwrites nor trusts it; {@code release --force} removes it.
     */
    RECORD_MALFORMED,
    /**
     * What would be written conflicts with what exists: a BGP plan that would break the network,
     * objects that belong to someone else, a route reflector that is a calico-node.
     */
    CONFLICT
  }

  private final Reason reason;

  public RefusedException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public Reason reason() {
    return reason;
  }
}
