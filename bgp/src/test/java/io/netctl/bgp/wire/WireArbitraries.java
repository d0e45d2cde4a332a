package io.netctl.bgp.wire;

import io.netctl.bgp.wire.PathAttribute.*;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** jqwik generators of valid BGP messages, for round-trip and mutation properties. */
final class WireArbitraries {
  private WireArbitraries() {}

  static Arbitrary<Prefix> ipv4Prefix() {
    return Combinators.combine(Arbitraries.integers(), Arbitraries.integers().between(0, 32))
        .as((a, len) -> new Prefix.Ipv4(a & Prefix.Ipv4.mask(len), len));
  }

  static Arbitrary<Prefix> ipv6Prefix() {
    return Combinators.combine(Arbitraries.longs(), Arbitraries.longs(), Arbitraries.integers().between(0, 128))
        .as((hi, lo, len) -> Prefix.Ipv6.masked(hi, lo, len));
  }

  static Arbitrary<Long> asn(boolean fourOctet) {
    return fourOctet ? Arbitraries.longs().between(0, 0xffffffffL) : Arbitraries.longs().between(0, 0xffff);
  }

  static Arbitrary<List<Segment>> segments(boolean fourOctet) {
    Arbitrary<Segment> seg =
        Combinators.combine(Arbitraries.of(SegmentType.class), asn(fourOctet).list().ofMinSize(1).ofMaxSize(8))
            .as(Segment::new);
    return seg.list().ofMaxSize(3);
  }

  static Arbitrary<Octets> octets(int max) {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(max).map(Octets::of);
  }

  static Arbitrary<Long> u32() {
    return Arbitraries.longs().between(0, 0xffffffffL);
  }

  /** Optional attributes with valid values (the mandatory three are added by {@link #update}). */
  static Arbitrary<PathAttribute> optionalAttribute(boolean fourOctet) {
    return Arbitraries.oneOf(
        u32().map(MultiExitDisc::new),
        u32().map(LocalPref::new),
        Arbitraries.just(new AtomicAggregate()),
        Combinators.combine(asn(fourOctet), Arbitraries.integers()).as(Aggregator::new),
        Arbitraries.integers().list().ofMinSize(1).ofMaxSize(6).map(Communities::new),
        Arbitraries.integers().map(OriginatorId::new),
        Arbitraries.integers().list().ofMinSize(1).ofMaxSize(4).map(ClusterList::new),
        Arbitraries.longs().list().ofMinSize(1).ofMaxSize(4).map(ExtendedCommunities::new),
        segments(true).map(As4Path::new),
        Combinators.combine(u32(), Arbitraries.integers()).as(As4Aggregator::new),
        Combinators.combine(u32(), u32(), u32()).as(LargeCommunity::new).list().ofMinSize(1).ofMaxSize(3).map(LargeCommunities::new),
        Combinators.combine(Arbitraries.of(4, 16, 32), ipv6Prefix().list().ofMaxSize(5))
            .as((nh, nlri) -> new MpReach(AddressFamily.IPV6_UNICAST, Octets.of(new byte[nh == 4 ? 16 : nh]), nlri)),
        ipv6Prefix().list().ofMaxSize(5).map(w -> new MpUnreach(AddressFamily.IPV6_UNICAST, w)),
        Combinators.combine(Arbitraries.of(0x80, 0xc0, 0xe0, 0x90, 0xd0), Arbitraries.integers().between(19, 255).filter(t -> !AttributeType.known(t)), octets(20))
            .as(Unknown::new));
  }

  static Arbitrary<Update> update(boolean fourOctet) {
    Arbitrary<List<PathAttribute>> optional =
        optionalAttribute(fourOctet).list().ofMaxSize(6).uniqueElements(PathAttribute::typeCode);
    Arbitrary<List<PathAttribute>> mandatory =
        Combinators.combine(Arbitraries.of(OriginType.class), segments(fourOctet), Arbitraries.integers())
            .as((o, s, nh) -> List.of(new Origin(o), new AsPath(s), new NextHop(nh)));
    Arbitrary<Long> formBits = Arbitraries.longs();
    return Combinators.combine(
            ipv4Prefix().list().ofMaxSize(10), mandatory, optional, ipv4Prefix().list().ofMaxSize(10), formBits, formBits, Arbitraries.of(true, false))
        .as((withdrawn, must, opt, nlri, ext, partial, withAttributes) -> {
          List<PathAttribute> attrs = new ArrayList<>();
          if (withAttributes) {
            attrs.addAll(must);
            attrs.addAll(opt);
          }
          long present = 0;
          for (PathAttribute a : attrs) {
            if (!(a instanceof Unknown)) {
              present |= 1L << a.typeCode();
            }
          }
          return new Update(withdrawn, attrs, withAttributes ? nlri : List.of(), new AttributeForm(ext & present, partial & present));
        });
  }

  static Arbitrary<Capability> capability() {
    return Arbitraries.oneOf(
        Arbitraries.of(AddressFamily.IPV4_UNICAST, AddressFamily.IPV6_UNICAST, new AddressFamily(25, 70)).map(Capability.Multiprotocol::new),
        Arbitraries.just(new Capability.RouteRefresh()),
        Arbitraries.just(new Capability.EnhancedRouteRefresh()),
        Arbitraries.just(new Capability.ExtendedMessage()),
        u32().map(Capability.FourOctetAs::new),
        Combinators.combine(
                Arbitraries.integers().between(0, 15),
                Arbitraries.integers().between(0, 4095),
                Combinators.combine(Arbitraries.of(AddressFamily.IPV4_UNICAST, AddressFamily.IPV6_UNICAST), Arbitraries.integers().between(0, 255))
                    .as(Capability.GracefulRestart.Family::new)
                    .list()
                    .ofMaxSize(3))
            .as(Capability.GracefulRestart::new),
        Combinators.combine(Arbitraries.of(5, 9, 69, 71, 73, 128), octets(10)).as(Capability.Unknown::new));
  }

  static Arbitrary<Open> open() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 0xffff),
            Arbitraries.integers().between(0, 0xffff),
            Arbitraries.integers(),
            capability().list().ofMaxSize(10),
            Arbitraries.of(true, false))
        .as((as, hold, id, caps, one) -> new Open(as, hold, id, caps, one && caps.size() > 1));
  }

  static Arbitrary<BgpMessage> message(boolean fourOctet) {
    return Arbitraries.oneOf(
        open(),
        update(fourOctet),
        Combinators.combine(Arbitraries.integers().between(0, 255), Arbitraries.integers().between(0, 255), octets(40))
            .as(Notification::new),
        Arbitraries.just(Keepalive.INSTANCE),
        Combinators.combine(Arbitraries.integers().between(0, 0xffff), Arbitraries.integers().between(0, 255), Arbitraries.integers().between(0, 255))
            .as((afi, safi, sub) -> new RouteRefresh(AddressFamily.of(afi, safi), sub)));
  }
}
