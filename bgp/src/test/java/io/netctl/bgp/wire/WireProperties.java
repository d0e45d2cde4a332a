package io.netctl.bgp.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of the codec: valid messages round-trip exactly; random and mutated bytes only ever
 * give a message or a {@link BgpProtocolException}, and what decodes re-encodes to something that
 * decodes the same. Memory stays bounded: the decoder never reads past the message it was given.
 */
class WireProperties {
  static final WireOptions TWO = new WireOptions(false, true, true);
  static final WireOptions FOUR = new WireOptions(true, true, true);

  @Provide
  Arbitrary<BgpMessage> fourOctetMessages() {
    return WireArbitraries.message(true);
  }

  @Provide
  Arbitrary<BgpMessage> twoOctetMessages() {
    return WireArbitraries.message(false);
  }

  @Property(tries = 2000)
  void validMessagesRoundTripOnFourOctetSessions(@ForAll("fourOctetMessages") BgpMessage m) {
    roundTrip(m, FOUR);
  }

  @Property(tries = 1000)
  void validMessagesRoundTripOnTwoOctetSessions(@ForAll("twoOctetMessages") BgpMessage m) {
    roundTrip(m, TWO);
  }

  private static void roundTrip(BgpMessage m, WireOptions o) {
    byte[] bytes = MessageWriter.write(m, o);
    BgpMessage back = MessageReader.read(bytes, o, issue -> {
      throw new AssertionError("finding on a valid message: " + issue + " for " + m);
    });
    assertThat(back).isEqualTo(m);
    assertThat(MessageWriter.write(back, o)).isEqualTo(bytes);
  }

  @Provide
  Arbitrary<byte[]> randomMessages() {
    // a valid header (so decoding goes past it) around random bytes of a random type
    return Combinators.combine(Arbitraries.integers().between(0, 7), Arbitraries.bytes().array(byte[].class).ofMaxSize(300))
        .as((type, body) -> ErrorPathsTest.message(type, java.util.HexFormat.of().formatHex(body)));
  }

  @Property(tries = 5000)
  void randomBodiesGiveAMessageOrAProtocolError(@ForAll("randomMessages") byte[] bytes) {
    decodeOrProtocolError(bytes, FOUR);
    decodeOrProtocolError(bytes, TWO);
  }

  @Provide
  Arbitrary<byte[]> mutatedMessages() {
    return Combinators.combine(
            WireArbitraries.message(true),
            Arbitraries.integers().between(0, 10000).list().ofMinSize(1).ofMaxSize(4),
            Arbitraries.bytes().list().ofMinSize(4).ofMaxSize(4))
        .as((m, positions, values) -> {
          byte[] b = MessageWriter.write(m, FOUR);
          for (int i = 0; i < positions.size(); i++) {
            int at = 16 + positions.get(i) % (b.length - 16); // keep the marker, mutate anything else
            b[at] = values.get(i);
          }
          return b;
        });
  }

  @Property(tries = 5000)
  void mutatedMessagesGiveAMessageOrAProtocolError(@ForAll("mutatedMessages") byte[] bytes) {
    decodeOrProtocolError(bytes, FOUR);
  }

  @Property(tries = 300)
  void randomStreamsThroughThePipelineOnlyRaiseProtocolErrors(@ForAll("mutatedMessages") byte[] a, @ForAll("randomMessages") byte[] b) {
    EmbeddedChannel ch = new EmbeddedChannel(new BgpFrameDecoder(), new BgpMessageDecoder());
    FOUR.applyTo(ch);
    ByteBuf in = Unpooled.wrappedBuffer(a, b);
    try {
      while (in.isReadable()) {
        ch.writeInbound(in.readRetainedSlice(Math.min(13, in.readableBytes())));
      }
    } catch (BgpProtocolException expected) {
      // the session would send this NOTIFICATION and close
    } finally {
      in.release();
      ch.finishAndReleaseAll();
    }
  }

  private static void decodeOrProtocolError(byte[] bytes, WireOptions o) {
    BgpMessage m;
    List<MalformedUpdate> issues = new ArrayList<>();
    ByteBuf buf = Unpooled.wrappedBuffer(bytes);
    try {
      m = MessageReader.read(buf, o, issues::add);
    } catch (BgpProtocolException e) {
      assertThat(e.error()).isNotNull();
      return;
    }
    assertThat(issues).allSatisfy(i -> assertThat(i.action()).isNotEqualTo(Rfc7606Action.SESSION_RESET));
    BgpMessage again = MessageReader.read(MessageWriter.write(m, o), o, x -> {});
    assertThat(again).isEqualTo(m);
  }
}
