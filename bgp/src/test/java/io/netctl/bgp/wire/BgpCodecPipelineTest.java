package io.netctl.bgp.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Frame → decode → encode on an {@link EmbeddedChannel}: stream splitting, errors, options per channel. */
class BgpCodecPipelineTest {

  static EmbeddedChannel channel() {
    EmbeddedChannel ch = new EmbeddedChannel(new BgpFrameDecoder(), new BgpMessageDecoder(), BgpMessageEncoder.INSTANCE);
    Fixtures.LAB.applyTo(ch);
    return ch;
  }

  @Test
  void messagesSplitAcrossAndPackedInReadsComeOutWhole() {
    EmbeddedChannel ch = channel();
    List<Fixtures.Captured> bird = Fixtures.load("bird-rr.txt");
    ByteBuf all = Unpooled.buffer();
    for (Fixtures.Captured c : bird) {
      all.writeBytes(c.bytes());
    }
    while (all.isReadable()) {
      ch.writeInbound(all.readRetainedSlice(Math.min(7, all.readableBytes()))); // 7 bytes at a time
    }
    all.release();
    for (Fixtures.Captured c : bird) {
      BgpMessage m = ch.readInbound();
      assertThat(MessageWriter.write(m, Fixtures.LAB)).isEqualTo(c.bytes());
    }
    assertThat((Object) ch.readInbound()).isNull();
    assertFalse(ch.finishAndReleaseAll());
  }

  @Test
  void encoderWritesWhatTheDecoderReads() {
    EmbeddedChannel ch = channel();
    Update u = new Update(List.of(), List.of(new PathAttribute.Origin(PathAttribute.OriginType.IGP), PathAttribute.AsPath.sequence(64512L, 4200000000L),
        new PathAttribute.NextHop(0x0a000001)), List.of(Prefix.parse("10.3.240.0/27")));
    ch.writeOutbound(u, Keepalive.INSTANCE);
    ByteBuf first = ch.readOutbound();
    ByteBuf second = ch.readOutbound();
    ch.writeInbound(first, second);
    assertThat((Object) ch.readInbound()).isEqualTo(u);
    assertThat((Object) ch.readInbound()).isEqualTo(Keepalive.INSTANCE);
    assertFalse(ch.finishAndReleaseAll());
  }

  @Test
  void headerErrorIsRaisedBeforeTheBodyArrivesAndLaterInputIsDiscarded() {
    EmbeddedChannel ch = channel();
    // a header announcing 5000 bytes (over 4096): refused at once, the body is never awaited
    ByteBuf header = Unpooled.wrappedBuffer(Octets.parseHex("ffffffffffffffffffffffffffffffff 1388 02"));
    assertThatThrownBy(() -> ch.writeInbound(header))
        .isInstanceOfSatisfying(BgpProtocolException.class, e -> assertThat(e.error()).isEqualTo(BgpError.BAD_MESSAGE_LENGTH));
    ch.writeInbound(Unpooled.wrappedBuffer(Fixtures.load("bird-rr.txt").get(1).bytes()));
    assertThat((Object) ch.readInbound()).isNull();
    assertFalse(ch.finishAndReleaseAll());
  }

  @Test
  void malformedUpdateFindingsPrecedeTheRepairedUpdate() {
    EmbeddedChannel ch = channel();
    String body = "0000 0018 40 01 01 07 40 02 06 02 01 0000fc00 40 03 04 ac1f0002 1b 0a03f000";
    ch.writeInbound(Unpooled.wrappedBuffer(ErrorPathsTest.message(2, body.replace("0018", "0014"))));
    MalformedUpdate finding = ch.readInbound();
    assertThat(finding.error()).isEqualTo(BgpError.INVALID_ORIGIN_ATTRIBUTE);
    Update u = ch.readInbound();
    assertThat(u.withdrawn()).containsExactly(Prefix.parse("10.3.240.0/27"));
    assertFalse(ch.finishAndReleaseAll());
  }

  @Test
  void extendedMessagesOnlyAfterTheOptionsSaySo() {
    EmbeddedChannel ch = channel();
    String attrs = "0014 40 01 01 00 40 02 06 02 01 0000fc00 40 03 04 ac1f0002";
    byte[] big = ErrorPathsTest.message(2, "0000" + attrs + "18 0a0000".repeat(1500)); // 6000 bytes of NLRI
    new WireOptions(true, true, true).applyTo(ch);
    ch.writeInbound(Unpooled.wrappedBuffer(big));
    Update u = ch.readInbound();
    assertThat(u.nlri()).hasSize(1500);
    assertFalse(ch.finishAndReleaseAll());
  }
}
