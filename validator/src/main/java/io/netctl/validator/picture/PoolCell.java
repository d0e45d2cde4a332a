package io.netctl.validator.picture;

import java.util.List;
import java.util.Objects;

/**
 * One block of a managed range.
 *
 * @param cidr its CIDR, canonical
 * @param state its state
 * @param node the node it is allocated to, or null
 * @param hostIp that node's host IP, or null
 * @param holder for a foreign block: the IPPool or block key that holds it, else null
 * @param seenBy the reflectors that advertise it (empty when none was observed)
 * @param findings the indexes into {@link NetworkPicture#findings()} of the findings about it
 */
public record PoolCell(String cidr, PoolState state, String node, String hostIp, String holder, List<String> seenBy, List<Integer> findings) {
  public PoolCell {
    Objects.requireNonNull(cidr, "cidr");
    Objects.requireNonNull(state, "state");
    seenBy = List.copyOf(seenBy);
    findings = List.copyOf(findings);
  }
}
