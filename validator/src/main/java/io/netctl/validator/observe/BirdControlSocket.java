package io.netctl.validator.observe;

import io.netctl.ipam.Names;
import io.netctl.ipam.UnreachableException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A client of BIRD's control socket ({@code bird -s PATH}; Calico mounts it at {@code
 * /var/run/calico/bird.ctl}): connects, reads the {@code 0001} banner, sends one command per call
 * and reads its reply up to the line with a space after the code. Every read has a deadline, so a
 * stuck BIRD is an {@link UnreachableException}, never a hang.
 */
public final class BirdControlSocket implements AutoCloseable {
  /** Where calico-node's BIRD listens. */
  public static final Path CALICO_SOCKET = Path.of("/var/run/calico/bird.ctl");

  private final Path path;
  private final Duration timeout;
  private final SocketChannel channel;
  private final Selector selector;
  private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

  private BirdControlSocket(Path path, Duration timeout, SocketChannel channel, Selector selector) {
    this.path = path;
    this.timeout = timeout;
    this.channel = channel;
    this.selector = selector;
  }

  /**
   * Connects and reads the banner.
   *
   * @throws UnreachableException when the socket is missing, refuses, or says nothing in time
   */
  public static BirdControlSocket connect(Path path, Duration timeout) {
    if (!Files.exists(path)) {
      throw new UnreachableException("BIRD socket " + path + " does not exist (is BIRD running, and the socket mounted?)");
    }
    SocketChannel ch = null;
    BirdControlSocket s = null;
    try {
      ch = SocketChannel.open(StandardProtocolFamily.UNIX);
      ch.connect(UnixDomainSocketAddress.of(path));
      ch.configureBlocking(false);
      Selector sel = Selector.open();
      s = new BirdControlSocket(path, timeout, ch, sel);
      ch.register(sel, SelectionKey.OP_READ);
      String banner = s.readLine();
      if (!banner.startsWith("0001 ")) {
        throw new UnreachableException("BIRD socket " + path + " answered \"" + Names.printable(banner) + "\" instead of the 0001 banner");
      }
      return s;
    } catch (IOException | UnreachableException e) {
      // no banner (silence, a closed socket, something else): the connection is closed before we give up
      if (s != null) {
        s.close();
      } else {
        closeQuietly(ch);
      }
      throw e instanceof UnreachableException u ? u : new UnreachableException("BIRD socket " + path + ": " + e.getMessage(), e);
    }
  }

  /** Sends {@code command} and returns its reply's raw lines (the last one included). */
  public List<String> command(String command) {
    if (command.contains("\n")) {
      throw new IllegalArgumentException("one command per line");
    }
    try {
      ByteBuffer out = ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.US_ASCII));
      while (out.hasRemaining()) {
        channel.write(out);
      }
      List<String> lines = new ArrayList<>();
      while (true) {
        String l = readLine();
        lines.add(l);
        if (BirdReplies.last(l)) {
          return lines;
        }
      }
    } catch (IOException e) {
      throw new UnreachableException("BIRD socket " + path + ": " + e.getMessage(), e);
    }
  }

  /** {@code show bfd sessions}, parsed; none when BIRD runs no BFD protocol ({@code protocols} is a read of {@code show protocols}). */
  public List<BfdSession> bfdSessions(List<BirdProtocolStatus> protocols) {
    if (protocols.stream().noneMatch(p -> p.proto().equals("BFD"))) {
      return List.of(); // BIRD refuses "show bfd sessions" without a BFD protocol: nothing to read
    }
    return BirdReplies.bfdSessions(command("show bfd sessions"));
  }

  /** {@code show protocols all}, parsed. */
  public List<BirdProtocolStatus> protocols() {
    return BirdReplies.protocols(command("show protocols all"));
  }

  private String readLine() throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      byte[] have = pending.toByteArray();
      for (int i = 0; i < have.length; i++) {
        if (have[i] == '\n') {
          String line = new String(have, 0, i, StandardCharsets.UTF_8);
          pending.reset();
          pending.write(have, i + 1, have.length - i - 1);
          return line;
        }
      }
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0 || selector.select(left) == 0 && System.nanoTime() >= deadline) {
        throw new UnreachableException("BIRD socket " + path + ": no reply within " + timeout.toMillis() + " ms");
      }
      selector.selectedKeys().clear();
      buffer.clear();
      int n = channel.read(buffer);
      if (n < 0) {
        throw new UnreachableException("BIRD socket " + path + ": BIRD closed the connection");
      }
      pending.write(buffer.array(), 0, n);
    }
  }

  @Override
  public void close() {
    try {
      selector.close();
    } catch (IOException ignored) {
      // closing
    }
    closeQuietly(channel);
  }

  private static void closeQuietly(SocketChannel ch) {
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException ignored) {
        // closing
      }
    }
  }
}
