package io.netctl.ipam.calico;

import inet.ipaddr.IPAddress;

/** Where Calico keeps its objects in etcd (reference A.1, A.6). */
public final class CalicoKeys {
  private CalicoKeys() {}

  public static final String RESOURCES = "/calico/resources/v3/projectcalico.org/";
  public static final String IPPOOLS = RESOURCES + "ippools/";
  public static final String BGPPEERS = RESOURCES + "bgppeers/";
  public static final String BGPCONFIGURATIONS = RESOURCES + "bgpconfigurations/";
  public static final String NODES = RESOURCES + "nodes/";
  public static final String BLOCKS_V4 = "/calico/ipam/v2/assignment/ipv4/block/";
  public static final String HOSTS = "/calico/ipam/v2/host/";
  /** IPAM handles: {@code /calico/ipam/v2/handle/<handleID>} (libcalico-go {@code model/ipam_handle.go}). */
  public static final String HANDLES = "/calico/ipam/v2/handle/";

  /** The key of a cluster-scoped v3 resource, e.g. {@code ippools} + {@code netctl-10-3-240-0-27}. */
  public static String resource(String plural, String name) {
    return RESOURCES + plural + "/" + name;
  }

  /** {@code 10.3.240.0/27} → {@code 10.3.240.0-27}, as Calico's block and affinity keys spell a CIDR. */
  public static String cidrSegment(IPAddress cidr) {
    return cidr.toPrefixBlock().getLower().withoutPrefixLength().toCanonicalString() + "-" + cidr.getNetworkPrefixLength();
  }

  /** The key of the Calico Node named {@code name} (reference A.1). */
  public static String node(String name) {
    return NODES + name;
  }

  /** The key of the IPAM handle {@code handleId}, e.g. {@code k8s-pod-network.<containerID>}. */
  public static String handle(String handleId) {
    return HANDLES + handleId;
  }

  public static String block(IPAddress cidr) {
    return BLOCKS_V4 + cidrSegment(cidr);
  }

  /** The block-affinity key of {@code node} for {@code cidr} ({@code host} affinity type). */
  public static String affinity(String node, IPAddress cidr) {
    return HOSTS + node + "/ipv4/block/" + cidrSegment(cidr);
  }

  /** The prefix of all of {@code node}'s IPv4 block affinities. */
  public static String affinities(String node) {
    return HOSTS + node + "/ipv4/block/";
  }

  /** A DNS-1123 name from a CIDR, as Calico's migration names pools: {@code 10.3.240.0/27} → {@code 10-3-240-0-27}. */
  public static String cidrName(IPAddress cidr) {
    return cidrSegment(cidr).replace('.', '-').replace(':', '-');
  }
}
