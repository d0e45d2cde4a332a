package io.netctl.ipam.bench;

import io.netctl.ipam.Allocator;
import io.netctl.ipam.IpamConfig;
import io.netctl.ipam.IpamReplica;
import io.netctl.ipam.RefusedException;
import io.netctl.ipam.store.EtcdSettings;
import io.netctl.ipam.store.EtcdStore;
import io.netctl.ipam.store.KvStore;
import io.netctl.ipam.store.Txn;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Allocations per second with N concurrent allocators (each its own etcd client) against one etcd,
 * side by side with the raw compare-and-swap transaction rate of the same etcd from the same JVM.
 *
 * <p>Usage: {@code AllocationBench ENDPOINT [THREADS=16] [SECONDS=10] [RANGES=10.3.240.0/21,10.3.216.0/21]}.
 * Allocation runs in rounds: the allocators fill the ranges, then (untimed) every pool is
 * released, until the time is used up.
 */
public final class AllocationBench {
  private AllocationBench() {}

  record Result(String what, long ops, double seconds, long[] latenciesNanos, double extra) {
    double rate() {
      return ops / seconds;
    }

    double pct(double p) {
      if (latenciesNanos.length == 0) {
        return Double.NaN;
      }
      long[] s = latenciesNanos.clone();
      Arrays.sort(s);
      return s[(int) Math.min(s.length - 1, Math.floor(p * s.length))] / 1e6;
    }
  }

  public static void main(String[] args) throws Exception {
    URI endpoint = URI.create(args[0]);
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 16;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    IpamConfig config = args.length > 3 ? IpamConfig.of(List.of(args[3].split(",")), 27) : IpamConfig.DEFAULT;
    EtcdSettings settings = EtcdSettings.plain(List.of(endpoint)).withTimeout(Duration.ofSeconds(10));

    warmUp(settings, config);
    rawCas(settings, threads, Math.max(2, seconds / 3), 1); // JIT warm-up of the client, discarded
    Result rawBefore = rawCas(settings, threads, seconds, 1);
    Result raw6 = rawCas(settings, threads, seconds, 6);
    Result alloc = allocations(settings, config, threads, seconds, false);
    Result mirrored = allocations(settings, config, threads, seconds, true);
    Result shared = sharedAllocator(settings, config, threads, seconds);
    Result rawAfter = rawCas(settings, threads, seconds, 1);
    // the ceiling: the better of the raw runs before and after (the machine's noise counts against netctl)
    Result raw = rawBefore.rate() >= rawAfter.rate() ? rawBefore : rawAfter;

    System.out.printf("%n%-44s %12s %10s %10s %10s%n", "workload (" + threads + " concurrent clients)", "ops/s", "p50 ms", "p99 ms", "ops");
    for (Result r : List.of(rawBefore, raw6, alloc, mirrored, shared, rawAfter)) {
      System.out.printf("%-44s %12.0f %10.2f %10.2f %10d%n", r.what, r.rate(), r.pct(0.50), r.pct(0.99), r.ops);
    }
    System.out.printf("%nranges %s, %d pools%n", config.ranges(), config.totalBlocks());
    System.out.printf("store calls during allocation: %d reads (mean %.2f ms), %d commits (mean %.2f ms)%n",
        READS.get(), READ_NANOS.get() / 1e6 / Math.max(1, READS.get()), COMMITS.get(), COMMIT_NANOS.get() / 1e6 / Math.max(1, COMMITS.get()));
    System.out.printf("one-shot allocator (CLI):        %3.0f%% of the raw CAS rate, %.2f write transactions per allocation%n",
        100 * alloc.rate() / raw.rate(), alloc.extra);
    System.out.printf("mirrored allocators, one client each: %3.0f%% of the raw CAS rate, %.2f write transactions per allocation%n",
        100 * mirrored.rate() / raw.rate(), mirrored.extra);
    System.out.printf("one mirrored allocator, %d threads (the controller): %3.0f%% of the raw CAS rate, %.2f write transactions per allocation%n",
        threads, 100 * shared.rate() / raw.rate(), shared.extra);
  }

  static void warmUp(EtcdSettings settings, IpamConfig config) throws Exception {
    try (KvStore s = new EtcdStore(settings)) {
      Allocator a = new Allocator(s, config, Clock.systemUTC());
      for (int i = 0; i < 50; i++) {
        a.allocate("warm-" + i, null, false);
      }
      for (int i = 0; i < 50; i++) {
        a.release("warm-" + i, false);
      }
      for (int i = 0; i < 500; i++) {
        s.commit(Txn.builder().create("/bench/warm/" + i + "/" + System.nanoTime(), "x").build());
      }
    }
  }

