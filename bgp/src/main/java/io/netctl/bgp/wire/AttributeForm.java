package io.netctl.bgp.wire;

/**
 * How the known attributes of one UPDATE were written where a sender had a choice, so a re-encode
 * is byte for byte the same: BIRD and FRR use the extended-length flag for MP_REACH_NLRI (FRR
 * also for AS_PATH) even when the value is short, and a transitive attribute may arrive with the
 * partial bit set. Bit {@code t} stands for attribute type {@code t}; known types are all below 64.
 * {@link PathAttribute.Unknown} keeps its own flags.
 *
 * @param extendedLength types written with a 2-octet length although the value fits in one
 * @param partial types whose partial bit was set (RFC 4271 §4.3)
 */
public record AttributeForm(long extendedLength, long partial) {
  /** What this speaker writes: extended length only above 255 bytes, partial bit clear. */
  public static final AttributeForm CANONICAL = new AttributeForm(0, 0);

  public boolean extendedLength(int type) {
    return type < 64 && (extendedLength & (1L << type)) != 0;
  }

  public boolean partial(int type) {
    return type < 64 && (partial & (1L << type)) != 0;
  }
}
