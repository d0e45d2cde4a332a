package io.netctl.bgp.rib;

import io.netctl.bgp.wire.PathAttribute.As4Path;
import io.netctl.bgp.wire.PathAttribute.AsPath;
import io.netctl.bgp.wire.PathAttribute.Segment;
import io.netctl.bgp.wire.PathAttribute.SegmentType;
import java.util.ArrayList;
import java.util.List;

/** The AS path a route really has: AS_PATH, or on a 2-octet session AS_PATH merged with AS4_PATH. */
public final class AsPaths {
  private AsPaths() {}

  /**
   * RFC 6793 §4.2.3: when AS_PATH has fewer ASNs than AS4_PATH, AS4_PATH is ignored; otherwise the
   * leading ASNs of AS_PATH (as many as AS_PATH has more) are followed by all of AS4_PATH.
   * Confederation segments of AS4_PATH are dropped (§6).
   */
  public static AsPath merge(AsPath asPath, As4Path as4Path) {
    if (asPath == null) {
      return AsPath.EMPTY;
    }
    if (as4Path == null) {
      return asPath;
    }
    List<Segment> four = new ArrayList<>();
    for (Segment s : as4Path.segments()) {
      if (s.type() == SegmentType.AS_SEQUENCE || s.type() == SegmentType.AS_SET) {
        four.add(s);
      }
    }
    int n2 = units(asPath.segments());
    int n4 = units(four);
    if (n2 < n4) {
      return asPath;
    }
    int keep = n2 - n4;
    List<Segment> out = new ArrayList<>();
    for (Segment s : asPath.segments()) {
      if (keep == 0) {
        break;
      }
      int u = units(List.of(s));
      if (u <= keep) {
        out.add(s);
        keep -= u;
      } else if (s.type() == SegmentType.AS_SEQUENCE) {
        out.add(new Segment(SegmentType.AS_SEQUENCE, s.asns().subList(0, keep)));
        keep = 0;
      }
    }
    out.addAll(four);
    return new AsPath(out);
  }

  private static int units(List<Segment> segments) {
    int n = 0;
    for (Segment s : segments) {
      n += switch (s.type()) {
        case AS_SEQUENCE -> s.asns().size();
        case AS_SET -> 1;
        case AS_CONFED_SEQUENCE, AS_CONFED_SET -> 0;
      };
    }
    return n;
  }
}
