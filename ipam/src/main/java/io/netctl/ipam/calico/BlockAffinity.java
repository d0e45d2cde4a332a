package io.netctl.ipam.calico;

/**
 * A block affinity at {@code /calico/ipam/v2/host/<node>/ipv4/block/<a.b.c.d-len>} (reference
 * A.6): {@code {"state":"confirmed","deleted":false}}. confd exports a block only when its
 * affinity is confirmed (or has no state, the v1 format); pending ones are not exported.
 */
public final class BlockAffinity {
  private BlockAffinity() {}

  public static final String CONFIRMED = "{\"state\":\"confirmed\",\"deleted\":false}";

  /** The affinity's state as confd reads it: a missing state counts as confirmed. */
  public static String state(String key, String value) {
    if (value.isBlank() || value.equals("{}")) {
      return "confirmed";
    }
    return CalicoJson.parse(key, value).path("state").asText("confirmed");
  }
}
