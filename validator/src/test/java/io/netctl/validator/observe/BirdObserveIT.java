package io.netctl.validator.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netctl.ipam.UnreachableException;
import io.netctl.lab.Bird;
import io.netctl.lab.BirdConfig;
import io.netctl.lab.Lab;
import io.netctl.lab.Poll;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The observation parsers against the real things: two BIRD 2 speakers in namespaces, each
 * announcing a /27 to the other, read through BIRD's control socket, the kernel's TCP table of the
 * speaker's namespace ({@code /proc/PID/net/tcp}) and {@code ip -json route} in that namespace.
 */
class BirdObserveIT {
  static final Duration WAIT = Duration.ofSeconds(30);

  static BirdConfig conf(String me, String peer, String block) {
    return BirdConfig.node(me).announce(block)
        .with("protocol kernel { ipv4 { import none; export filter { if source = RTS_BGP then accept; reject; }; }; }")
        .peer(peer);
  }

  @Test
  void sessionsRoutesAndTheTcpTableOfARealBirdPair() throws Exception {
    try (Lab lab = Lab.create("birdobs")) {
      Lab.Host a = lab.host("a", "172.31.0.1/24");
      Lab.Host b = lab.host("b", "172.31.0.2/24");
      Bird birdA = Bird.start(a, conf("172.31.0.1", "172.31.0.2", "10.3.240.0/27"));
      Bird birdB = Bird.start(b, conf("172.31.0.2", "172.31.0.1", "10.3.240.32/27"));
      Path sockA = birdA.socket();

      String peer = "Global_172_31_0_2";
      BirdProtocolStatus up = Poll.forValue(WAIT, "the session Established with a route imported", () -> {
        try (BirdControlSocket s = BirdControlSocket.connect(sockA, Duration.ofSeconds(2))) {
          return s.protocols().stream().filter(p -> p.name().equals(peer) && p.established() && p.routesImported().orElse(0) == 1)
              .findFirst().orElse(null);
        }
      });
      assertThat(up.neighborAddress()).isEqualTo("172.31.0.2");
      assertThat(up.fsmState()).hasValue(6);

      // the kernel's view from inside a's namespace: BIRD's process sees that namespace's /proc/net
      Path procNet = Path.of("/proc", String.valueOf(birdA.pid()), "net");
      List<TcpConnection> sessions = TcpTable.bgpSessions(TcpTable.read(procNet));
      assertThat(sessions).extracting(TcpConnection::peer).containsExactly("172.31.0.2");
      Poll.until(WAIT, "the route to b's block in a's kernel table", () ->
          io.netctl.lvs.iproute.IprouteTable.of(a.ns()).list().stream().anyMatch(r -> r.dst().toString().equals("10.3.240.32/27")
              && r.sendsTo(new inet.ipaddr.IPAddressString("172.31.0.2").getAddress().toIPv4())));

      // the peer goes away: not Established any more, with BIRD's reason, and no port-179 session left
      birdB.stop();
      BirdProtocolStatus down = Poll.forValue(WAIT, "the session down", () -> {
        try (BirdControlSocket s = BirdControlSocket.connect(sockA, Duration.ofSeconds(2))) {
          return s.protocols().stream().filter(p -> p.name().equals(peer) && !p.established()).findFirst().orElse(null);
        }
      });
      assertThat(down.fsmState().getAsInt()).isBetween(1, 5);
      assertThat(down.lastError()).isNotBlank();
      Poll.until(WAIT, "no port-179 session", () -> TcpTable.bgpSessions(TcpTable.read(procNet)).isEmpty());
    }
  }

  @Test
  void aMissingOrSilentSocketIsUnreachableNotAHang() throws Exception {
    Path dir = Files.createTempDirectory("birdobs");
    assertThatThrownBy(() -> BirdControlSocket.connect(dir.resolve("none.ctl"), Duration.ofSeconds(1)))
        .isInstanceOf(UnreachableException.class).hasMessageContaining("does not exist");
    // a unix socket that accepts and says nothing
    var server = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX);
    Path silent = dir.resolve("silent.ctl");
    server.bind(java.net.UnixDomainSocketAddress.of(silent));
    // the read gives up on its own bound (the message says which), it does not wait for a reply forever
    assertThatThrownBy(() -> BirdControlSocket.connect(silent, Duration.ofMillis(500)))
        .isInstanceOf(UnreachableException.class).hasMessageContaining("no reply within 500 ms");
    server.close();
    Files.deleteIfExists(silent);
    Files.deleteIfExists(dir);
  }
}
