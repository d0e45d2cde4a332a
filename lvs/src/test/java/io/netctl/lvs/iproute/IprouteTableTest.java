package io.netctl.lvs.iproute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netctl.lvs.RouteTableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a missing ip is told from one that exists but cannot run: by looking for the file, not at the error's text. */
class IprouteTableTest {
  @TempDir Path dir;

  @Test
  void anIpThatDoesNotExistIsNotFound() {
    String ip = dir.resolve("ip").toString();
    assertThatThrownBy(() -> new IprouteTable(List.of(ip), null).list())
        .isInstanceOf(RouteTableException.class)
        .hasMessage("cannot run " + ip + " (iproute2): not found; install iproute2");
  }

  @Test
  void anIpThatExistsButCannotRunSaysWhyInstead() throws Exception {
    Path ip = Files.writeString(dir.resolve("ip"), "not a program\n"); // no execute permission, not even for root
    assertThatThrownBy(() -> new IprouteTable(List.of(ip.toString()), null).list())
        .isInstanceOf(RouteTableException.class)
        .hasMessageStartingWith("cannot run " + ip + " (iproute2): ")
        .message().doesNotContain("not found");
  }

  @Test
  void aBareNameIsLookedUpInEachFolderOfPath() throws Exception {
    Path empty = Files.createDirectory(dir.resolve("empty"));
    Path bin = Files.createDirectory(dir.resolve("bin"));
    Files.writeString(bin.resolve("ip"), "");
    assertThat(IprouteTable.exists("ip", empty.toString())).isFalse();
    assertThat(IprouteTable.exists("ip", empty + ":" + bin)).isTrue();
    assertThat(IprouteTable.exists(bin.resolve("ip").toString(), empty.toString())).as("a path is taken as it is").isTrue();
  }
}
