package io.netctl.bgp.rib;

import static org.assertj.core.api.Assertions.assertThat;

import io.netctl.bgp.wire.PathAttribute.As4Path;
import io.netctl.bgp.wire.PathAttribute.AsPath;
import io.netctl.bgp.wire.PathAttribute.Segment;
import io.netctl.bgp.wire.PathAttribute.SegmentType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 6793 §4.2.3 examples. */
class AsPathsTest {
  static As4Path as4(Long... asns) {
    return new As4Path(List.of(new Segment(SegmentType.AS_SEQUENCE, List.of(asns))));
  }

  @Test
  void leadingTwoOctetAsnsThenAs4Path() {
    assertThat(AsPaths.merge(AsPath.sequence(100L, 23456L, 23456L), as4(4200000000L, 4200000001L)).toString())
        .isEqualTo("100 4200000000 4200000001");
  }

  @Test
  void as4PathLongerThanAsPathIsIgnored() {
    AsPath p = AsPath.sequence(23456L);
    assertThat(AsPaths.merge(p, as4(1L, 2L))).isEqualTo(p);
  }

  @Test
  void setsCountAsOne() {
    AsPath p = new AsPath(List.of(new Segment(SegmentType.AS_SEQUENCE, List.of(100L, 23456L)),
        new Segment(SegmentType.AS_SET, List.of(1L, 2L, 3L))));
    As4Path four = new As4Path(List.of(new Segment(SegmentType.AS_SEQUENCE, List.of(4200000000L)),
        new Segment(SegmentType.AS_SET, List.of(1L, 2L, 3L))));
    assertThat(AsPaths.merge(p, four).toString()).isEqualTo("100 4200000000 {1 2 3}");
  }

  @Test
  void noAs4PathKeepsAsPath() {
    assertThat(AsPaths.merge(AsPath.sequence(1L), null)).isEqualTo(AsPath.sequence(1L));
    assertThat(AsPaths.merge(null, null)).isEqualTo(AsPath.EMPTY);
  }
}
