package io.netctl.bgp.wire;

/**
 * One large community (RFC 8092 §3), the value of {@link PathAttribute.LargeCommunities}: global
 * administrator, local data 1 and 2, each an unsigned 32-bit field; shown as a:b:c.
 */
public record LargeCommunity(long global, long local1, long local2) {
  public LargeCommunity {
    checkU32(global);
    checkU32(local1);
    checkU32(local2);
  }

  private static void checkU32(long v) {
    if (v < 0 || v > 0xffffffffL) {
      throw new IllegalArgumentException("value is an unsigned 32-bit field: " + v);
    }
  }

  @Override
  public String toString() {
    return global + ":" + local1 + ":" + local2;
  }
}