  /** About the size of an allocation's values (an IPPool, an IPAM block). */
  static final String PAYLOAD = "x".repeat(300);

  /** The ceiling: each client creates distinct keys with a version==0 compare, as fast as it can. */
  static Result rawCas(EtcdSettings settings, int threads, int seconds, int keys) throws Exception {
    ConcurrentLinkedQueue<long[]> lat = new ConcurrentLinkedQueue<>();
    AtomicLong ops = new AtomicLong();
    long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    runThreads(threads, t -> {
      try (KvStore s = new EtcdStore(settings)) {
        List<Long> mine = new ArrayList<>();
        String prefix = "/bench/raw/" + System.nanoTime() + "/" + t + "/";
        for (int i = 0; System.nanoTime() < end; i++) {
          long t0 = System.nanoTime();
          Txn.Builder txn = Txn.builder();
          for (int k = 0; k < keys; k++) {
            txn.create(prefix + i + "/" + k, keys == 1 ? "{\"node\":\"n\"}" : PAYLOAD);
          }
          if (!s.commit(txn.build()).succeeded()) {
            throw new IllegalStateException("raw CAS failed");
          }
          mine.add(System.nanoTime() - t0);
          ops.incrementAndGet();
        }
        lat.add(mine.stream().mapToLong(Long::longValue).toArray());
      }
    });
    return new Result(keys == 1 ? "raw CAS txn (create, version==0)" : "raw CAS txn of " + keys + " creates of 300 B", ops.get(), seconds, flatten(lat), 1);
  }

