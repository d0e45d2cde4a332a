package io.netctl.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on loopback in front of a loopback port, for cutting one client off from a server
 * the way a network partition does: {@link #cut()} stops forwarding in both directions while
 * connections stay open — bytes sent are accepted and held, answers never come, new connections
 * are accepted and left waiting — until {@link #restore()} delivers what was held. {@link
 * #close()} ends every connection and thread.
 */
public final class TcpProxy implements AutoCloseable {
  private final int target;
  private final ServerSocket server;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final Object gate = new Object();
  private boolean forwarding = true;
  private volatile boolean closed;

  private TcpProxy(int target) throws IOException {
    this.target = target;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accept = new Thread(this::accept, "tcp-proxy-" + server.getLocalPort());
    accept.setDaemon(true);
    accept.start();
  }

  /** Starts forwarding a free loopback port to {@code 127.0.0.1:targetPort}. */
  public static TcpProxy start(int targetPort) {
    try {
      return new TcpProxy(targetPort);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The port clients connect to. */
  public int port() {
    return server.getLocalPort();
  }

  /** Stops forwarding: from now on nothing passes, in either direction, until {@link #restore()}. */
  public void cut() {
    synchronized (gate) {
      forwarding = false;
    }
  }

  /** Forwards again, starting with what was held. */
  public void restore() {
    synchronized (gate) {
      forwarding = true;
      gate.notifyAll();
    }
  }

  private void accept() {
    while (!closed) {
      try {
        Socket client = server.accept();
        sockets.add(client);
        Thread t = new Thread(() -> connect(client), "tcp-proxy-conn-" + client.getPort());
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void connect(Socket client) {
    try {
      awaitForwarding(); // a connection made while cut waits, as a SYN into a partition would
      Socket upstream = new Socket();
      sockets.add(upstream);
      upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), target));
      Thread back = new Thread(() -> pump(upstream, client), "tcp-proxy-back-" + client.getPort());
      back.setDaemon(true);
      back.start();
      pump(client, upstream);
    } catch (IOException | InterruptedException e) {
      closeQuietly(client);
    }
  }

  private void pump(Socket from, Socket to) {
    byte[] buf = new byte[16384];
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      int n;
      while ((n = in.read(buf)) >= 0) {
        awaitForwarding();
        out.write(buf, 0, n);
        out.flush();
      }
    } catch (IOException | InterruptedException e) {
      // a side closed: close the other
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private void awaitForwarding() throws InterruptedException, IOException {
    synchronized (gate) {
      while (!forwarding && !closed) {
        gate.wait();
      }
    }
    if (closed) {
      throw new IOException("proxy closed");
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() {
    closed = true;
    synchronized (gate) {
      gate.notifyAll();
    }
    try {
      server.close();
    } catch (IOException e) {
      // already closed
    }
    sockets.forEach(TcpProxy::closeQuietly);
  }
}
