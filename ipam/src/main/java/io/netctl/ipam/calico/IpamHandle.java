package io.netctl.ipam.calico;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import inet.ipaddr.IPAddress;
import java.util.Optional;

/**
 * An IPAM handle at {@code /calico/ipam/v2/handle/<handleID>} (reference A.6; libcalico-go {@code
 * model/ipam_handle.go}): {@code {"block":{"<cidr>":<count>,...},"deleted":false}}, how many
 * addresses the handle holds in each block. Calico decrements a block's count when it releases
 * addresses and deletes the handle once it holds none ({@code lib/ipam/ipam.go decrementHandle}); a
 * block deleted without that leaves a handle pointing at a block that is gone.
 */
public final class IpamHandle {
  private IpamHandle() {}

  /**
   * The handle's value without its entry for {@code block}, or empty when it then holds no
   * addresses in any block (the handle is to be deleted, as {@code decrementHandle} does).
   */
  public static Optional<String> without(String key, String value, IPAddress block) {
    ObjectNode h = CalicoJson.parse(key, value);
    JsonNode blocks = h.get("block");
    if (blocks == null || !blocks.isObject()) {
      return Optional.empty();
    }
    ObjectNode b = (ObjectNode) blocks;
    b.remove(block.toPrefixBlock().toCanonicalString());
    boolean holds = false;
    var it = b.fields();
    while (it.hasNext()) {
      if (it.next().getValue().asInt(0) > 0) {
        holds = true;
      }
    }
    return holds ? Optional.of(CalicoJson.write(h)) : Optional.empty();
  }

  /** Whether the handle's value counts addresses in {@code block}. */
  public static boolean holds(String key, String value, IPAddress block) {
    return CalicoJson.parse(key, value).path("block").path(block.toPrefixBlock().toCanonicalString()).asInt(0) > 0;
  }
}
