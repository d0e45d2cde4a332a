package io.netctl.cli.controller;

import io.netctl.cli.metrics.NetctlMetrics;
import io.netctl.ipam.UnreachableException;
import io.netctl.ipam.store.StoreException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the reconciler on one thread (Node events, resyncs, ticks, in arrival order) and the drift
 * loop on another, and switches writing on and off with the lease: {@link #startLeading()} turns it
 * on and resyncs at once; {@link #stopLeading()} turns it off before returning, so no transaction
 * starts after it. Between the two, writing also stops by itself when the lease was not renewed
 * in time ({@link LeaderFence}); a tick logs that, and resyncs when a late renewal brings it back.
 */
public final class Controller implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Controller.class);
  /** How often due releases and retries are looked at (cheap: in memory until one is due). */
  static final Duration TICK = Duration.ofSeconds(1);

  private final LeaderFence fence;
  private final Reconciler reconciler;
  private final DriftLoop drift;
  private final NodeDirectory directory;
  private final NetctlMetrics metrics;
  private final ExecutorService loop = Executors.newSingleThreadExecutor(daemon("netctl-reconcile"));
  private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(2, daemon("netctl-timer"));
  private volatile boolean synced;
  /** What the last look at the fence saw: whether this replica was writing. */
  private volatile boolean writing;

  /**
   * @param fence when this replica may write; the reconciler must ask the same fence before each
   *     write
   */
  public Controller(LeaderFence fence, Reconciler reconciler, DriftLoop drift, NodeDirectory directory, NetctlMetrics metrics) {
    this.fence = fence;
    this.reconciler = reconciler;
    this.drift = drift;
    this.directory = directory;
    this.metrics = metrics;
    metrics.leader(fence::mayWrite);
  }

  /** Starts the timers: ticks every second, a resync every {@code resync}, the drift check every {@code interval}. */
  public void start(Duration resync, Duration interval) {
    timers.scheduleWithFixedDelay(() -> submit(reconciler::tick), TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    timers.scheduleWithFixedDelay(() -> submit(this::resyncNow), resync.toMillis(), resync.toMillis(), TimeUnit.MILLISECONDS);
    timers.scheduleWithFixedDelay(drift::runOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    timers.scheduleWithFixedDelay(drift::refreshControllerFindings, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    timers.scheduleWithFixedDelay(this::watchFence, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Runs {@code keeper} a minute after the start and then once a day. */
  public void keepHistory(HistoryKeeper keeper) {
    timers.scheduleWithFixedDelay(() -> {
      try {
        keeper.runOnce();
      } catch (RuntimeException e) {
        LOG.error("allocation history compaction failed: {}", e.toString(), e);
      }
    }, 60_000, HistoryKeeper.EVERY.toMillis(), TimeUnit.MILLISECONDS);
  }

  public LeaderFence fence() {
    return fence;
  }

  /** Logs when writing stopped because the lease was not renewed in time, and resyncs when it may write again. */
  private void watchFence() {
    boolean now = fence.mayWrite();
    boolean was = writing;
    writing = now;
    if (was && !now && fence.holding()) {
      LOG.warn("{}: the lease was not renewed within the renew deadline ({} ms ago): stopped writing; a standby takes over"
          + " when the lease expires", fence.identity(), fence.lapsedFor().toMillis());
    } else if (!was && now) {
      submit(this::resyncNow);
    }
  }

  public void nodeChanged(NodeInfo n) {
    submit(() -> reconciler.upsert(n));
  }

  /** calico-node registered or changed a Calico Node (from the allocation mirror's watch). */
  public void calicoNodeChanged(String name) {
    submit(() -> reconciler.calicoNodeChanged(name));
  }

  public void nodeDeleted(String name) {
    submit(() -> reconciler.deleted(name));
  }

  /** This replica now holds the lease: write, starting with a full resync. */
  public void startLeading() {
    fence.holding(true);
    writing = fence.mayWrite();
    LOG.info("{}: leading: this replica writes allocations now", fence.identity());
    submit(this::resyncNow);
  }

  /** The lease is lost or released: stop writing at once. */
  public void stopLeading() {
    boolean was = fence.holding();
    fence.holding(false);
    writing = false;
    if (was) {
      LOG.warn("{}: no longer leading: this replica stops writing", fence.identity());
    }
  }

  /** Shutting down: stop writing before the lease is released. */
  public void resign() {
    fence.holding(false);
    writing = false;
  }

  /** Whether this replica may write now: it holds the lease and renewed it in time. */
  public boolean leading() {
    return fence.mayWrite();
  }

  /** The informer has its first full list. */
  public void synced() {
    synced = true;
  }

  public boolean isSynced() {
    return synced;
  }

  /** Runs {@code r} on the reconciler's thread after everything queued before it, and waits (tests, shutdown). */
  public void await(Runnable r) throws InterruptedException {
    try {
      loop.submit(r).get();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  private void resyncNow() {
    if (!fence.mayWrite()) {
      return;
    }
    try {
      reconciler.resync(directory.list());
    } catch (UnreachableException | StoreException e) {
      LOG.warn("resync failed: {}; retrying at the next resync", e.getMessage());
    }
  }

  private void submit(Runnable r) {
    if (loop.isShutdown()) {
      return;
    }
    try {
      loop.execute(() -> {
        try {
          r.run();
        } catch (RuntimeException e) {
          LOG.error("reconcile step failed: {}", e.toString(), e);
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // shutting down
    }
  }

  @Override
  public void close() {
    resign();
    timers.shutdownNow();
    loop.shutdown();
    try {
      if (!loop.awaitTermination(10, TimeUnit.SECONDS)) {
        loop.shutdownNow();
      }
    } catch (InterruptedException e) {
      loop.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
