package io.netctl.bgp.wire;

import java.util.List;

/**
 * OPEN (RFC 4271 §4.2): version(1)=4, My AS(2), Hold Time(2), BGP Identifier(4), Opt Parm Len(1),
 * then optional parameters; this speaker sends and understands only the Capabilities parameter
 * (type 2, RFC 5492 §4). Daemons differ in layout: BIRD puts all capabilities in one parameter,
 * GoBGP one parameter per capability; {@code oneParameter} keeps which, so a re-encode is exact.
 *
 * @param myAs the 2-octet My AS field (AS_TRANS 23456 when the real AS does not fit, RFC 6793)
 * @param holdTime seconds, 0 or at least 3
 * @param bgpId the BGP Identifier as a 32-bit value
 * @param capabilities in the order they were read or are to be sent
 * @param oneParameter all capabilities in a single optional parameter, rather than one each
 */
public record Open(int myAs, int holdTime, int bgpId, List<Capability> capabilities, boolean oneParameter)
    implements BgpMessage {
  public static final int VERSION = 4;
  public static final int AS_TRANS = 23456;

  public Open {
    if (myAs < 0 || myAs > 0xffff || holdTime < 0 || holdTime > 0xffff) {
      throw new IllegalArgumentException("My AS and Hold Time are 16-bit fields");
    }
    capabilities = List.copyOf(capabilities);
  }

  /** An OPEN with one optional parameter per capability. */
  public Open(int myAs, int holdTime, int bgpId, List<Capability> capabilities) {
    this(myAs, holdTime, bgpId, capabilities, false);
  }

  /** The speaker's AS: the 4-octet capability's value when present, else My AS (RFC 6793 §4.1). */
  public long asNumber() {
    for (Capability c : capabilities) {
      if (c instanceof Capability.FourOctetAs f) {
        return f.asNumber();
      }
    }
    return myAs;
  }

  /** The first capability of this kind, or null. */
  public <T extends Capability> T capability(Class<T> kind) {
    for (Capability c : capabilities) {
      if (kind.isInstance(c)) {
        return kind.cast(c);
      }
    }
    return null;
  }

  /** What the speaker announced about graceful restart (RFC 4724), or null when it did not. */
  public Capability.GracefulRestart gracefulRestart() {
    return capability(Capability.GracefulRestart.class);
  }

  /** What the speaker announced about long-lived graceful restart (RFC 9494), or null. */
  public Capability.LongLivedGracefulRestart longLivedGracefulRestart() {
    return capability(Capability.LongLivedGracefulRestart.class);
  }

  public boolean has(Class<? extends Capability> kind) {
    return capabilities.stream().anyMatch(kind::isInstance);
  }

  /** The families of the Multiprotocol capabilities, or IPv4 unicast when there are none (RFC 4760 §8). */
  public List<AddressFamily> families() {
    List<AddressFamily> fs =
        capabilities.stream()
            .filter(c -> c instanceof Capability.Multiprotocol)
            .map(c -> ((Capability.Multiprotocol) c).family())
            .toList();
    return fs.isEmpty() && !has(Capability.Multiprotocol.class) ? List.of(AddressFamily.IPV4_UNICAST) : fs;
  }

  @Override
  public MessageType type() {
    return MessageType.OPEN;
  }
}
