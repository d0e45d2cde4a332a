package io.netctl.validator.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kernel's TCP table, from a capture and hand-checked rows. */
class TcpTableTest {
  static String resource(String name) throws IOException {
    try (var in = TcpTableTest.class.getResourceAsStream("/observe/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }

  /**
   * /proc/net/tcp in a namespace holding a BIRD speaker at 172.31.9.1 (captured in the lab): the
   * listener on 0.0.0.0:179 and an accepted session from 172.31.9.2:39771.
   */
  @Test
  void parsesACaptureFromANamespaceWithBird() throws IOException {
    List<TcpConnection> all = TcpTable.parse(resource("proc-net-tcp-rr.txt"));
    assertThat(all).containsExactly(
        new TcpConnection("0.0.0.0", 179, "0.0.0.0", 0, TcpConnection.TcpState.LISTEN),
        new TcpConnection("172.31.9.1", 179, "172.31.9.2", 39771, TcpConnection.TcpState.ESTABLISHED));
    assertThat(TcpTable.bgpSessions(all)).extracting(TcpConnection::peer).containsExactly("172.31.9.2");
  }

  @Test
  void ipv6RowsAndIpv4MappedAddresses() {
    // ::1 port 179 listening; ::ffff:10.3.0.5 connected from port 51000 to ::ffff:10.3.0.9:179
    String tcp6 = """
          sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
           0: 00000000000000000000000001000000:00B3 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0 100 0 0 10 0
           1: 0000000000000000FFFF00000500030A:C738 0000000000000000FFFF00000900030A:00B3 01 00000000:00000000 00:00000000 00000000     0        0 2 1 0 100 0 0 10 0
        """;
    List<TcpConnection> all = TcpTable.parse(tcp6);
    assertThat(all.get(0).localIp()).isEqualTo("0:0:0:0:0:0:0:1");
    assertThat(all.get(1)).isEqualTo(new TcpConnection("10.3.0.5", 51000, "10.3.0.9", 179, TcpConnection.TcpState.ESTABLISHED));
    assertThat(TcpTable.bgpSessions(all)).hasSize(1);
  }

  @Test
  void establishedSessionsOnOtherPortsAreNoBgp() {
    List<TcpConnection> all = TcpTable.parse("   0: 0100007F:0CEA 0100007F:D431 01 00000000:00000000 00:00000000 00000000 0 0 1 1\n");
    assertThat(all.get(0).localIp()).isEqualTo("127.0.0.1");
    assertThat(all.get(0).localPort()).isEqualTo(3306);
    assertThat(TcpTable.bgpSessions(all)).isEmpty();
  }

  @Test
  void garbageIsRefusedWithTheLine() {
    assertThatThrownBy(() -> TcpTable.parse("hello world\n")).hasMessageContaining("not a TCP table row: hello world");
    assertThatThrownBy(() -> TcpTable.address("123")).hasMessageContaining("not a /proc/net/tcp address");
  }

  @Test
  void anAddressWithoutItsPortIsRefusedWithTheRow() {
    // found by TcpTableFuzzTest (seed tcp-remote-address-without-port): remote[1] was out of bounds
    assertThatThrownBy(() -> TcpTable.parse("   1: 01091FAC:00B3 020 0 10 0\n"))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("not a /proc/net/tcp address:port: 020 in row 1: 01091FAC:00B3 020 0 10 0");
    assertThatThrownBy(() -> TcpTable.parse("   1: 01091FAC:00B3 0209:1F:A0 01\n"))
        .hasMessage("not a /proc/net/tcp address:port: 0209:1F:A0 in row 1: 01091FAC:00B3 0209:1F:A0 01");
    assertThatThrownBy(() -> TcpTable.parse("   1: 01091FAC:00B3 02091FAC:XYZ 01\n"))
        .hasMessageStartingWith("not a /proc/net/tcp address:port: 02091FAC:XYZ");
    assertThatThrownBy(() -> TcpTable.parse("   1: 01091FAC:00B3 02091FAC:00B3 0Z\n"))
        .hasMessageStartingWith("not a TCP state (two hex digits): 0Z");
    assertThatThrownBy(() -> TcpTable.parse("   1: 0109\r1FA:00B3 02091FAC:00B3 01\n"))
        .hasMessageStartingWith("not a /proc/net/tcp address:port: 0109 in row 1: 0109?1FA:00B3");
  }
}
