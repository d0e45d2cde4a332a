package io.netctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The progress line of a real netctl process: on a pseudo-terminal (util-linux {@code script})
 * {@code netctl bgp routes} shows what it waits for while a peer that accepts the connection never
 * answers, and erases it before its error; with {@code --quiet}, or when stderr is a pipe, there is
 * no such line.
 */
class ProgressIT {
  static final Path JAR = Path.of("target", "netctl.jar").toAbsolutePath();
  @TempDir Path home;
  ServerSocket silentPeer;
  final List<Process> started = new ArrayList<>();

  @BeforeEach
  void peer() throws IOException {
    // the kernel completes the TCP handshake into the backlog; nobody ever reads or answers
    silentPeer = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
  }

  @AfterEach
  void stop() throws IOException {
    for (Process p : started) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    silentPeer.close();
  }

  List<String> netctl(String... more) {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", JAR.toString(),
        "bgp", "routes", "--peer", "127.0.0.1", "--port", String.valueOf(silentPeer.getLocalPort()), "--timeout", "3s", "--connect-timeout", "2s"));
    cmd.addAll(List.of(more));
    return cmd;
  }

  record Result(int code, String out) {}

  Result run(ProcessBuilder pb) throws Exception {
    pb.environment().put("XDG_STATE_HOME", home.toString());
    Process p = pb.start();
    started.add(p);
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("netctl ends within its --timeout").isTrue();
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  /** The command on a pseudo-terminal: stdout and stderr both go to it, and script copies it to its stdout. */
  Result onTerminal(List<String> cmd) throws Exception {
    Path sh = home.resolve("run.sh");
    StringBuilder b = new StringBuilder("exec");
    for (String a : cmd) {
      b.append(" '").append(a.replace("'", "'\\''")).append('\'');
    }
    Files.writeString(sh, b.append('\n').toString());
    return run(new ProcessBuilder("script", "-qfec", "bash " + sh, "/dev/null").redirectInput(ProcessBuilder.Redirect.PIPE));
  }

  @Test
  void onATerminalTheWaitIsShownAndErasedBeforeTheResult() throws Exception {
    Result r = onTerminal(netctl());
    assertThat(r.code()).as(r.out()).isEqualTo(3);
    String waiting = "netctl: waiting for 127.0.0.1:" + silentPeer.getLocalPort() + " AS 64512's routes (session, End-of-RIB; at most 3s)";
    assertThat(r.out()).contains("\r" + waiting + " ");
    int lastFrame = r.out().lastIndexOf(waiting);
    int erased = r.out().indexOf("\r\033[K", lastFrame);
    int error = r.out().indexOf("netctl: no BGP session with 127.0.0.1");
    assertThat(erased).as(r.out()).isGreaterThan(lastFrame);
    assertThat(error).as(r.out()).isGreaterThan(erased);
  }

  @Test
  void quietOnATerminalShowsNoProgress() throws Exception {
    Result r = onTerminal(netctl("--quiet"));
    assertThat(r.code()).as(r.out()).isEqualTo(3);
    assertThat(r.out()).doesNotContain("waiting for").doesNotContain("\033[K").contains("netctl: no BGP session with 127.0.0.1");
  }

  @Test
  void offATerminalThereIsNoProgress() throws Exception {
    Result r = run(new ProcessBuilder(netctl()).redirectErrorStream(true));
    assertThat(r.code()).as(r.out()).isEqualTo(3);
    assertThat(r.out()).doesNotContain("waiting for").doesNotContain("\r").startsWith("netctl: no BGP session with 127.0.0.1");
  }
}
