package io.netctl.bgp.bmp;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Random and mutated BMP messages give a message or a {@link BmpFormatException}, nothing else. */
class BmpReaderProperties {
  static final List<byte[]> CAPTURED = concat(BmpFixturesTest.load("frr-bmp.txt"), BmpFixturesTest.load("gobgp-bmp.txt"));

  static List<byte[]> concat(List<byte[]> a, List<byte[]> b) {
    java.util.ArrayList<byte[]> l = new java.util.ArrayList<>(a);
    l.addAll(b);
    return l;
  }

  @Provide
  Arbitrary<byte[]> mutated() {
    return Combinators.combine(
            Arbitraries.of(CAPTURED), Arbitraries.integers().between(0, 100000).list().ofMinSize(1).ofMaxSize(4), Arbitraries.bytes().list().ofSize(4))
        .as((orig, at, values) -> {
          byte[] b = orig.clone();
          for (int i = 0; i < at.size(); i++) {
            b[5 + at.get(i) % (b.length - 5)] = values.get(i); // keep version and length
          }
          return b;
        });
  }

  @Provide
  Arbitrary<byte[]> random() {
    return Combinators.combine(Arbitraries.integers().between(0, 7), Arbitraries.bytes().array(byte[].class).ofMaxSize(200))
        .as((type, body) -> {
          byte[] b = new byte[6 + body.length];
          b[0] = 3;
          b[4] = (byte) b.length;
          b[3] = (byte) (b.length >>> 8);
          b[5] = (byte) (int) type;
          System.arraycopy(body, 0, b, 6, body.length);
          return b;
        });
  }

  @Property(tries = 3000)
  void mutatedCapturesDecodeOrFailCleanly(@ForAll("mutated") byte[] b) {
    decodeOrFormatError(b);
  }

  @Property(tries = 3000)
  void randomBodiesDecodeOrFailCleanly(@ForAll("random") byte[] b) {
    decodeOrFormatError(b);
  }

  static void decodeOrFormatError(byte[] b) {
    try {
      BmpReader.read(b, f -> {});
    } catch (BmpFormatException expected) {
      org.assertj.core.api.Assertions.assertThat(expected.getMessage()).isNotBlank();
    }
  }

}
