package io.netctl.validator.nodes;

import inet.ipaddr.IPAddress;
import inet.ipaddr.ipv4.IPv4Address;
import io.netctl.ipam.Allocation;
import io.netctl.ipam.RefusedException;
import io.netctl.validator.Code;
import io.netctl.validator.Finding;
import java.time.Instant;
import java.util.Objects;

/** One factory per finding about a Node and its pool; the subject is always the node's name. */
public final class NodeFindings {
  private NodeFindings() {}

  /** What kept a Node from its pool; the finding's observed text starts with the label. */
  public enum AllocationFailure {
    /** The allocator refused (ranges exhausted, another host IP recorded, contention). */
    REFUSED("refused: "),
    /** The datastore could not be used or reached. */
    DATASTORE("datastore: "),
    /** The Node's name or address is no valid input. */
    BAD_INPUT("bad input: "),
    /** After a host IP conflict, allocating without the host IP failed too: its message as it is. */
    WITHOUT_HOST_IP("");

    private final String label;

    AllocationFailure(String label) {
      this.label = label;
    }
  }

  /** {@link Code#NODE_WITHOUT_ALLOCATION}: allocating for {@code node} failed with {@code message}. */
  public static Finding nodeWithoutAllocation(String node, AllocationFailure failure, String message) {
    Objects.requireNonNull(failure, "failure");
    return Finding.of(Code.NODE_WITHOUT_ALLOCATION, node, "a pool of its own", failure.label.isEmpty() ? message : failure.label + message);
  }

  /** {@link Code#NODE_HOST_IP_CONFLICT}: the Node's InternalIP is recorded for another node, as {@code taken} says. */
  public static Finding nodeHostIpConflict(String node, IPv4Address internalIp, RefusedException taken) {
    require(taken, RefusedException.Reason.HOST_IP_TAKEN);
    return Finding.of(Code.NODE_HOST_IP_CONFLICT, node, "host IP " + internalIp + " recorded for " + node, taken.getMessage());
  }

  /** {@link Code#NODE_WITHOUT_INTERNAL_IP}: the Node reports no InternalIP, so its pool has no host IP. */
  public static Finding nodeWithoutInternalIp(String node, IPAddress pool) {
    return Finding.of(Code.NODE_WITHOUT_INTERNAL_IP, node, "an InternalIP in status.addresses", "none; pool " + pool.toCanonicalString() + " has no host IP");
  }

  /** {@link Code#ALLOCATION_WITHOUT_NODE}: {@code pool}'s Node is gone; the pool is released at {@code releaseAt}. */
  public static Finding allocationWithoutNode(Allocation pool, Instant releaseAt) {
    Objects.requireNonNull(releaseAt, "releaseAt");
    return Finding.of(Code.ALLOCATION_WITHOUT_NODE, pool.node(), "a Node named " + pool.node(),
        "no Node; pool " + pool.cidrText() + " is released at " + releaseAt + " if the Node is still gone");
  }

  /** {@link Code#NODE_GONE_POOL_IN_USE}: the release of a deleted Node's pool was refused because its block is in use. */
  public static Finding nodeGonePoolInUse(String node, RefusedException inUse) {
    require(inUse, RefusedException.Reason.BLOCK_IN_USE);
    return Finding.of(Code.NODE_GONE_POOL_IN_USE, node, "no addresses in use in the block of a deleted Node", inUse.getMessage());
  }

  /**
   * {@link Code#NODE_MAXPODS_EXCEEDS_POOL} when the Node's pod capacity exceeds the addresses of
   * its pool {@code pool}; empty when it does not or the capacity is unknown (null).
   */
  public static java.util.Optional<Finding> maxPodsExceedsPool(String node, Integer podCapacity, IPAddress pool) {
    int addresses = io.netctl.ipam.PoolUse.addressesOf(pool);
    if (podCapacity == null || podCapacity <= addresses) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(Finding.of(Code.NODE_MAXPODS_EXCEEDS_POOL, node,
        "status.capacity.pods at most " + addresses + " (the addresses of " + pool.toCanonicalString() + ")",
        "status.capacity.pods " + podCapacity));
  }

  private static void require(RefusedException e, RefusedException.Reason reason) {
    if (e.reason() != reason) {
      throw new IllegalArgumentException("expected a refusal for " + reason + ", not " + e.reason() + ": " + e.getMessage());
    }
  }
}
