package io.netctl.bgp.bmp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netctl.bgp.bmp.BmpMessage.*;
import io.netctl.bgp.wire.Addresses;
import io.netctl.bgp.wire.BgpError;
import io.netctl.bgp.wire.Octets;
import io.netctl.bgp.wire.Prefix;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** BMP streams captured from FRR and GoBGP (fixtures/README.md), decoded message by message and as a stream. */
class BmpFixturesTest {

  static List<byte[]> load(String file) {
    try (InputStream in = BmpFixturesTest.class.getResourceAsStream("/fixtures/" + file)) {
      List<byte[]> out = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          out.add(Octets.parseHex(line.split(" ")[1]));
        }
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static BmpMessage decode(byte[] b) {
    return BmpReader.read(b, f -> {
      throw new AssertionError(f);
    });
  }

  @Test
  void frrInitiationPeerUpRoutesAndPeerDown() {
    List<byte[]> m = load("frr-bmp.txt");
    // 03 00000024 04 | 0001 000f "FRRouting 8.4.4" | 0002 0007 "frr-cap"
    Initiation init = (Initiation) decode(m.get(0));
    assertThat(init.value(1)).isEqualTo("FRRouting 8.4.4");
    assertThat(init.value(2)).isEqualTo("frr-cap");

    PeerUp up = (PeerUp) decode(m.get(1));
    assertThat(Addresses.text(up.peer().address())).isEqualTo("172.31.9.1");
    assertThat(up.peer().asNumber()).isEqualTo(64512);
    assertThat(Addresses.text(up.localAddress())).isEqualTo("172.31.9.4");
    assertThat(up.remotePort()).isEqualTo(179);
    assertThat(Addresses.dotted(up.sentOpen().bgpId())).isEqualTo("172.31.9.4");
    assertThat(Addresses.dotted(up.receivedOpen().bgpId())).isEqualTo("172.31.9.1");

    List<String> seen = new ArrayList<>();
    for (byte[] b : m) {
      if (decode(b) instanceof RouteMonitoring rm) {
        rm.update().announced().forEach(p -> seen.add(rm.peer().view() + " " + Addresses.text(rm.peer().address()) + " +" + p));
        rm.update().withdrawnAll().forEach(p -> seen.add(rm.peer().view() + " " + Addresses.text(rm.peer().address()) + " -" + p));
      }
    }
    // FRR reports its own route with peer 0.0.0.0; without "soft-reconfiguration inbound" its
    // pre-policy view has no Adj-RIB-In to show and reports the reflected route withdrawn
    assertThat(seen).containsExactly(
        "post-policy 0.0.0.0 +10.3.240.64/27", "post-policy 172.31.9.1 +10.3.240.0/27", "pre-policy 172.31.9.1 -10.3.240.0/27");

    PeerDown down = (PeerDown) decode(m.get(7));
    assertThat(down.reason()).isEqualTo(3);
    assertThat(down.notification().error()).isEqualTo(BgpError.CEASE_ADMINISTRATIVE_SHUTDOWN);
    assertThat(down.describe()).isEqualTo("remote system closed with NOTIFICATION Cease / Administrative Shutdown (6/2)");
  }

  @Test
  void gobgpSendsLocRibToo() {
    List<byte[]> m = load("gobgp-bmp.txt");
    Initiation init = (Initiation) decode(m.get(0));
    assertThat(init.value(2)).isEqualTo("GoBGP");
    // Loc-RIB (peer type 3) with the route GoBGP originated: no AS_PATH, kept as reported
    RouteMonitoring locRib = (RouteMonitoring) decode(m.get(1));
    assertThat(locRib.peer().view()).isEqualTo(MonitoredPeer.View.LOC_RIB);
    assertThat(Addresses.text(locRib.peer().address())).isEqualTo("0.0.0.0");
    assertThat(locRib.update().nlri()).containsExactly(Prefix.parse("10.3.240.32/27"));
    PeerUp up = (PeerUp) decode(m.get(2));
    assertThat(up.receivedOpen().asNumber()).isEqualTo(64512);
    assertThat(decode(m.get(m.size() - 1))).isInstanceOf(PeerDown.class);
  }

  @Test
  void streamThroughTheCollectorPipelineKeepsPerPeerRibs() {
    List<BmpEvent> events = new ArrayList<>();
    Map<String, BmpRouterHandler> routers = new ConcurrentHashMap<>();
    BmpRouterHandler handler = new BmpRouterHandler(events::add, routers);
    EmbeddedChannel ch = new EmbeddedChannel(new BmpFrameDecoder(), handler);
    ByteBuf all = Unpooled.buffer();
    List<byte[]> m = load("frr-bmp.txt");
    for (byte[] b : m.subList(0, 7)) {
      all.writeBytes(b);
    }
    while (all.isReadable()) {
      ch.writeInbound(all.readRetainedSlice(Math.min(50, all.readableBytes())));
    }
    all.release();
    assertThat(events.get(0)).isInstanceOf(BmpEvent.RouterUp.class);
    assertThat(events).anyMatch(e -> e instanceof BmpEvent.PeerUp);
    var ribs = handler.snapshot();
    MonitoredPeer post = new MonitoredPeer("172.31.9.1", 64512, 0, MonitoredPeer.View.POST_POLICY);
    assertThat(ribs.get(post).get(Prefix.parse("10.3.240.0/27")).attributes().originatorId()).isEqualTo("172.31.9.2");
    ch.writeInbound(Unpooled.wrappedBuffer(m.get(7)));
    BmpEvent.PeerDown down = (BmpEvent.PeerDown) events.get(events.size() - 1);
    assertThat(down.routesDropped()).isGreaterThan(0);
    assertThat(handler.snapshot().keySet()).noneMatch(k -> k.address().equals("172.31.9.1"));
    ch.close();
    assertThat(events.get(events.size() - 1)).isEqualTo(new BmpEvent.RouterDown("embedded", "connection closed"));
    ch.finishAndReleaseAll();
  }

  @Test
  void aMalformedStreamClosesThatConnection() {
    List<BmpEvent> events = new ArrayList<>();
    EmbeddedChannel ch = new EmbeddedChannel(new BmpFrameDecoder(), new BmpRouterHandler(events::add, new ConcurrentHashMap<>()));
    ch.writeInbound(Unpooled.wrappedBuffer(load("frr-bmp.txt").get(0)));
    ch.writeInbound(Unpooled.wrappedBuffer(Octets.parseHex("02 00000006 04"))); // BMP version 2
    assertThat(ch.isOpen()).isFalse();
    assertThat(events.get(events.size() - 1))
        .isEqualTo(new BmpEvent.RouterDown("embedded", "malformed BMP stream: BMP version 2 (only 3 is supported)"));
    ch.finishAndReleaseAll();
  }
}
