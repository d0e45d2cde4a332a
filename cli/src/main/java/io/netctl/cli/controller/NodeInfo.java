package io.netctl.cli.controller;

import inet.ipaddr.ipv4.IPv4Address;
import java.util.Objects;

/**
 * What the controller needs of a Kubernetes Node, parsed at the edge.
 *
 * @param name the Node's name
 * @param internalIp its first IPv4 InternalIP, or null when it reports none
 * @param skip labelled {@code netctl.io/ipam=skip}: the controller leaves it alone
 * @param annotatedPool the value of its {@code netctl.io/pool} annotation, or null
 * @param podCapacity its {@code status.capacity.pods} (the kubelet's maxPods), or null when unknown
 */
public record NodeInfo(String name, IPv4Address internalIp, boolean skip, String annotatedPool, Integer podCapacity) {
  /** The label that tells the controller to leave a Node alone, and its value. */
  public static final String SKIP_LABEL = "netctl.io/ipam";

  public static final String SKIP_VALUE = "skip";

  /** The annotation {@code --annotate-nodes} writes: the Node's pool. */
  public static final String POOL_ANNOTATION = "netctl.io/pool";

  public NodeInfo {
    Objects.requireNonNull(name, "name");
  }

  /** Without a known pod capacity. */
  public NodeInfo(String name, IPv4Address internalIp, boolean skip, String annotatedPool) {
    this(name, internalIp, skip, annotatedPool, null);
  }

  public static NodeInfo of(String name, IPv4Address internalIp) {
    return new NodeInfo(name, internalIp, false, null);
  }
}
