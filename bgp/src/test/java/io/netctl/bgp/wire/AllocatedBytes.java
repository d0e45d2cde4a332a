package io.netctl.bgp.wire;

import java.lang.management.ManagementFactory;

/**
 * Bytes of heap the current thread allocates while running a piece of code (HotSpot's per-thread
 * allocation counter): the fuzz targets bound it by the input's size, so no length field read from
 * the input can make the decoders allocate more than the input justifies.
 */
public final class AllocatedBytes {
  private AllocatedBytes() {}

  private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /** The current thread's allocation counter: the difference of two readings is what it allocated in between. */
  public static long now() {
    return THREADS.getCurrentThreadAllocatedBytes();
  }

  /** Runs {@code work} and returns what it allocated. */
  public static long of(Runnable work) {
    long before = THREADS.getCurrentThreadAllocatedBytes();
    work.run();
    return THREADS.getCurrentThreadAllocatedBytes() - before;
  }
}
