package io.netctl.cli.startup;

/**
 * Library settings for a one-shot command (a run that sends a handful of requests and ends), set
 * before the libraries start; a value given with {@code -D} wins. Measured with bench/cli-start.sh:
 * <ul>
 *   <li>netty's unpooled buffer allocator: a pool's arenas and thread caches cost about 9 MiB and a
 *       tenth of the CPU of such a run. Not for runs that read BGP tables or streams, nor for the
 *       long-running commands, which keep netty's pooled default;
 *   <li>no native transport for runs that open no BGP session (the etcd client uses NIO anyway):
 *       else Vert.x probes epoll at start, which unpacks and loads netty's native library, about 5 %
 *       of an etcd command's CPU. The BGP speaker needs it for TCP-MD5, so runs that open BGP or BMP
 *       sessions keep it.
 * </ul>
 */
public final class OneShot {
  private OneShot() {}

  public static void settings(boolean speaksBgp) {
    if (speaksBgp) {
      return;
    }
    if (System.getProperty("io.netty.allocator.type") == null) {
      System.setProperty("io.netty.allocator.type", "unpooled");
    }
    if (System.getProperty("io.netty.transport.noNative") == null) {
      System.setProperty("io.netty.transport.noNative", "true");
    }
  }
}
