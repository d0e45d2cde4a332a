package io.netctl.cli;

import io.netctl.cli.config.NetctlConfig;
import io.netctl.cli.controller.NetworkDriftCheck;
import io.netctl.cli.controller.Controller;
import io.netctl.cli.controller.LeaderFence;
import io.netctl.cli.controller.DriftLoop;
import io.netctl.cli.controller.ReconcileCounters;
import io.netctl.cli.controller.Reconciler;
import io.netctl.cli.kube.KubeNodes;
import io.netctl.cli.kube.LeaseElection;
import io.netctl.cli.kube.MockApi;
import io.netctl.cli.metrics.NetctlMetrics;
import io.netctl.bgp.calico.BgpTopology;
import io.netctl.ipam.Allocator;
import io.netctl.ipam.IpamConfig;
import io.netctl.ipam.IpamReplica;
import io.netctl.ipam.NetctlKeys;
import io.netctl.ipam.store.EtcdSettings;
import io.netctl.ipam.store.EtcdStore;
import io.netctl.ipam.store.KeyValue;
import io.netctl.ipam.store.KvStore;
import io.netctl.ipam.store.Range;
import io.netctl.ipam.store.Read;
import io.netctl.ipam.store.Txn;
import io.netctl.ipam.store.TxnResult;
import io.netctl.ipam.store.WatchListener;
import io.netctl.lab.EtcdCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark (bench/controller-5000.sh): N Nodes created at once in the mock API (CRUD) with ranges
 * 10.0.0.0/12; time until every Node has its allocation in a real etcd, etcd transactions per
 * allocation, and heap. The controller is wired as {@code netctl controller} wires it, with a
 * counting store in front of etcd.
 */
public final class ControllerBench {
  /** Counts transactions on the way to etcd. */
  static final class CountingStore implements KvStore {
    final KvStore inner;
    final AtomicLong commits = new AtomicLong();
    final AtomicLong failed = new AtomicLong();

    CountingStore(KvStore inner) {
      this.inner = inner;
    }

    @Override
    public Optional<KeyValue> get(String key) {
      return inner.get(key);
    }

    @Override
    public Range range(String prefix) {
      return inner.range(prefix);
    }

    @Override
    public List<Range> read(List<Read> reads) {
      return inner.read(reads);
    }

    @Override
    public TxnResult commit(Txn txn) {
      commits.incrementAndGet();
      TxnResult r = inner.commit(txn);
      if (!r.succeeded()) {
        failed.incrementAndGet();
      }
      return r;
    }

    @Override
    public Watch watch(String prefix, long fromRevision, WatchListener listener) {
      return inner.watch(prefix, fromRevision, listener);
    }

    @Override
    public String describe() {
      return inner.describe();
    }

    @Override
    public void close() {
      inner.close();
    }
  }

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
    java.util.logging.LogManager.getLogManager().reset(); // the mock server logs every request
    Path dir = Files.createTempDirectory("netctl-bench");
    IpamConfig ipam = IpamConfig.of(List.of("10.0.0.0/12"), 27);
    NetctlConfig cfg = new NetctlConfig("bench", ipam, BgpTopology.defaults(), List.of());
    try (EtcdCluster etcd = EtcdCluster.start(1); MockApi api = new MockApi(dir);
        CountingStore store = new CountingStore(new EtcdStore(new EtcdSettings(etcd.endpoints(), null, null, null, Duration.ofSeconds(10))))) {
      NetctlMetrics metrics = new NetctlMetrics();
      LeaderFence fence = new LeaderFence("bench", Duration.ofSeconds(15));
      IpamReplica replica = new IpamReplica(store);
      Allocator allocator = Allocator.mirrored(store, ipam, Clock.systemUTC(), replica);
      KubeNodes nodes = new KubeNodes(api.client(), null, "mock API");
      Reconciler reconciler = new Reconciler(allocator, nodes, Clock.systemUTC(), Duration.ofMinutes(10), false, fence::mayWrite, ReconcileCounters.NONE);
      DriftLoop drift = new DriftLoop(new NetworkDriftCheck(store, cfg.intent(), null, null, Clock.systemUTC()), reconciler::findings, metrics, Clock.systemUTC());
      Controller controller = new Controller(fence, reconciler, drift, nodes, metrics);
      LeaseElection election = new LeaseElection(api.client(), "netctl", "netctl-controller", "bench");
      nodes.start(controller, Duration.ofMinutes(5));
      controller.start(Duration.ofMinutes(5), Duration.ofMinutes(5));
      election.start(controller, Duration.ofSeconds(15));
      while (!controller.leading() || !controller.isSynced()) {
        Thread.sleep(50);
      }
      long before = store.commits.get();
      System.gc();
      long heapBefore = used();
      long t0 = System.nanoTime();
      ExecutorService creators = Executors.newFixedThreadPool(8);
      for (int i = 0; i < n; i++) {
        int k = i;
        creators.execute(() -> api.createNode("node-" + k, "172.16." + (k / 250) + "." + (k % 250 + 1), Map.of()));
      }
      creators.shutdown();
      creators.awaitTermination(10, TimeUnit.MINUTES);
      long created = System.nanoTime();
      long peakHeap = 0;
      while (true) {
        long count = store.read(List.of(Read.keysOnly(NetctlKeys.ALLOCATIONS))).get(0).kvs().size();
        peakHeap = Math.max(peakHeap, used());
        if (count >= n) {
          break;
        }
        if (System.nanoTime() - t0 > TimeUnit.MINUTES.toNanos(10)) {
          throw new IllegalStateException("only " + count + " of " + n + " allocated after 10 minutes");
        }
        Thread.sleep(20);
      }
      long done = System.nanoTime();
      long txns = store.commits.get() - before;
      System.gc();
      long heapAfter = used();
      System.out.printf("nodes: %d%n", n);
      System.out.printf("nodes created in the mock API: %.2f s (8 client threads)%n", (created - t0) / 1e9);
      System.out.printf("every node allocated: %.2f s after the first create (%.0f allocations/s)%n", (done - t0) / 1e9, n / ((done - t0) / 1e9));
      System.out.printf("etcd transactions: %d (%.3f per allocation, %d failed compares)%n", txns, (double) txns / n, store.failed.get());
      System.out.printf("heap used: %d MiB before, %d MiB peak while allocating, %d MiB after GC (JVM also holds the mock API server and its %d Nodes)%n",
          heapBefore >> 20, peakHeap >> 20, heapAfter >> 20, n);
      election.close();
      nodes.close();
      controller.close();
      replica.close();
    }
    System.exit(0);
  }

  static long used() {
    Runtime r = Runtime.getRuntime();
    return r.totalMemory() - r.freeMemory();
  }
}
