package io.netctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netctl.bgp.wire.AddressFamily;
import io.netctl.bgp.wire.Capability;
import io.netctl.bgp.wire.Keepalive;
import io.netctl.bgp.wire.MessageWriter;
import io.netctl.bgp.wire.Open;
import io.netctl.bgp.wire.PathAttribute;
import io.netctl.bgp.wire.Prefix;
import io.netctl.bgp.wire.Update;
import io.netctl.bgp.wire.WireOptions;
import io.netctl.lab.Poll;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code netctl bgp routes|watch} against a scripted reflector on loopback that sends ADD-PATH
 * (RFC 7911): two paths of one /27 (originators 172.31.0.2 and 172.31.0.3), End-of-RIB, and, for
 * watch, the withdrawal of path 1. The path id shows as a column, a JSON field and in stream lines.
 * The same peer to a session that did not offer ADD-PATH receive ({@code --no-add-path}) sends
 * nothing with path ids: the scripted peer then sends one path, as a reflector would. The peer
 * also announces graceful restart (120 s, IPv4 forwarding preserved) and long-lived graceful
 * restart (IPv4, 3600 s), shown per session by both commands.
 */
class BgpAddPathCommandsTest {
  @TempDir Path tmp;
  final List<AutoCloseable> cleanup = new ArrayList<>();
  static final Prefix A = Prefix.parse("10.3.240.0/27");

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : cleanup) {
      c.close();
    }
  }

  static Update path(int id, int nextHop) {
    List<PathAttribute> attrs = List.of(new PathAttribute.Origin(PathAttribute.OriginType.IGP), PathAttribute.AsPath.EMPTY,
        new PathAttribute.NextHop(nextHop), new PathAttribute.LocalPref(100), new PathAttribute.OriginatorId(nextHop),
        new PathAttribute.ClusterList(List.of(0x01000001)));
    return new Update(List.of(), attrs, List.of(A), null, List.of(), id < 0 ? List.of() : List.of(id));
  }

  /** A reflector that offers ADD-PATH send when the session offered receive, reading the OPEN netctl sent. */
  int reflector(boolean withdrawAfter) throws IOException {
    ServerSocket ss = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
    cleanup.add(ss);
    Thread t = new Thread(() -> {
      try (Socket s = ss.accept()) {
        Open theirs = readOpen(s);
        boolean addPath = theirs.capabilities().stream()
            .anyMatch(c -> c instanceof Capability.AddPath a && a.receives(AddressFamily.IPV4_UNICAST));
        WireOptions o = new WireOptions(true, false, true, addPath ? Set.of(AddressFamily.IPV4_UNICAST) : Set.of());
        List<Capability> caps = new ArrayList<>(List.of(new Capability.FourOctetAs(64512),
            new Capability.GracefulRestart(0, 120, List.of(new Capability.GracefulRestart.Family(AddressFamily.IPV4_UNICAST, 0x80))),
            new Capability.LongLivedGracefulRestart(List.of(
                new Capability.LongLivedGracefulRestart.Family(AddressFamily.IPV4_UNICAST, 0, 3600)))));
        caps.add(new Capability.AddPath(List.of(new Capability.AddPath.Entry(AddressFamily.IPV4_UNICAST, Capability.AddPath.Entry.SEND))));
        OutputStream out = s.getOutputStream();
        out.write(MessageWriter.write(new Open(64512, 90, 0x01000001, caps), o));
        out.write(MessageWriter.write(Keepalive.INSTANCE, o));
        if (addPath) {
          out.write(MessageWriter.write(path(1, 0xac1f0002), o));
          out.write(MessageWriter.write(path(2, 0xac1f0003), o));
        } else {
          out.write(MessageWriter.write(path(-1, 0xac1f0002), o)); // the reflector's best path only
        }
        out.write(MessageWriter.write(Update.endOfRib(AddressFamily.IPV4_UNICAST), o));
        if (withdrawAfter) {
          out.write(MessageWriter.write(new Update(List.of(A), List.of(), List.of(), null, List.of(1), List.of()), o));
        }
        out.flush();
        s.getInputStream().transferTo(OutputStream.nullOutputStream());
      } catch (IOException e) {
        // netctl closed the connection
      }
    }, "test-reflector");
    t.setDaemon(true);
    t.start();
    return ss.getLocalPort();
  }

  /** Reads the 19-byte header and body of the first message (netctl's OPEN). */
  static Open readOpen(Socket s) throws IOException {
    byte[] head = s.getInputStream().readNBytes(19);
    int len = ((head[16] & 0xff) << 8) | (head[17] & 0xff);
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.write(head);
    all.write(s.getInputStream().readNBytes(len - 19));
    return (Open) io.netctl.bgp.wire.MessageReader.read(all.toByteArray(), WireOptions.INITIAL, m -> {});
  }

  String[] routes(int port, String... more) {
    List<String> a = new ArrayList<>(List.of("bgp", "routes", "--peer", "127.0.0.1", "--port", String.valueOf(port), "--router-id", "10.0.0.2",
        "--timeout", "10s", "--connect-timeout", "2s"));
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  @Test
  void routesShowsEveryPathWithItsPathId() throws Exception {
    CliHarness.Run r = new CliHarness(tmp).run(routes(reflector(false)));
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).startsWith("PREFIX         PATH-ID  NEXT-HOP");
    assertThat(r.out()).containsPattern("10\\.3\\.240\\.0/27 +1 +172\\.31\\.0\\.2 +- +IGP +100 +- +- +172\\.31\\.0\\.2 +1\\.0\\.0\\.1");
    assertThat(r.out()).containsPattern("10\\.3\\.240\\.0/27 +2 +172\\.31\\.0\\.3 .* 172\\.31\\.0\\.3 ");
    assertThat(r.out()).contains("2 routes from 127.0.0.1:");
    assertThat(r.out()).contains(
        "peer graceful restart: restart time 120 s, ipv4-unicast (forwarding preserved); long-lived: ipv4-unicast stale 3600 s\n");
  }

  @Test
  void routesAsJsonHaveAPathIdField() throws Exception {
    CliHarness.Run r = new CliHarness(tmp).run(routes(reflector(false), "-o", "json"));
    assertThat(r.code()).as(r.toString()).isZero();
    JsonNode routes = new ObjectMapper().readTree(r.out()).path("routes");
    assertThat(routes).hasSize(2);
    assertThat(routes.get(0).path("pathId").asLong()).isEqualTo(1);
    assertThat(routes.get(1).path("pathId").asLong()).isEqualTo(2);
    assertThat(routes.get(1).path("originatorId").asText()).isEqualTo("172.31.0.3");
    JsonNode gr = new ObjectMapper().readTree(r.out()).path("gracefulRestart");
    assertThat(gr.path("restartTime").asInt()).isEqualTo(120);
    assertThat(gr.path("families").get(0).path("forwardingPreserved").asBoolean()).isTrue();
    JsonNode llgr = new ObjectMapper().readTree(r.out()).path("longLivedGracefulRestart");
    assertThat(llgr.path("families").get(0).path("staleTime").asInt()).isEqualTo(3600);
  }

  /** Without ADD-PATH receive offered, a reflector sends its best path: one route, no path id column. */
  @Test
  void withoutAddPathOnePathAndNoColumn() throws Exception {
    CliHarness.Run r = new CliHarness(tmp).run(routes(reflector(false), "--no-add-path"));
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).startsWith("PREFIX         NEXT-HOP");
    assertThat(r.out()).doesNotContain("PATH-ID");
    assertThat(r.out()).contains("1 routes from 127.0.0.1:");
  }

  @Test
  void watchStreamsAnnouncementsAndWithdrawalsWithPathIds() throws Exception {
    int port = reflector(true);
    CliHarness.Background watch = new CliHarness(tmp).start("bgp", "watch", "--peer", "127.0.0.1", "--port", String.valueOf(port),
        "--router-id", "10.0.0.2");
    try {
      Poll.until(Duration.ofSeconds(60), () -> "the withdrawal of path 1 streamed\n" + watch.out() + watch.err(),
          () -> watch.out().contains("- 10.3.240.0/27 path 1"));
    } finally {
      assertThat(watch.stop().code()).isZero();
    }
    assertThat(watch.out()).contains("+ 10.3.240.0/27 path 1 via 172.31.0.2", "+ 10.3.240.0/27 path 2 via 172.31.0.3");
    assertThat(watch.out()).contains("state Established (was OpenConfirm); peer graceful restart: restart time 120 s,");
  }

  @Test
  void watchAsJsonHasPathIdFields() throws Exception {
    int port = reflector(true);
    CliHarness.Background watch = new CliHarness(tmp).start("bgp", "watch", "--peer", "127.0.0.1", "--port", String.valueOf(port),
        "--router-id", "10.0.0.2", "-o", "json");
    try {
      Poll.until(Duration.ofSeconds(60), () -> "the withdrawal streamed\n" + watch.out() + watch.err(),
          () -> watch.out().contains("withdraw"));
    } finally {
      assertThat(watch.stop().code()).isZero();
    }
    List<String> events = new ArrayList<>();
    for (String line : watch.out().split("\n")) {
      JsonNode n = new ObjectMapper().readTree(line);
      if (n.has("prefix")) {
        events.add(n.path("event").asText() + " " + n.path("prefix").asText() + " " + n.path("pathId").asLong());
      }
    }
    assertThat(events).containsExactly("announce 10.3.240.0/27 1", "announce 10.3.240.0/27 2", "withdraw 10.3.240.0/27 1");
  }
}
