package io.netctl.bgp.calico;

import java.util.Objects;

/**
 * Why netctl will not write a plan: the result would be a broken network. One line, naming the
 * objects involved.
 *
 * @param code a stable code, e.g. {@code NON_UNIFORM_AS}
 * @param message one line for an operator
 */
public record Refusal(Code code, String message) {

  /** What is wrong. */
  public enum Code {
    /** A BGPPeer or Node with an AS different from the global one. */
    NON_UNIFORM_AS,
    /** The node-to-node mesh on while route reflectors are configured. */
    MESH_WITH_ROUTE_REFLECTORS,
    /** The mesh off and nothing to peer with: no routes at all. */
    NO_PEERING,
    /** A route reflector's IP is a pool address. */
    RR_IP_IN_POOL,
    /** A BGPPeer that would make a node peer with itself. */
    PEER_TO_SELF,
    /** A BGPPeer for an IP that is no route reflector or core switch and is managed by no one. */
    UNKNOWN_PEER,
    /** An object netctl must write exists and belongs to someone else. */
    NOT_MANAGED,
    /** A route reflector's Calico Node has another IP than netctl.yaml gives it. */
    RR_NODE_IP_MISMATCH,
    /** An object netctl must write or go by cannot be read (not JSON, another kind). */
    MALFORMED
  }

  public Refusal {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    if (message.contains("\n")) {
      throw new IllegalArgumentException("a refusal is one line: " + message);
    }
  }
}
