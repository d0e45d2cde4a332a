package io.netctl.bgp.wire;

import io.netctl.bgp.wire.PathAttribute.*;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

/**
 * Valid BGP messages made from a {@link RandomGenerator}: a seeded {@code SplittableRandom} in
 * the round-trip tests, the fuzzer's bytes ({@code FuzzedDataProvider::consumeLong}) in the fuzz
 * targets. Every choice is bounded, so an exhausted fuzzer input (all zeros) still makes a message.
 */
final class RandomMessages {
  private final RandomGenerator r;

  RandomMessages(RandomGenerator r) {
    this.r = r;
  }

  /** Attribute type codes in 19..255 that this speaker does not know. */
  private static final int[] UNKNOWN_TYPES = IntStream.rangeClosed(19, 255).filter(t -> !AttributeType.known(t)).toArray();
  private static final int[] UNKNOWN_FLAGS = {0x80, 0xc0, 0xe0, 0x90, 0xd0};
  private static final int[] UNKNOWN_CAPABILITIES = {5, 9, 73, 128};

  int between(int min, int max) {
    return r.nextInt(min, max + 1);
  }

  long u32() {
    return r.nextLong(0, 0x1_0000_0000L);
  }

  <T> List<T> list(int min, int max, Supplier<T> element) {
    int n = between(min, max);
    List<T> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(element.get());
    }
    return out;
  }

  <T> T oneOf(T[] values) {
    return values[r.nextInt(values.length)];
  }

  Prefix ipv4Prefix() {
    int len = between(0, 32);
    return new Prefix.Ipv4(r.nextInt() & Prefix.Ipv4.mask(len), len);
  }

  Prefix ipv6Prefix() {
    long hi = r.nextLong();
    long lo = r.nextLong();
    return Prefix.Ipv6.masked(hi, lo, between(0, 128));
  }

  long asn(boolean fourOctet) {
    return fourOctet ? u32() : between(0, 0xffff);
  }

  List<Segment> segments(boolean fourOctet) {
    return list(0, 3, () -> new Segment(oneOf(SegmentType.values()), list(1, 8, () -> asn(fourOctet))));
  }

  Octets octets(int max) {
    byte[] b = new byte[between(0, max)];
    r.nextBytes(b);
    return Octets.of(b);
  }

  /** An optional attribute with a valid value (the mandatory three are added by {@link #update}). */
  PathAttribute optionalAttribute(boolean fourOctet) {
    return switch (r.nextInt(14)) {
      case 0 -> new MultiExitDisc(u32());
      case 1 -> new LocalPref(u32());
      case 2 -> new AtomicAggregate();
      case 3 -> new Aggregator(asn(fourOctet), r.nextInt());
      case 4 -> new Communities(list(1, 6, r::nextInt));
      case 5 -> new OriginatorId(r.nextInt());
      case 6 -> new ClusterList(list(1, 4, r::nextInt));
      case 7 -> new ExtendedCommunities(list(1, 4, r::nextLong));
      case 8 -> new As4Path(segments(true));
      case 9 -> new As4Aggregator(u32(), r.nextInt());
      case 10 -> new LargeCommunities(list(1, 3, () -> new LargeCommunity(u32(), u32(), u32())));
      case 11 -> {
        int nh = oneOf(new Integer[] {4, 16, 32});
        yield new MpReach(AddressFamily.IPV6_UNICAST, Octets.of(new byte[nh == 4 ? 16 : nh]), list(0, 5, this::ipv6Prefix));
      }
      case 12 -> new MpUnreach(AddressFamily.IPV6_UNICAST, list(0, 5, this::ipv6Prefix));
      default -> new Unknown(UNKNOWN_FLAGS[r.nextInt(UNKNOWN_FLAGS.length)], UNKNOWN_TYPES[r.nextInt(UNKNOWN_TYPES.length)], octets(20));
    };
  }

  Update update(boolean fourOctet) {
    List<Prefix> withdrawn = list(0, 10, this::ipv4Prefix);
    List<PathAttribute> must = List.of(new Origin(oneOf(OriginType.values())), new AsPath(segments(fourOctet)), new NextHop(r.nextInt()));
    List<PathAttribute> optional = new ArrayList<>();
    Set<Integer> types = new HashSet<>();
    int n = between(0, 6);
    for (int i = 0; i < n; i++) {
      PathAttribute a = optionalAttribute(fourOctet);
      if (types.add(a.typeCode())) {
        optional.add(a);
      }
    }
    List<Prefix> nlri = list(0, 10, this::ipv4Prefix);
    long ext = r.nextLong();
    long partial = r.nextLong();
    boolean withAttributes = r.nextBoolean();
    List<PathAttribute> attrs = new ArrayList<>();
    if (withAttributes) {
      attrs.addAll(must);
      attrs.addAll(optional);
    }
    long present = 0;
    for (PathAttribute a : attrs) {
      if (!(a instanceof Unknown)) {
        present |= 1L << a.typeCode();
      }
    }
    return new Update(withdrawn, attrs, withAttributes ? nlri : List.of(), new AttributeForm(ext & present, partial & present));
  }

  Capability capability() {
    return switch (r.nextInt(9)) {
      case 0 -> new Capability.Multiprotocol(oneOf(new AddressFamily[] {AddressFamily.IPV4_UNICAST, AddressFamily.IPV6_UNICAST, new AddressFamily(25, 70)}));
      case 1 -> new Capability.RouteRefresh();
      case 2 -> new Capability.EnhancedRouteRefresh();
      case 3 -> new Capability.ExtendedMessage();
      case 4 -> new Capability.FourOctetAs(u32());
      case 5 -> new Capability.GracefulRestart(between(0, 15), between(0, 4095), list(0, 3, () -> new Capability.GracefulRestart.Family(
          oneOf(new AddressFamily[] {AddressFamily.IPV4_UNICAST, AddressFamily.IPV6_UNICAST}), between(0, 255))));
      case 6 -> new Capability.AddPath(list(1, 2, () -> new Capability.AddPath.Entry(
          oneOf(new AddressFamily[] {AddressFamily.IPV4_UNICAST, AddressFamily.IPV6_UNICAST}), between(1, 3))));
      case 7 -> new Capability.LongLivedGracefulRestart(list(0, 2, () -> new Capability.LongLivedGracefulRestart.Family(
          oneOf(new AddressFamily[] {AddressFamily.IPV4_UNICAST, AddressFamily.IPV6_UNICAST}), between(0, 255), between(0, 0xffffff))));
      default -> new Capability.Unknown(UNKNOWN_CAPABILITIES[r.nextInt(UNKNOWN_CAPABILITIES.length)], octets(10));
    };
  }

  Open open() {
    int as = between(0, 0xffff);
    int hold = between(0, 0xffff);
    int id = r.nextInt();
    List<Capability> caps = list(0, 10, this::capability);
    boolean one = r.nextBoolean();
    return new Open(as, hold, id, caps, one && caps.size() > 1);
  }

  BgpMessage message(boolean fourOctet) {
    return switch (r.nextInt(5)) {
      case 0 -> open();
      case 1 -> update(fourOctet);
      case 2 -> new Notification(between(0, 255), between(0, 255), octets(40));
      case 3 -> Keepalive.INSTANCE;
      default -> new RouteRefresh(AddressFamily.of(between(0, 0xffff), between(0, 255)), between(0, 255));
    };
  }
}
