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

  /**
   * What {@code work} allocates once its first-use costs are paid: when a first run reaches {@code
   * bound}, the measure of a second run (the first may have loaded and instrumented classes or
   * linked call sites, which a decoder does not pay again). {@code work} must do the same each time.
   */
  public static long settled(long bound, Runnable work) {
    long first = of(work);
    return first < bound ? first : of(work);
  }

  /** Runs {@code work} and returns what it allocated. */
  public static long of(Runnable work) {
    long before = THREADS.getCurrentThreadAllocatedBytes();
    work.run();
    return THREADS.getCurrentThreadAllocatedBytes() - before;
  }
}
