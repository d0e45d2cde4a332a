package io.netctl.lvs.sync;

import io.netctl.ipam.NetctlKeys;
import io.netctl.ipam.UnreachableException;
import io.netctl.ipam.store.KvStore;
import io.netctl.ipam.store.StoreException;
import io.netctl.ipam.store.WatchEvent;
import io.netctl.ipam.store.WatchListener;
import io.netctl.lvs.RouteDifference;
import io.netctl.lvs.RouteTable.Failure;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a director's table equal to the allocations while it runs: a sync pass at start, one
 * shortly after every change under {@code /netctl/v1/allocations/} (a burst of changes within
 * {@code debounce} makes one pass), and a full pass every {@code resync} that repairs hand edits of
 * the table. When the watch breaks (datastore unreachable, history compacted) it re-reads and
 * watches again, backing off from 1 s to 30 s. {@link #stop()} ends {@link #run()} after the pass
 * in progress. Every change made, every change refused and every new foreign route is logged.
 */
public final class RouteWatcher {
  private static final Logger LOG = LoggerFactory.getLogger(RouteWatcher.class);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final KvStore store;
  private final RouteSync sync;
  private final Duration resync;
  private final Duration debounce;
  private final Consumer<SyncReport> onPass;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wake = lock.newCondition();
  private final CountDownLatch done = new CountDownLatch(1);
  private boolean changed;
  private StoreException broken;
  private boolean stopped;
  private Set<String> reported = Set.of();

  /**
   * @param store the datastore holding the allocations
   * @param sync one pass for the director
   * @param resync the period of full passes
   * @param debounce how long to wait for more changes after one arrives
   * @param onPass called after every pass (tests, metrics)
   */
  public RouteWatcher(KvStore store, RouteSync sync, Duration resync, Duration debounce, Consumer<SyncReport> onPass) {
    this.store = Objects.requireNonNull(store, "store");
    this.sync = Objects.requireNonNull(sync, "sync");
    this.resync = resync;
    this.debounce = debounce;
    this.onPass = onPass == null ? r -> {} : onPass;
  }

  /** Runs until {@link #stop()}. */
  public void run() {
    KvStore.Watch watch = null;
    Duration backoff = Duration.ofSeconds(1);
    long nextFull = 0;
    try {
      while (!isStopped()) {
        try {
          if (watch == null) {
            SyncReport r = pass("start");
            watch = store.watch(NetctlKeys.ALLOCATIONS, r.revision() + 1, new Listener());
            LOG.info("watching {} from revision {}; full re-sync every {}", store.describe(), r.revision() + 1, text(resync));
            backoff = Duration.ofSeconds(1);
            nextFull = System.nanoTime() + resync.toNanos();
            continue;
          }
          String reason = awaitReason(nextFull);
          if (reason == null) {
            break;
          }
          if (reason.equals("broken")) {
            LOG.warn("datastore watch broke ({}); re-reading and watching again in {}", brokenMessage(), text(backoff));
            watch.close();
            watch = null;
            pause(backoff);
            backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
            continue;
          }
          pass(reason);
          if (reason.equals("periodic re-sync")) {
            nextFull = System.nanoTime() + resync.toNanos();
          }
        } catch (StoreException | UnreachableException e) {
          LOG.warn("sync failed: {}; retrying in {}", e.getMessage(), text(backoff));
          if (watch != null) {
            watch.close();
            watch = null;
          }
          pause(backoff);
          backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
        }
      }
    } finally {
      if (watch != null) {
        watch.close();
      }
      LOG.info("stopped");
      done.countDown();
    }
  }

  /** Asks {@link #run()} to end after the pass in progress. */
  public void stop() {
    lock.lock();
    try {
      stopped = true;
      wake.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Waits until {@link #run()} has ended; false when it has not within {@code timeout}. */
  public boolean awaitStopped(Duration timeout) throws InterruptedException {
    return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private SyncReport pass(String reason) {
    SyncReport r = sync.sync(store, false);
    log(reason, r);
    onPass.accept(r);
    return r;
  }

  private void log(String reason, SyncReport r) {
    Set<Object> refused = new HashSet<>();
    for (Failure f : r.failures()) {
      refused.add(f.change());
      LOG.warn("refused by the kernel: {} ({})", f.change().route(), f.message());
    }
    for (RouteDifference d : r.before().differences()) {
      if (d.change() != null && !refused.contains(d.change())) {
        LOG.info("{} {}: {}", d.kind().text(), d.dst(), d.detail());
      }
    }
    Set<String> now = new HashSet<>();
    for (RouteDifference d : r.after().differences()) {
      if (d.change() == null) {
        String line = d.kind().text() + " " + d.dst() + ": " + d.detail();
        now.add(line);
        if (!reported.contains(line)) {
          LOG.warn(line);
        }
      }
    }
    reported = now;
    if (r.applied() > 0 || !r.failures().isEmpty()) {
      LOG.info("pass ({}): {} change(s) applied, {} refused; {} route(s) in place; {} ms",
          reason, r.applied(), r.failures().size(), r.after().inPlace(), r.timings().total().toMillis());
    } else {
      LOG.debug("pass ({}): no change; {} route(s) in place; {} ms", reason, r.after().inPlace(), r.timings().total().toMillis());
    }
  }

  /** Waits for a change, a broken watch, the next full pass or stop; null on stop. */
  private String awaitReason(long nextFull) {
    lock.lock();
    try {
      while (!stopped && !changed && broken == null) {
        long left = nextFull - System.nanoTime();
        if (left <= 0) {
          return "periodic re-sync";
        }
        wake.awaitNanos(left);
      }
      if (stopped) {
        return null;
      }
      if (broken != null) {
        return "broken";
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopped = true;
      return null;
    } finally {
      lock.unlock();
    }
    pause(debounce); // more changes of a burst arrive meanwhile: one pass for all
    lock.lock();
    try {
      changed = false;
      return stopped ? null : "allocation change";
    } finally {
      lock.unlock();
    }
  }

  private String brokenMessage() {
    lock.lock();
    try {
      String m = broken == null ? "unknown" : broken.getMessage();
      broken = null;
      changed = false;
      return m;
    } finally {
      lock.unlock();
    }
  }

  private boolean isStopped() {
    lock.lock();
    try {
      return stopped;
    } finally {
      lock.unlock();
    }
  }

  /** Waits {@code d} unless stopped earlier. */
  private void pause(Duration d) {
    long end = System.nanoTime() + d.toNanos();
    lock.lock();
    try {
      long left;
      while (!stopped && (left = end - System.nanoTime()) > 0) {
        wake.awaitNanos(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopped = true;
    } finally {
      lock.unlock();
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static String text(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }

  private final class Listener implements WatchListener {
    @Override
    public void onEvents(List<WatchEvent> events) {
      lock.lock();
      try {
        changed = true;
        wake.signalAll();
      } finally {
        lock.unlock();
      }
    }

    @Override
    public void onError(StoreException error) {
      lock.lock();
      try {
        broken = error;
        wake.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }
}
