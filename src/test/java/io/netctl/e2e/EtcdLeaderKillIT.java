package io.netctl.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.netctl.ipam.Allocation;
import io.netctl.ipam.Allocator;
import io.netctl.ipam.IpamConfig;
import io.netctl.ipam.store.EtcdSettings;
import io.netctl.ipam.store.EtcdStore;
import io.netctl.lab.EtcdCluster;
import io.netctl.lab.Poll;
import io.netctl.lab.Proc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Issue 11's leader kill, as operators meet it: sixteen {@code netctl allocate} processes (4
 * lanes of 4, one after another in each lane) against all three members of an etcd cluster, whose
 * leader is SIGKILLed once the first allocation is acknowledged. Every process must exit 0, no
 * pool may be given twice, every acknowledged allocation must be stored as acknowledged, and the
 * kill must have happened mid-run: allocations acknowledged before it, and allocations started and
 * acknowledged after it.
 *
 * <p>The budget ({@code --etcd-timeout}, default 60 s, {@code -Dleaderkill.timeout=}) is one that
 * sixteen JVMs starting on two cores cannot use up by themselves, so what is tested is the
 * failover. {@code -Dleaderkill.runs=N} repeats the run N times (bench/etcd-leader-kill.sh runs 10)
 * and each run appends one line to {@code target/leader-kill.txt}.
 */
class EtcdLeaderKillIT {
  static final int LANES = 4;
  static final int PER_LANE = 4;
  static final Duration PROCESS_WAIT = Duration.ofMinutes(5);

  /** One {@code netctl allocate}: when it started and ended on the run's event counter, and how it ended. */
  record Allocate(String node, long startedAt, long endedAt, int exit, String output) {}

  @TestFactory
  Stream<DynamicTest> sixteenAllocateProcessesRideOutTheLeadersDeath() {
    int runs = Integer.getInteger("leaderkill.runs", 1);
    String budget = System.getProperty("leaderkill.timeout", "60s");
    return IntStream.rangeClosed(1, runs).mapToObj(run ->
        DynamicTest.dynamicTest("run " + run + " of " + runs + ", --etcd-timeout " + budget, () -> oneRun(run, budget)));
  }

  void oneRun(int run, String budget) throws Exception {
    NetctlRunner netctl = new NetctlRunner(List.of());
    try (EtcdCluster etcd = EtcdCluster.start(3)) {
      AtomicLong events = new AtomicLong();
      Map<String, Allocate> done = new ConcurrentHashMap<>();
      ExecutorService lanes = Executors.newFixedThreadPool(LANES);
      List<Future<?>> futures = new ArrayList<>();
      long killedAt;
      EtcdCluster.Member leader;
      try {
        for (int l = 1; l <= LANES; l++) {
          int lane = l;
          futures.add(lanes.submit(() -> {
            for (int n = 1; n <= PER_LANE; n++) {
              String node = "node-" + lane + "-" + n;
              Allocate a = allocate(netctl, etcd, node, budget, events);
              done.put(node, a);
            }
            return null;
          }));
        }
        Poll.until(PROCESS_WAIT, "the first acknowledged allocation", () -> done.values().stream().anyMatch(a -> a.exit() == 0)
            || futures.stream().allMatch(Future::isDone));
        leader = etcd.leader();
        etcd.kill(leader);
        killedAt = events.incrementAndGet();
        for (Future<?> f : futures) {
          f.get(PER_LANE * PROCESS_WAIT.toSeconds(), TimeUnit.SECONDS);
        }
      } finally {
        lanes.shutdownNow();
      }
      long ok = done.values().stream().filter(a -> a.exit() == 0).count();
      long before = done.values().stream().filter(a -> a.exit() == 0 && a.endedAt() < killedAt).count();
      long across = done.values().stream().filter(a -> a.exit() == 0 && a.startedAt() < killedAt && a.endedAt() > killedAt).count();
      long after = done.values().stream().filter(a -> a.exit() == 0 && a.startedAt() > killedAt).count();
      Map<String, String> stored;
      try (EtcdStore store = new EtcdStore(EtcdSettings.plain(etcd.endpoints()).withTimeout(Duration.ofSeconds(60)))) {
        stored = new Allocator(store, IpamConfig.DEFAULT, Clock.systemUTC()).list().stream()
            .collect(Collectors.toMap(Allocation::node, Allocation::cidrText));
      }
      Map<String, String> acknowledged = done.values().stream().filter(a -> a.exit() == 0)
          .collect(Collectors.toMap(Allocate::node, EtcdLeaderKillIT::acknowledgedPool));
      int duplicates = stored.size() - new HashSet<>(stored.values()).size();
      String failures = done.values().stream().filter(a -> a.exit() != 0)
          .map(a -> a.node() + " exit " + a.exit() + ": " + a.output().strip()).collect(Collectors.joining("\n"));
      record("run " + run + ": " + ok + " of " + done.size() + " acknowledged, " + stored.size() + " stored, " + duplicates
          + " duplicates; leader " + leader.name() + " killed after " + before + " acknowledgements, " + across
          + " in flight across the kill, " + after + " started and acknowledged after it; --etcd-timeout " + budget
          + (failures.isEmpty() ? "" : "\n" + failures.indent(2).stripTrailing()));

      assertThat(failures).as("every netctl allocate exits 0").isEmpty();
      assertThat(done).hasSize(LANES * PER_LANE);
      assertThat(leader.running()).isFalse();
      assertThat(before).as("acknowledged before the kill").isGreaterThanOrEqualTo(1);
      assertThat(after).as("started and acknowledged after the kill").isGreaterThanOrEqualTo(1);
      assertThat(duplicates).as("no pool given twice").isZero();
      assertThat(stored).as("every acknowledged allocation stored as acknowledged").isEqualTo(acknowledged);
    }
  }

  /** Runs one {@code netctl allocate NODE} against every member, to its end; its output (stdout and stderr) is kept. */
  static Allocate allocate(NetctlRunner netctl, EtcdCluster etcd, String node, String budget, AtomicLong events) {
    List<String> cmd = List.of(netctl.command("allocate", node, "--etcd-endpoints", etcd.endpointsFlag(), "--etcd-timeout", budget));
    Path log = etcd.dir().resolve(node + ".out");
    long started = events.incrementAndGet();
    try (Proc.Daemon p = Proc.start(cmd, log)) {
      Poll.until(PROCESS_WAIT, "netctl allocate " + node + " to end", () -> !p.alive());
      long ended = events.incrementAndGet();
      return new Allocate(node, started, ended, p.exitCode(), p.logText());
    }
  }

  /** The pool in {@code netctl allocate}'s result line ("node-1-1 10.3.240.0/27: allocated"). */
  static String acknowledgedPool(Allocate a) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(a.node()) + " (\\d+\\.\\d+\\.\\d+\\.\\d+/\\d+)").matcher(a.output());
    if (!m.find()) {
      throw new AssertionError("no result line in the output of netctl allocate " + a.node() + ": " + a.output());
    }
    return m.group(1);
  }

  /** Appends a run's line to target/leader-kill.txt (what bench/etcd-leader-kill.sh sums) and prints it. */
  static void record(String line) {
    System.out.println("leader-kill " + line);
    try {
      Files.writeString(Path.of("target", "leader-kill.txt"), line + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
