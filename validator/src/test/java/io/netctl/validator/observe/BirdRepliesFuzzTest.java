package io.netctl.validator.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netctl.ipam.UnreachableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Arbitrary bytes as what BIRD's control socket says. {@link BirdReplies} turns reply lines into
 * protocols or throws one {@link IllegalArgumentException}; through a real Unix socket, {@link
 * BirdControlSocket} (banner, command, reply up to its last line) gives protocols, an {@link
 * UnreachableException} (no banner, closed early) or that parse error, each a one-line message,
 * and closes its connection whatever happened. Seeds ({@code BirdRepliesFuzzTestInputs/}): {@code show
 * protocols all} captured from BIRD 2.0.12 (see {@link BirdRepliesTest}), banner included; {@code
 * show bfd sessions} from BIRD 2.0.12 in {@code BfdIT}'s lab ({@code showBfdSessionsReply/}).
 */
class BirdRepliesFuzzTest {
  static final Duration TIMEOUT = Duration.ofSeconds(5);
  static final ExecutorService BIRD = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "fake-bird");
    t.setDaemon(true);
    return t;
  });
  static final Path SOCKET;

  static {
    try {
      Path dir = Files.createTempDirectory("bird-fuzz");
      dir.toFile().deleteOnExit();
      SOCKET = dir.resolve("bird.ctl");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest
  void showProtocolsReply(byte[] reply) {
    List<String> lines = Arrays.asList(new String(reply, StandardCharsets.UTF_8).split("\n", -1));
    try {
      BirdReplies.protocols(lines);
    } catch (IllegalArgumentException e) {
      assertOneLine(e);
    }
    try {
      BirdReplies.holdTimes(lines).values().forEach(h -> assertThat(h).isBetween(0, 99_999));
    } catch (IllegalArgumentException e) {
      assertOneLine(e);
    }
  }

  /** {@code show bfd sessions}: sessions, or one one-line {@link IllegalArgumentException} (seeds: BIRD 2.0.12's reply in the BFD lab). */
  @FuzzTest
  void showBfdSessionsReply(byte[] reply) {
    List<String> lines = Arrays.asList(new String(reply, StandardCharsets.UTF_8).split("\n", -1));
    try {
      BirdReplies.bfdSessions(lines).forEach(s -> assertThat(s.stateNumber()).isBetween(0, 3));
    } catch (IllegalArgumentException e) {
      assertOneLine(e);
    }
  }

  @FuzzTest
  void controlSocket(byte[] said) throws IOException, InterruptedException, ExecutionException {
    Files.deleteIfExists(SOCKET);
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(SOCKET));
      CompletableFuture<SocketChannel> accepted = new CompletableFuture<>();
      Future<?> bird = BIRD.submit(() -> answer(server, accepted, said));
      try {
        BirdSource.socket(SOCKET, TIMEOUT).protocols();
      } catch (UnreachableException | IllegalArgumentException e) {
        assertOneLine(e);
      }
      try (SocketChannel c = accepted.get()) {
        assertThat(closedByPeer(c)).as("the client closed its connection").isTrue();
      }
      bird.get();
    } finally {
      Files.deleteIfExists(SOCKET);
    }
  }

  /** One connection: says everything at once, then no more (the client may hang up before it has read it all). */
  static void answer(ServerSocketChannel server, CompletableFuture<SocketChannel> accepted, byte[] said) {
    try {
      SocketChannel c = server.accept();
      accepted.complete(c);
      ByteBuffer out = ByteBuffer.wrap(said);
      while (out.hasRemaining()) {
        c.write(out);
      }
      c.shutdownOutput(); // so a reply without its last line ends at once rather than at the client's deadline
    } catch (IOException clientGone) {
      accepted.completeExceptionally(clientGone);
    }
  }

  /** Reads what the client sent without waiting: true when its end is closed (end of stream after its data). */
  static boolean closedByPeer(SocketChannel c) throws IOException {
    c.configureBlocking(false);
    ByteBuffer in = ByteBuffer.allocate(4096);
    while (true) {
      in.clear();
      int n = c.read(in);
      if (n < 0) {
        return true;
      }
      if (n == 0) {
        return false;
      }
    }
  }

  static void assertOneLine(RuntimeException e) {
    assertThat(e.getMessage()).isNotBlank().doesNotContain("\n").doesNotContain("\r");
  }
}
