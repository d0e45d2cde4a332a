package io.netctl.ipam.store;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The event loop of one {@link EtcdStore}'s gRPC channel: a Vert.x instance (jetcd's own
 * transport) that the store owns, closes and waits for. With gRPC's shared event loops, which stop
 * only a second after the last channel closes, a one-shot command would end with a thread still in
 * {@code epoll_wait}, and the JVM holds its exit for 0.3 s while any thread is in native code; this
 * loop is gone when {@link #close} returns. NIO, no file cache, no DNS client of its own (gRPC
 * resolves the endpoints), daemon threads.
 */
final class EtcdEventLoop implements AutoCloseable {
  private final Vertx vertx;

  EtcdEventLoop() {
    if (System.getProperty("vertx.disableDnsResolver") == null) {
      // gRPC resolves the endpoints itself; Vert.x's own DNS client would only read resolv.conf
      System.setProperty("vertx.disableDnsResolver", "true");
    }
    VertxOptions o = new VertxOptions()
        .setUseDaemonThread(true)
        .setPreferNativeTransport(false)
        .setEventLoopPoolSize(1)
        .setInternalBlockingPoolSize(1)
        .setBlockedThreadCheckInterval(TimeUnit.HOURS.toMillis(1))
        .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false).setClassPathResolvingEnabled(false));
    this.vertx = Vertx.vertx(o);
  }

  Vertx vertx() {
    return vertx;
  }

  /** Stops the loop's threads, waiting at most {@code bound}. */
  void close(Duration bound) {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(bound.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // the threads are daemons: at worst they end with the JVM
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(5));
  }
}
