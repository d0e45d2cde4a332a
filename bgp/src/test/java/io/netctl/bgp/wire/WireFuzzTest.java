package io.netctl.bgp.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Arbitrary bytes through the BGP codec. A byte stream goes through {@link BgpFrameDecoder} and
 * {@link BgpMessageDecoder} as a session's would, the session's options applied once an OPEN
 * arrives (a 2-octet eBGP session without extended messages, a 4-octet iBGP session with them);
 * one message goes through {@link MessageReader} alone. All that may come out is messages and RFC
 * 7606 findings, or one {@link BgpProtocolException} carrying the NOTIFICATION; what decodes
 * re-encodes to something that decodes the same; and the heap allocated stays linear in the input,
 * whatever its length fields say.
 *
 * <p>Jazzer runs each {@code @FuzzTest} over its seed corpus ({@code WireFuzzTestInputs/}: the
 * sessions captured from BIRD, FRR and GoBGP) in every build, and fuzzes it from bench/fuzz.sh.
 * The {@code @Test}s run the same checks over seeded random and mutated messages.
 */
class WireFuzzTest {
  static final WireOptions TWO = new WireOptions(false, false, false);
  static final WireOptions FOUR = new WireOptions(true, true, true);
  /** Heap a decode may allocate: a bound linear in the input, with room for the pipeline itself. */
  static final long FIXED = 4 << 20;
  static final long PER_BYTE = 64;

  static {
    // first use loads and initialises netty and the codec: not what a message costs
    decodeSession(captured("bird-rr.txt"), FOUR);
    decode(Fixtures.load("bird-rr.txt").get(2).bytes(), FOUR);
  }

  /** A captured session's messages as one stream. */
  static byte[] captured(String file) {
    ByteBuf all = Unpooled.buffer();
    Fixtures.load(file).forEach(c -> all.writeBytes(c.bytes()));
    byte[] out = new byte[all.readableBytes()];
    all.readBytes(out);
    all.release();
    return out;
  }

  @FuzzTest
  void twoOctetSession(byte[] stream) {
    session(stream, TWO);
  }

  @FuzzTest
  void fourOctetSession(byte[] stream) {
    session(stream, FOUR);
  }

  @FuzzTest
  void message(byte[] message) {
    decodeOrProtocolError(message, FOUR);
    decodeOrProtocolError(message, TWO);
  }

  /** A session that negotiated ADD-PATH receive for IPv4 and IPv6 unicast (RFC 7911). */
  static final WireOptions ADD_PATH = new WireOptions(true, true, true, Set.of(AddressFamily.IPV4_UNICAST, AddressFamily.IPV6_UNICAST));

  /** One message read with path identifiers in the NLRI (seeds: {@code WireFuzzTestInputs/addPathMessage/}). */
  @FuzzTest
  void addPathMessage(byte[] message) {
    decodeOrProtocolError(message, ADD_PATH);
  }

  /** A stream on a session with ADD-PATH (seeds: {@code WireFuzzTestInputs/addPathSession/}). */
  @FuzzTest
  void addPathSession(byte[] stream) {
    session(stream, ADD_PATH);
  }

  /** Feeds {@code stream} in 13-byte reads; the session's options apply from the first OPEN on. */
  static void session(byte[] stream, WireOptions options) {
    long bound = FIXED + PER_BYTE * stream.length;
    long allocated = AllocatedBytes.settled(bound, () -> decodeSession(stream, options));
    assertThat(allocated).as("heap allocated for %d bytes", stream.length).isLessThan(bound);
  }

