package io.netctl.validator;

import inet.ipaddr.ipv4.IPv4Address;
import java.util.Set;

/**
 * Which host an observation (a BIRD socket, a TCP table, a kernel routing table) belongs to, as
 * the user or the process knows it; the checker resolves it against netctl.yaml and the
 * allocations into an {@link ObservedHost}.
 */
public sealed interface HostRef {
  /** A director, route reflector or allocated node by name; {@code option} names the flag that gave it (for errors). */
  record Named(String name, String option) implements HostRef {}

  /** Whichever director, route reflector or allocated node owns one of {@code addresses} (this host's). */
  record ByAddress(Set<IPv4Address> addresses) implements HostRef {
    public ByAddress {
      addresses = Set.copyOf(addresses);
    }
  }

  /** A node that knows its own name (the agent), allocated or not. */
  record Node(String name) implements HostRef {}
}