  /**
   * Allocation rounds with long-lived clients: every allocator fills the ranges concurrently
   * (timed, from the round's start until the last allocator saw them exhausted), then one of them
   * releases everything (untimed), until the time budget is used up.
   */
  static Result allocations(EtcdSettings settings, IpamConfig config, int threads, int seconds, boolean mirror) throws Exception {
    ConcurrentLinkedQueue<long[]> lat = new ConcurrentLinkedQueue<>();
    AtomicLong ops = new AtomicLong();
    AtomicLong attempts = new AtomicLong();
    AtomicLong timed = new AtomicLong();
    long budget = Duration.ofSeconds(seconds).toNanos();
    java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads);
    java.util.concurrent.CyclicBarrier filled = new java.util.concurrent.CyclicBarrier(threads);
    java.util.concurrent.CyclicBarrier released = new java.util.concurrent.CyclicBarrier(threads);
    AtomicLong roundStart = new AtomicLong();
    java.util.concurrent.atomic.AtomicBoolean more = new java.util.concurrent.atomic.AtomicBoolean(true);
    AtomicInteger round = new AtomicInteger();
    AtomicInteger next = new AtomicInteger();
    runThreads(threads, t -> {
      try (KvStore s = new Timed(new EtcdStore(settings)); IpamReplica replica = new IpamReplica(s)) {
        Allocator a = mirror ? Allocator.mirrored(s, config, Clock.systemUTC(), replica) : new Allocator(s, config, Clock.systemUTC());
        if (mirror) {
          replica.ensureCurrent();
        }
        List<Long> mine = new ArrayList<>();
        while (true) {
          start.await();
          if (t == 0) {
            roundStart.set(System.nanoTime());
          }
          if (!more.get()) {
            break;
          }
          int r = round.get();
          while (true) {
            String node = "r" + r + "-node-" + next.getAndIncrement();
            long s0 = System.nanoTime();
            try {
              Allocator.AllocationResult res = a.allocate(node, null, false);
              mine.add(System.nanoTime() - s0);
              ops.incrementAndGet();
              attempts.addAndGet(res.attempts());
            } catch (RefusedException e) {
              break;
            }
          }
          filled.await();
          if (t == 0) {
            timed.addAndGet(System.nanoTime() - roundStart.get());
            releaseAll(settings, config, 1);
            round.incrementAndGet();
            more.set(timed.get() < budget);
          }
          released.await();
        }
        lat.add(mine.stream().mapToLong(Long::longValue).toArray());
      }
    });
    return new Result(mirror ? "allocate, mirrored (1 txn of 6 keys)" : "allocate, one-shot (1 read + 1 txn of 6 keys)", ops.get(), timed.get() / 1e9, flatten(lat), attempts.get() / (double) ops.get());
  }

  static final AtomicLong READ_NANOS = new AtomicLong();
  static final AtomicLong READS = new AtomicLong();
  static final AtomicLong COMMIT_NANOS = new AtomicLong();
  static final AtomicLong COMMITS = new AtomicLong();

  /** Times reads and commits (to show where an allocation's time goes). */
  record Timed(KvStore d) implements KvStore {
    public java.util.Optional<io.netctl.ipam.store.KeyValue> get(String key) { return d.get(key); }
    public io.netctl.ipam.store.Range range(String prefix) { return d.range(prefix); }
    public List<io.netctl.ipam.store.Range> read(List<io.netctl.ipam.store.Read> reads) {
      long t = System.nanoTime();
      try { return d.read(reads); } finally { READ_NANOS.addAndGet(System.nanoTime() - t); READS.incrementAndGet(); }
    }
    public io.netctl.ipam.store.TxnResult commit(Txn txn) {
      long t = System.nanoTime();
      try { return d.commit(txn); } finally { COMMIT_NANOS.addAndGet(System.nanoTime() - t); COMMITS.incrementAndGet(); }
    }
    public Watch watch(String prefix, long from, io.netctl.ipam.store.WatchListener l) { return d.watch(prefix, from, l); }
    public String describe() { return d.describe(); }
    public void close() { d.close(); }
  }

  /** The controller's shape: one client, one mirror, one allocator, {@code threads} workers. */
  static Result sharedAllocator(EtcdSettings settings, IpamConfig config, int threads, int seconds) throws Exception {
    ConcurrentLinkedQueue<long[]> lat = new ConcurrentLinkedQueue<>();
    AtomicLong ops = new AtomicLong();
    AtomicLong attempts = new AtomicLong();
    long budget = Duration.ofSeconds(seconds).toNanos();
    long timed = 0;
    try (KvStore s = new Timed(new EtcdStore(settings)); IpamReplica replica = new IpamReplica(s)) {
      replica.ensureCurrent();
      Allocator a = Allocator.mirrored(s, config, Clock.systemUTC(), replica);
      for (int round = 0; timed < budget; round++) {
        int r = round;
        AtomicInteger next = new AtomicInteger();
        long t0 = System.nanoTime();
        runThreads(threads, t -> {
          List<Long> mine = new ArrayList<>();
          while (true) {
            long s0 = System.nanoTime();
            try {
              Allocator.AllocationResult res = a.allocate("s" + r + "-node-" + next.getAndIncrement(), null, false);
              mine.add(System.nanoTime() - s0);
              ops.incrementAndGet();
              attempts.addAndGet(res.attempts());
            } catch (RefusedException e) {
              break;
            }
          }
          lat.add(mine.stream().mapToLong(Long::longValue).toArray());
        });
        timed += System.nanoTime() - t0;
        releaseAll(settings, config, 1);
      }
    }
    return new Result("allocate, one mirrored allocator shared by " + threads + " threads", ops.get(), timed / 1e9, flatten(lat), attempts.get() / (double) ops.get());
  }

  static void releaseAll(EtcdSettings settings, IpamConfig config, int threads) throws Exception {
    List<String> nodes;
    try (KvStore s = new EtcdStore(settings)) {
      nodes = new Allocator(s, config, Clock.systemUTC()).list().stream().map(x -> x.node()).toList();
    }
    AtomicInteger i = new AtomicInteger();
    runThreads(threads, t -> {
      try (KvStore s = new EtcdStore(settings)) {
        Allocator a = new Allocator(s, config, Clock.systemUTC());
        for (int k; (k = i.getAndIncrement()) < nodes.size(); ) {
          a.release(nodes.get(k), true);
        }
      }
    });
  }

  interface Body {
    void run(int thread) throws Exception;
  }

  static void runThreads(int n, Body body) throws Exception {
    CountDownLatch done = new CountDownLatch(n);
    ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
    for (int t = 0; t < n; t++) {
      int id = t;
      Thread th = new Thread(() -> {
        try {
          body.run(id);
        } catch (Throwable e) {
          errors.add(e);
        } finally {
          done.countDown();
        }
      });
      th.start();
    }
    done.await();
    if (!errors.isEmpty()) {
      throw new IllegalStateException("benchmark thread failed", errors.peek());
    }
  }

  static long[] flatten(ConcurrentLinkedQueue<long[]> parts) {
    return parts.stream().flatMapToLong(Arrays::stream).toArray();
  }
}