  /** Decodes a stream, checking what comes out. */
  static void decodeSession(byte[] stream, WireOptions options) {
    EmbeddedChannel ch = new EmbeddedChannel(new BgpFrameDecoder(), new BgpMessageDecoder(), new ChannelInboundHandlerAdapter() {
      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Open) {
          options.applyTo(ctx.channel()); // as BgpSession does once the OPENs are exchanged
        }
        ctx.fireChannelRead(msg);
      }
    });
    ByteBuf in = Unpooled.wrappedBuffer(stream);
    try {
      while (in.isReadable()) {
        ch.writeInbound(in.readRetainedSlice(Math.min(13, in.readableBytes())));
        for (Object o = ch.readInbound(); o != null; o = ch.readInbound()) {
          assertThat(o).isInstanceOfAny(BgpMessage.class, MalformedUpdate.class);
        }
      }
    } catch (BgpProtocolException e) {
      assertThat(e.toNotification()).isNotNull(); // the session would send it and close
    } finally {
      in.release();
      ch.finishAndReleaseAll();
    }
  }

  /** One message: a message (that re-encodes and decodes the same) or a protocol error, nothing else. */
  static void decodeOrProtocolError(byte[] bytes, WireOptions o) {
    long bound = FIXED + PER_BYTE * bytes.length;
    assertThat(AllocatedBytes.settled(bound, () -> decode(bytes, o))).as("heap allocated for %d bytes", bytes.length).isLessThan(bound);
    BgpMessage m = decode(bytes, o);
    if (m != null) {
      BgpMessage again = MessageReader.read(MessageWriter.write(m, o), o, x -> {});
      assertThat(again).as("decoded again after encoding").isEqualTo(m);
    }
  }

  /** The message, or null after a protocol error; RFC 7606 findings never ask for a session reset (that is thrown). */
  static BgpMessage decode(byte[] bytes, WireOptions o) {
    List<MalformedUpdate> issues = new ArrayList<>();
    try {
      BgpMessage m = MessageReader.read(Unpooled.wrappedBuffer(bytes), o, issues::add);
      assertThat(issues).allSatisfy(i -> assertThat(i.action()).isNotEqualTo(Rfc7606Action.SESSION_RESET));
      return m;
    } catch (BgpProtocolException e) {
      assertThat(e.toNotification()).isNotNull();
      return null;
    }
  }

  // The same checks over seeded random cases, so every build covers more than the seed corpus.

  /** A valid header (so decoding goes past it) around random bytes of a random type. */
  static byte[] randomMessage(SplittableRandom r) {
    byte[] body = new byte[r.nextInt(301)];
    r.nextBytes(body);
    return ErrorPathsTest.message(r.nextInt(8), HexFormat.of().formatHex(body));
  }

  /** A valid message with up to four bytes after the marker replaced. */
  static byte[] mutatedMessage(SplittableRandom r) {
    byte[] b = MessageWriter.write(new RandomMessages(r).message(true), FOUR);
    int n = 1 + r.nextInt(4);
    for (int i = 0; i < n; i++) {
      b[16 + r.nextInt(b.length - 16)] = (byte) r.nextInt();
    }
    return b;
  }

  @Test
  void randomBodiesGiveAMessageOrAProtocolError() {
    for (long seed = 0; seed < 5000; seed++) {
      byte[] b = randomMessage(new SplittableRandom(seed));
      message(b);
    }
  }

  @Test
  void mutatedMessagesGiveAMessageOrAProtocolError() {
    for (long seed = 0; seed < 5000; seed++) {
      decodeOrProtocolError(mutatedMessage(new SplittableRandom(seed)), FOUR);
    }
  }

  @Test
  void mutatedMessagesWithAddPathGiveAMessageOrAProtocolError() {
    for (long seed = 0; seed < 2000; seed++) {
      SplittableRandom r = new SplittableRandom(seed);
      byte[] b = MessageWriter.write(new RandomMessages(r).message(true), FOUR);
      decodeOrProtocolError(b, ADD_PATH); // a session without path ids read as one with them
      b[16 + r.nextInt(b.length - 16)] = (byte) r.nextInt();
      decodeOrProtocolError(b, ADD_PATH);
    }
  }

  @Test
  void randomStreamsThroughThePipelineOnlyRaiseProtocolErrors() {
    for (long seed = 0; seed < 300; seed++) {
      SplittableRandom r = new SplittableRandom(seed);
      byte[] a = mutatedMessage(r);
      byte[] b = randomMessage(r);
      byte[] stream = new byte[a.length + b.length];
      System.arraycopy(a, 0, stream, 0, a.length);
      System.arraycopy(b, 0, stream, a.length, b.length);
      session(stream, FOUR);
      session(stream, TWO);
    }
  }
}
