package io.netctl.bgp.bmp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netctl.bgp.rib.RibSnapshot;
import io.netctl.bgp.rib.Route;
import io.netctl.bgp.wire.AllocatedBytes;
import io.netctl.bgp.wire.Prefix;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Arbitrary bytes as a router's BMP stream, through the collector's pipeline ({@link
 * BmpFrameDecoder}, {@link BmpRouterHandler}), and as one message through {@link BmpReader}. A
 * message decodes or is a {@link BmpFormatException}; a stream either keeps the connection or
 * closes it as a malformed BMP stream, never for another error; the routes the collector reported
 * are exactly what its RIBs hold; and the heap one message allocates stays linear in its size.
 *
 * <p>Seeds ({@code BmpFuzzTestInputs/}): the streams captured from FRR and GoBGP, whole and message
 * by message. The {@code @Test}s run the same checks over seeded random and mutated messages.
 */
class BmpFuzzTest {
  static final long FIXED = 4 << 20;
  static final long PER_BYTE = 64;
  static final List<byte[]> CAPTURED = new ArrayList<>();

  static {
    CAPTURED.addAll(BmpFixturesTest.load("frr-bmp.txt"));
    CAPTURED.addAll(BmpFixturesTest.load("gobgp-bmp.txt"));
    CAPTURED.forEach(m -> BmpReader.read(m, f -> {})); // first use loads and initialises the decoders: not what a message costs
  }

  @FuzzTest
  void message(byte[] message) {
    long bound = FIXED + PER_BYTE * message.length;
    long allocated = AllocatedBytes.settled(bound, () -> {
      try {
        BmpReader.read(message, f -> {});
      } catch (BmpFormatException expected) {
        assertThat(expected.getMessage()).isNotBlank();
      }
    });
    assertThat(allocated).as("heap allocated for %d bytes", message.length).isLessThan(bound);
  }

  @FuzzTest
  void routerStream(byte[] stream) {
    List<BmpEvent> events = new ArrayList<>();
    BmpRouterHandler handler = new BmpRouterHandler(events::add, new ConcurrentHashMap<>());
    EmbeddedChannel ch = new EmbeddedChannel(new BmpFrameDecoder(), handler);
    ByteBuf in = Unpooled.wrappedBuffer(stream);
    while (in.isReadable() && ch.isOpen()) {
      ch.writeInbound(in.readRetainedSlice(Math.min(50, in.readableBytes())));
    }
    in.release();
    if (ch.isOpen()) {
      assertThat(asMaps(handler.snapshot())).as("the RIBs hold exactly the routes reported").isEqualTo(reported(events));
      ch.close();
    }
    ch.finishAndReleaseAll();
    BmpEvent last = events.get(events.size() - 1);
    assertThat(last).isInstanceOf(BmpEvent.RouterDown.class);
    assertThat(((BmpEvent.RouterDown) last).reason()).as("why the connection closed")
        .matches(r -> r.equals("connection closed") || r.startsWith("malformed BMP stream: "));
  }

  /** The RIBs as the events describe them: announced, withdrawn, and dropped with their peer's session. */
  static Map<MonitoredPeer, Map<Path, Route>> reported(List<BmpEvent> events) {
    Map<MonitoredPeer, Map<Path, Route>> ribs = new HashMap<>();
    for (BmpEvent e : events) {
      if (e instanceof BmpEvent.RouteAnnounced a) {
        ribs.computeIfAbsent(a.peer(), k -> new HashMap<>()).put(new Path(a.route().prefix(), a.route().pathId()), a.route());
      } else if (e instanceof BmpEvent.RouteWithdrawn w) {
        ribs.computeIfAbsent(w.peer(), k -> new HashMap<>()).remove(new Path(w.prefix(), w.pathId()));
      } else if (e instanceof BmpEvent.PeerUp up) {
        dropSession(ribs, up.peer());
      } else if (e instanceof BmpEvent.PeerDown down) {
        dropSession(ribs, down.peer());
      }
    }
    ribs.values().removeIf(Map::isEmpty);
    return ribs;
  }

  /** A peer's session starting or ending empties its Adj-RIBs-In of every view (its Loc-RIB stays). */
  /** A route's key: prefix and ADD-PATH path identifier. */
  record Path(Prefix prefix, long pathId) {}

  static void dropSession(Map<MonitoredPeer, Map<Path, Route>> ribs, MonitoredPeer p) {
    ribs.keySet().removeIf(k -> k.address().equals(p.address()) && k.distinguisher() == p.distinguisher() && k.view() != MonitoredPeer.View.LOC_RIB);
  }

  static Map<MonitoredPeer, Map<Path, Route>> asMaps(Map<MonitoredPeer, RibSnapshot> ribs) {
    Map<MonitoredPeer, Map<Path, Route>> out = new HashMap<>();
    ribs.forEach((peer, rib) -> {
      Map<Path, Route> routes = new HashMap<>();
      rib.routes().forEach(r -> routes.put(new Path(r.prefix(), r.pathId()), r));
      if (!routes.isEmpty()) {
        out.put(peer, routes);
      }
    });
    return out;
  }

  // The message check over seeded random cases, so every build covers more than the seed corpus.

  @Test
  void mutatedCapturesDecodeOrFailCleanly() {
    for (long seed = 0; seed < 3000; seed++) {
      SplittableRandom r = new SplittableRandom(seed);
      byte[] b = CAPTURED.get(r.nextInt(CAPTURED.size())).clone();
      int n = 1 + r.nextInt(4);
      for (int i = 0; i < n; i++) {
        b[5 + r.nextInt(b.length - 5)] = (byte) r.nextInt(); // keep version and length
      }
      message(b);
    }
  }

  @Test
  void randomBodiesDecodeOrFailCleanly() {
    for (long seed = 0; seed < 3000; seed++) {
      SplittableRandom r = new SplittableRandom(seed);
      byte[] b = new byte[6 + r.nextInt(201)];
      r.nextBytes(b);
      b[0] = 3;
      b[1] = 0;
      b[2] = 0;
      b[3] = (byte) (b.length >>> 8);
      b[4] = (byte) b.length;
      b[5] = (byte) r.nextInt(8);
      message(b);
    }
  }
}
