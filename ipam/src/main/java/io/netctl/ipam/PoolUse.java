package io.netctl.ipam;

import inet.ipaddr.IPAddress;
import io.netctl.ipam.calico.AllocationBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How many addresses of a node's pool Calico has handed out: the {@code allocations} of the pool's
 * IPAM block that are not null (libcalico-go {@code model/block.go}). Every address of the block is
 * usable (Calico gives pods the network and broadcast addresses of a block too).
 *
 * @param node the node the pool is allocated to
 * @param cidr the pool
 * @param inUse addresses in use in the pool's block (0 while there is no block: a pending allocation)
 * @param total the addresses of the pool
 * @param hasBlock whether the pool's IPAM block exists (it does not while the allocation is pending)
 */
public record PoolUse(String node, IPAddress cidr, int inUse, int total, boolean hasBlock) {
  public PoolUse {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(cidr, "cidr");
    if (total <= 0 || inUse < 0) {
      throw new IllegalArgumentException("pool " + cidr + ": " + inUse + " in use of " + total);
    }
  }

  /** The addresses a pool of this prefix holds. */
  public static int addressesOf(IPAddress cidr) {
    return 1 << (cidr.getBitCount() - cidr.getNetworkPrefixLength());
  }

  /** Every readable allocation's use, in CIDR order; a block larger than its pool is counted as it is. */
  public static List<PoolUse> of(IpamState state) {
    List<PoolUse> out = new ArrayList<>();
    for (IpamState.Stored<Allocation> s : state.allocations().values()) {
      Allocation a = s.value();
      IpamState.Stored<AllocationBlock> block = state.blocks().get(a.cidrText());
      int total = addressesOf(a.cidr());
      out.add(new PoolUse(a.node(), a.cidr(), block == null ? 0 : block.value().inUse(), total, block != null));
    }
    out.sort((x, y) -> x.cidr().compareTo(y.cidr()));
    return List.copyOf(out);
  }

  public String cidrText() {
    return cidr.toCanonicalString();
  }

  /** In use as a percentage of {@link #total}, rounded down. */
  public int percent() {
    return (int) (100L * inUse / total);
  }
}
