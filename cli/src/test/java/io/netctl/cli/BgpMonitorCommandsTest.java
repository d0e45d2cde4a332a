package io.netctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netctl.bgp.session.BgpSession;
import io.netctl.bgp.session.BgpSpeaker;
import io.netctl.bgp.session.SessionConfig;
import io.netctl.bgp.session.SessionListener;
import io.netctl.bgp.session.SessionState;
import io.netctl.lab.Poll;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code netctl bgp routes|watch} and {@code netctl bmp listen} on loopback: against netctl's own
 * speaker as a passive peer (real BGP, our codec on both ends), a silent listener, a peer that
 * speaks another protocol, a closed port, and bad flags. The daemons (BIRD) are in BgpCliIT.
 */
class BgpMonitorCommandsTest {
  @TempDir Path tmp;
  final List<AutoCloseable> cleanup = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : cleanup) {
      c.close();
    }
  }

  CliHarness.Run netctl(String... args) {
    return new CliHarness(tmp).run(args);
  }

  /** A passive netctl speaker on 127.0.0.1 with AS {@code as}, expecting {@code expectAs} from us. */
  record Peer(BgpSpeaker speaker, BgpSession session, int port) {}

  Peer passivePeer(long as, long expectAs) throws Exception {
    BgpSpeaker speaker = new BgpSpeaker();
    cleanup.add(speaker);
    SessionConfig c = SessionConfig.of(InetAddress.getLoopbackAddress(), expectAs, as, "10.0.0.1").withMode(SessionConfig.Mode.PASSIVE);
    BgpSession s = speaker.session(c, SessionListener.NONE);
    int port = speaker.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).getPort();
    s.start();
    return new Peer(speaker, s, port);
  }

  /** A listener that runs {@code behaviour} on each accepted socket. */
  int server(SocketBehaviour behaviour) throws IOException {
    ServerSocket ss = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
    cleanup.add(ss);
    Thread t = new Thread(() -> {
      while (!ss.isClosed()) {
        try {
          Socket s = ss.accept();
          cleanup.add(s);
          behaviour.on(s);
        } catch (IOException e) {
          return;
        }
      }
    }, "test-peer");
    t.setDaemon(true);
    t.start();
    return ss.getLocalPort();
  }

  interface SocketBehaviour {
    void on(Socket s) throws IOException;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  String[] routes(int port, String... more) {
    List<String> a = new ArrayList<>(List.of("bgp", "routes", "--peer", "127.0.0.1", "--port", String.valueOf(port), "--router-id", "10.0.0.2",
        "--timeout", "5s", "--connect-timeout", "2s"));
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  @Test
  void routesFromAPeerThatSendsEndOfRib() throws Exception {
    Peer p = passivePeer(64512, 64512);
    CliHarness.Run r = netctl(routes(p.port()));
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).startsWith("PREFIX  NEXT-HOP  AS-PATH  ORIGIN  LOCAL-PREF  MED  COMMUNITIES  ORIGINATOR-ID  CLUSTER-LIST\n");
    assertThat(r.out()).contains("0 routes from 127.0.0.1:" + p.port() + " AS 64512 (router id 10.0.0.1); End-of-RIB received after");
    // the peer saw our Cease when we were done
    Poll.until(Duration.ofSeconds(5), "the peer got our Cease", () -> String.valueOf(p.session().counters().lastError())
        .equals("NOTIFICATION received: Cease / Administrative Shutdown (6/2): \"netctl finished reading routes\""));
  }

  @Test
  void routesAsJson() throws Exception {
    Peer p = passivePeer(64512, 64512);
    CliHarness.Run r = netctl(routes(p.port(), "--output", "json"));
    assertThat(r.code()).as(r.toString()).isZero();
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertThat(j.path("peerAs").asLong()).isEqualTo(64512);
    assertThat(j.path("peerRouterId").asText()).isEqualTo("10.0.0.1");
    assertThat(j.path("endOfRib").asBoolean()).isTrue();
    assertThat(j.path("routes").isArray()).isTrue();
  }

  @Test
  void aPeerWithoutEndOfRibIsReadUntilItFallsQuiet() throws Exception {
    // a scripted GoBGP-like peer: OPEN without graceful restart, KEEPALIVE, one UPDATE, no End-of-RIB
    io.netctl.bgp.wire.WireOptions o = new io.netctl.bgp.wire.WireOptions(true, false, true);
    byte[] open = io.netctl.bgp.wire.MessageWriter.write(new io.netctl.bgp.wire.Open(64512, 90, 0x0a000001,
        List.of(new io.netctl.bgp.wire.Capability.FourOctetAs(64512))), o);
    byte[] keepalive = io.netctl.bgp.wire.MessageWriter.write(io.netctl.bgp.wire.Keepalive.INSTANCE, o);
    byte[] update = io.netctl.bgp.wire.MessageWriter.write(new io.netctl.bgp.wire.Update(List.of(), List.of(
        new io.netctl.bgp.wire.PathAttribute.Origin(io.netctl.bgp.wire.PathAttribute.OriginType.INCOMPLETE),
        io.netctl.bgp.wire.PathAttribute.AsPath.EMPTY,
        new io.netctl.bgp.wire.PathAttribute.NextHop(0x0a000002),
        new io.netctl.bgp.wire.PathAttribute.LocalPref(100),
        new io.netctl.bgp.wire.PathAttribute.MultiExitDisc(80)), List.of(io.netctl.bgp.wire.Prefix.parse("10.3.240.32/27"))), o);
    int port = server(s -> {
      s.getOutputStream().write(open);
      s.getOutputStream().write(keepalive);
      s.getOutputStream().write(update);
      s.getOutputStream().flush();
      s.getInputStream().transferTo(OutputStream.nullOutputStream()); // read what netctl sends until it closes
    });
    CliHarness.Run r = netctl(routes(port, "--settle", "500ms"));
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).containsPattern("10\\.3\\.240\\.32/27 +10\\.0\\.0\\.2 +- +INCOMPLETE +100 +80");
    assertThat(r.out()).contains("1 routes from 127.0.0.1:" + port + " AS 64512 (router id 10.0.0.1); no End-of-RIB; no UPDATE for 500 ms after");
  }

  @Test
  void connectionRefusedIsExit3WithTheReason() throws Exception {
    int port = freePort();
    CliHarness.Run r = netctl(routes(port));
    assertThat(r.code()).as(r.toString()).isEqualTo(3);
    assertThat(r.errLines()).containsExactly(
        "netctl: no BGP session with 127.0.0.1:" + port + " AS 64512: connection refused (127.0.0.1:" + port + ")");
  }

  @Test
  void aPeerThatNeverAnswersTimesOut() throws Exception {
    int port = server(s -> {}); // accepts, says nothing
    CliHarness.Run r = netctl("bgp", "routes", "--peer", "127.0.0.1", "--port", String.valueOf(port), "--router-id", "10.0.0.2", "--timeout", "2s");
    assertThat(r.code()).as(r.toString()).isEqualTo(3);
    assertThat(r.errLines()).containsExactly("netctl: no BGP session with 127.0.0.1:" + port + " AS 64512: timed out after 2 s in state OpenSent");
  }

  @Test
  void aPeerSpeakingGarbageGetsAClearReason() throws Exception {
    int port = server(s -> {
      OutputStream out = s.getOutputStream();
      out.write("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
    });
    CliHarness.Run r = netctl(routes(port));
    assertThat(r.code()).as(r.toString()).isEqualTo(3);
    assertThat(r.errLines()).containsExactly("netctl: no BGP session with 127.0.0.1:" + port + " AS 64512: peer sent a malformed message: "
        + "Message Header Error / Connection Not Synchronized (1/1): marker is not all ones");
  }

  @Test
  void aPeerWithAnotherAsRefusesUs() throws Exception {
    Peer p = passivePeer(65000, 65000); // expects AS 65000 from us; we say 64512
    CliHarness.Run r = netctl(routes(p.port(), "--peer-as", "65000"));
    assertThat(r.code()).as(r.toString()).isEqualTo(3);
    assertThat(r.errLines()).containsExactly("netctl: no BGP session with 127.0.0.1:" + p.port()
        + " AS 65000: NOTIFICATION received: OPEN Message Error / Bad Peer AS (2/2)");
  }

  @Test
  void wePeerWithAnotherAsAndRefuseIt() throws Exception {
    Peer p = passivePeer(65000, 64512); // the peer is AS 65000, we expect the default 64512
    CliHarness.Run r = netctl(routes(p.port()));
    assertThat(r.code()).as(r.toString()).isEqualTo(3);
    assertThat(r.errLines()).containsExactly("netctl: no BGP session with 127.0.0.1:" + p.port()
        + " AS 64512: refused the peer's OPEN: OPEN Message Error / Bad Peer AS (2/2)");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--peer not-an-ip           | --peer must be an IP address, not \"not-an-ip\"",
        "--peer-as 0                | --peer-as must be 1-4294967295, not 0",
        "--local-as 4294967296      | --local-as must be 1-4294967295, not 4294967296",
        "--port 70000               | --port 70000: must be between 1 and 65535",
        "--router-id 1.2.3          | --router-id must be an IPv4 address, not \"1.2.3\"",
        "--timeout soon             | invalid duration \"soon\": use e.g. 500ms, 5s, 2m, 1h",
        "--hold-time 2              | --hold-time must be 0 or 3-65535 seconds, not 2",
        "--password-file /nonexistent/pw | cannot read --password-file /nonexistent/pw: /nonexistent/pw",
      })
  void badFlagsAreExit2WithOneLine(String flags, String message) {
    List<String> args = new ArrayList<>(List.of("bgp", "routes", "--peer", "127.0.0.1"));
    args.addAll(List.of(flags.split(" ")));
    if (flags.startsWith("--peer ")) {
      args.subList(2, 4).clear();
    }
    CliHarness.Run r = netctl(args.toArray(String[]::new));
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.err()).contains(message);
  }

  @Test
  void missingPeerIsExit2() {
    CliHarness.Run r = netctl("bgp", "routes");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("Missing required option: '--peer=IP'");
  }

  @Test
  void emptyPasswordFileIsExit2() throws Exception {
    Path pw = Files.writeString(tmp.resolve("pw"), "\n");
    CliHarness.Run r = netctl("bgp", "routes", "--peer", "127.0.0.1", "--password-file", pw.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("must hold a password of 1-80 characters on its first line");
  }

  @Test
  void watchStreamsStateChangesAndClosesWithCease() throws Exception {
    Peer p = passivePeer(64512, 64512);
    CliHarness.Background watch = new CliHarness(tmp).start("bgp", "watch", "--peer", "127.0.0.1", "--port", String.valueOf(p.port()),
        "--router-id", "10.0.0.2", "--output", "json");
    Poll.until(Duration.ofSeconds(60), () -> "Established and End-of-RIB streamed\n" + watch.out() + watch.err(),
        () -> watch.out().contains("\"event\" : \"end-of-rib\"") || watch.out().contains("\"event\":\"end-of-rib\""));
    CliHarness.Run r = watch.stop();
    assertThat(r.code()).as(r.toString()).isZero();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : r.out().split("\n")) {
      lines.add(new ObjectMapper().readTree(line));
    }
    assertThat(lines).extracting(n -> n.path("event").asText() + ":" + n.path("to").asText())
        .contains("state:Connect", "state:OpenSent", "state:OpenConfirm", "state:Established", "end-of-rib:", "state:Idle");
    // the peer records the NOTIFICATION before it leaves Established: wait for both
    Poll.until(Duration.ofSeconds(30), "the peer got our Cease and closed", () -> String.valueOf(p.session().counters().lastError())
        .contains("Administrative Shutdown (6/2): \"netctl watch interrupted\"") && p.session().state() != SessionState.ESTABLISHED);
  }

  @Test
  void bmpListenStreamsWhatARouterReports() throws Exception {
    int port = freePort();
    CliHarness.Background listen = new CliHarness(tmp).start("bmp", "listen", "--address", "127.0.0.1", "--port", String.valueOf(port));
    byte[] stream = frrBmpStream();
    Poll.until(Duration.ofSeconds(30), "the collector accepts", () -> {
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
        s.getOutputStream().write(stream);
        s.getOutputStream().flush();
        return true;
      } catch (IOException e) {
        return false;
      }
    });
    Poll.until(Duration.ofSeconds(30), () -> "the replayed stream printed\n" + listen.out(), () -> listen.out().contains("routes dropped: 1)"));
    CliHarness.Run r = listen.stop();
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.err()).contains("BMP collector listening on 127.0.0.1:" + port);
    assertThat(r.out()).contains("router up: frr-cap (FRRouting 8.4.4)", "peer up 172.31.9.1 AS 64512; peer graceful restart: restart time 120 s, no families (restart-aware only); long-lived: no families\n",
        "172.31.9.1 AS 64512 post-policy + 10.3.240.0/27 via 172.31.9.2", "originator-id 172.31.9.2",
        "peer down 172.31.9.1 AS 64512: remote system closed with NOTIFICATION Cease / Administrative Shutdown (6/2) (routes dropped: 1)");
  }

  static byte[] frrBmpStream() throws IOException {
    return BmpCapture.frr();
  }
}
