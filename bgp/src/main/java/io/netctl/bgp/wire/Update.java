package io.netctl.bgp.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * UPDATE (RFC 4271 §4.3): Withdrawn Routes Length(2), Withdrawn Routes (IPv4), Total Path
 * Attribute Length(2), Path Attributes, NLRI (IPv4). Other families travel in MP_REACH_NLRI and
 * MP_UNREACH_NLRI (RFC 4760). An UPDATE with nothing in it is the IPv4 End-of-RIB marker, one with
 * only an empty MP_UNREACH_NLRI that of its family (RFC 4724 §2). {@code form} records the
 * sender's choice of flags where the encoding allowed one, for an exact re-encode.
 *
 * <p>With ADD-PATH (RFC 7911 §3) each prefix of the two IPv4 fields has a path identifier: {@code
 * withdrawnPathIds} and {@code nlriPathIds} are then as long as their prefix lists (one unsigned
 * 32-bit id per prefix, same position); without it they are empty.
 */
public record Update(
    List<Prefix> withdrawn,
    List<PathAttribute> attributes,
    List<Prefix> nlri,
    AttributeForm form,
    List<Integer> withdrawnPathIds,
    List<Integer> nlriPathIds)
    implements BgpMessage {

  /** An UPDATE written the way this speaker writes it. */
  public Update(List<Prefix> withdrawn, List<PathAttribute> attributes, List<Prefix> nlri) {
    this(withdrawn, attributes, nlri, AttributeForm.CANONICAL);
  }

  /** An UPDATE without path identifiers. */
  public Update(List<Prefix> withdrawn, List<PathAttribute> attributes, List<Prefix> nlri, AttributeForm form) {
    this(withdrawn, attributes, nlri, form, List.of(), List.of());
  }

  public Update {
    if (form == null) {
      form = AttributeForm.CANONICAL;
    }
    withdrawn = List.copyOf(withdrawn);
    attributes = List.copyOf(attributes);
    nlri = List.copyOf(nlri);
    withdrawnPathIds = NlriReader.pathIds(withdrawnPathIds, withdrawn);
    nlriPathIds = NlriReader.pathIds(nlriPathIds, nlri);
    for (Prefix p : withdrawn) {
      requireIpv4(p);
    }
    for (Prefix p : nlri) {
      requireIpv4(p);
    }
  }

  private static void requireIpv4(Prefix p) {
    if (!(p instanceof Prefix.Ipv4)) {
      throw new IllegalArgumentException("the UPDATE's own NLRI fields carry IPv4 only (use MP_REACH): " + p);
    }
  }

  /** The End-of-RIB marker for a family (RFC 4724 §2). */
  public static Update endOfRib(AddressFamily family) {
    if (family.equals(AddressFamily.IPV4_UNICAST)) {
      return new Update(List.of(), List.of(), List.of());
    }
    return new Update(List.of(), List.of(new PathAttribute.MpUnreach(family, List.of())), List.of());
  }

  /** The family this UPDATE marks the End-of-RIB of, or null when it is not such a marker. */
  public AddressFamily endOfRib() {
    if (!withdrawn.isEmpty() || !nlri.isEmpty()) {
      return null;
    }
    if (attributes.isEmpty()) {
      return AddressFamily.IPV4_UNICAST;
    }
    if (attributes.size() == 1 && attributes.get(0) instanceof PathAttribute.MpUnreach u && u.withdrawn().isEmpty()) {
      return u.family();
    }
    if (attributes.size() == 1 && attributes.get(0) instanceof PathAttribute.Unknown u
        && u.typeCode() == AttributeType.MP_UNREACH_NLRI && u.value().length() == 3) {
      return AddressFamily.of((u.value().get(0) << 8) | u.value().get(1), u.value().get(2));
    }
    return null;
  }

  /** The first attribute of this kind, or null. */
  public <T extends PathAttribute> T attribute(Class<T> kind) {
    for (PathAttribute a : attributes) {
      if (kind.isInstance(a)) {
        return kind.cast(a);
      }
    }
    return null;
  }

  /** Every prefix this UPDATE announces: the NLRI field and MP_REACH_NLRI. */
  public List<Prefix> announced() {
    PathAttribute.MpReach r = attribute(PathAttribute.MpReach.class);
    if (r == null) {
      return nlri;
    }
    List<Prefix> all = new ArrayList<>(nlri.size() + r.nlri().size());
    all.addAll(nlri);
    all.addAll(r.nlri());
    return all;
  }

  /** Every prefix this UPDATE withdraws: the Withdrawn Routes field and MP_UNREACH_NLRI. */
  public List<Prefix> withdrawnAll() {
    PathAttribute.MpUnreach u = attribute(PathAttribute.MpUnreach.class);
    if (u == null) {
      return withdrawn;
    }
    List<Prefix> all = new ArrayList<>(withdrawn.size() + u.withdrawn().size());
    all.addAll(withdrawn);
    all.addAll(u.withdrawn());
    return all;
  }

  @Override
  public MessageType type() {
    return MessageType.UPDATE;
  }
}
