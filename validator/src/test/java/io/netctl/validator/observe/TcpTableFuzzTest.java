package io.netctl.validator.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Arbitrary bytes as {@code /proc/net/tcp} or {@code /proc/net/tcp6}: {@link TcpTable} gives
 * connections or one {@link IllegalArgumentException} with a one-line message (a check that did
 * not run). The bytes are read as ISO-8859-1, so every byte reaches the parser (the kernel's table
 * is ASCII, which is how {@link TcpTable#read} reads it). Seed ({@code TcpTableFuzzTestInputs/}):
 * a route reflector's table captured in the lab.
 */
class TcpTableFuzzTest {
  @FuzzTest
  void procNetTcp(byte[] table) {
    try {
      List<TcpConnection> connections = TcpTable.parse(new String(table, StandardCharsets.ISO_8859_1));
      TcpTable.bgpSessions(connections).forEach(c -> assertThat(c.peer()).isNotBlank());
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).isNotBlank().doesNotContain("\n").doesNotContain("\r");
    }
  }
}
