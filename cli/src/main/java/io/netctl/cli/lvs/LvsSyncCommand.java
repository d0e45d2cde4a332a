package io.netctl.cli.lvs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netctl.cli.CliContext;
import io.netctl.cli.ExitCode;
import io.netctl.cli.Logging;
import io.netctl.cli.options.ConfigOption;
import io.netctl.cli.options.Bounds;
import io.netctl.cli.options.GlobalOptions;
import io.netctl.cli.options.DurationConverter;
import io.netctl.cli.options.OutputOption;
import io.netctl.cli.options.StoreOptions;
import io.netctl.cli.output.Json;
import io.netctl.cli.output.Progress;
import io.netctl.ipam.BadInputException;
import io.netctl.ipam.store.KvStore;
import io.netctl.lvs.Director;
import io.netctl.lvs.RouteChange;
import io.netctl.lvs.RouteDifference;
import io.netctl.lvs.RoutePlan;
import io.netctl.lvs.RouteTable;
import io.netctl.lvs.RouteTarget;
import io.netctl.lvs.iproute.IprouteBatch;
import io.netctl.lvs.sync.RouteSync;
import io.netctl.lvs.sync.RouteWatcher;
import io.netctl.lvs.sync.SyncReport;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code netctl lvs sync --director NAME}. */
@Command(
    name = "sync",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    description = {
      "Make a director's kernel routes follow the allocations (once, or --watch).",
      "Adds missing routes, replaces wrong ones and deletes stale ones in one 'ip -batch'; only routes with proto 76 (netctl's) are ever "
          + "changed. Idempotent. When the kernel refuses a change, the table is read again and what is in place is reported. "
          + "Warns when net.ipv4.ip_forward is 0 (--fix-sysctl sets it).",
      "With --watch it keeps running: a pass within a second of every allocation change, and a full pass every --resync; "
          + "SIGTERM stops it (exit 0).",
      "Exit 0 when the table is in sync afterwards, 1 when differences remain (foreign or unowned routes, changes the kernel refused), "
          + "3 when the table cannot be changed at all (no permission: run as root or with CAP_NET_ADMIN; ip missing)."
    },
    footer = ExitCode.FOOTER)
public final class LvsSyncCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Mixin DirectorOption target;

  @Option(names = "--dry-run", description = "Show the changes and the ip -batch lines; change nothing (exit as plan).")
  boolean dryRun;

  @Option(names = "--fix-sysctl", description = "Set net.ipv4.ip_forward=1 when it is 0 (else only warn).")
  boolean fixSysctl;

  @Option(names = "--adopt", description = "Take over routes made by hand (not netctl's) that agree with an allocation: replace them with netctl's.")
  boolean adopt;

  @Option(names = "--watch", description = "Keep running: re-sync on every allocation change (datastore watch) and every --resync.")
  boolean watch;

  @Option(names = "--resync", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
      description = "With --watch: period of the full re-sync that repairs hand edits of the table (default: ${DEFAULT-VALUE}).")
  Duration resync = Duration.ofSeconds(60);

  private final StoreOptions store;
  private final ConfigOption config;
  private final OutputOption output;
  private final GlobalOptions global;

  LvsSyncCommand(CliContext ctx, GlobalOptions global) {
    this.ctx = ctx;
    this.store = global.store();
    this.config = global.config();
    this.output = global.output();
    this.global = global;
  }

  @Override
  public Integer call() {
    if (watch && dryRun) {
      throw new BadInputException("--watch and --dry-run exclude each other");
    }
    Bounds.duration("--resync", resync, Duration.ofSeconds(1), Duration.ofHours(24));
    var cfg = config.load(ctx);
    Director d = target.director(cfg);
    RouteTable table = target.table();
    RouteSync sync = new RouteSync(RouteTarget.of(d), table, cfg.ipam().ranges(), adopt);
    if (watch) {
      return watch(sync, d);
    }
    Boolean forwarding = sysctl(table);
    SyncReport r;
    try (KvStore kv = store.open(ctx);
        Progress p = Progress.start(ctx, global.quiet(), (dryRun ? "planning" : "syncing") + " the routes of director " + d.name() + " in " + table.describe())) {
      r = sync.sync(kv, dryRun);
    }
    if (output.structured()) {
      output.print(ctx.out(), json(d, table, r, forwarding));
    } else {
      text(d, table, r);
    }
    LvsOutput.unroutable(ctx.err(), r.before());
    return (dryRun ? r.before() : r.after()).inSync() ? ExitCode.OK : ExitCode.PROBLEMS;
  }

  /** Checks (and with --fix-sysctl sets) net.ipv4.ip_forward; returns its value afterwards. */
  private Boolean sysctl(RouteTable table) {
    boolean on = table.ipForwarding();
    if (!on && fixSysctl && !dryRun) {
      table.enableIpForwarding();
      on = table.ipForwarding();
      ctx.err().println("set net.ipv4.ip_forward=1 in " + table.describe());
    } else if (!on) {
      ctx.err().println("warning: net.ipv4.ip_forward is 0 in " + table.describe()
          + ": a director must forward to reach pods (--fix-sysctl or 'sysctl -w net.ipv4.ip_forward=1' sets it)");
    }
    return on;
  }

  private void text(Director d, RouteTable table, SyncReport r) {
    RoutePlan before = r.before();
    ctx.out().println(LvsOutput.header(d, before, table));
    if (dryRun) {
      ctx.out().println("dry run: nothing is changed");
      if (!before.inSync()) {
        LvsOutput.differences(ctx.out(), before.differences(), null);
      }
      if (!before.changes().isEmpty()) {
        ctx.out().println("ip -batch lines:");
        for (String line : IprouteBatch.lines(before.changes()).split("\n")) {
          ctx.out().println("  " + line);
        }
      }
      ctx.out().println(before.inSync() ? "in sync" : "differences: " + LvsOutput.counts(before));
      return;
    }
    Map<RouteChange, String> outcome = new HashMap<>();
    r.failures().forEach(f -> outcome.put(f.change(), "REFUSED: " + f.message()));
    if (!before.inSync()) {
      LvsOutput.differences(ctx.out(), before.differences(), outcome);
    }
    RoutePlan after = r.after();
    String changed = LvsOutput.plural(r.applied(), "change") + " applied" + (r.failures().isEmpty() ? "" : ", " + r.failures().size() + " refused by the kernel");
    if (after.inSync()) {
      ctx.out().println("in sync: " + LvsOutput.plural(after.inPlace(), "route") + " of netctl's in place (" + changed + ")");
    } else {
      ctx.out().println("NOT in sync (" + changed + "); " + (r.failures().isEmpty() ? "remaining" : "table re-read, now") + ": "
          + LvsOutput.counts(after) + "; " + after.inPlace() + " of " + after.desired().size() + " routes in place");
      if (!r.failures().isEmpty()) {
        for (RouteDifference x : after.differences()) {
          if (x.change() != null) {
            ctx.out().println("  still " + x.kind().text() + " " + x.dst() + ": " + x.detail());
          }
        }
      }
    }
  }

  private ObjectNode json(Director d, RouteTable table, SyncReport r, Boolean forwarding) {
    ObjectNode o = Json.object();
    o.set("director", LvsOutput.director(d));
    o.put("where", table.describe());
    o.put("table", r.before().target().table());
    o.put("dryRun", dryRun);
    o.put("ipForward", forwarding);
    Map<RouteChange, String> refused = new HashMap<>();
    r.failures().forEach(f -> refused.put(f.change(), f.message()));
    Set<RouteChange> applied = new HashSet<>(dryRun ? Set.of() : r.before().changes());
    applied.removeAll(refused.keySet());
    o.set("differences", LvsOutput.differences(r.before().differences(), refused, applied));
    o.put("applied", r.applied());
    o.put("refused", r.failures().size());
    RoutePlan after = dryRun ? r.before() : r.after();
    o.put("inSync", after.inSync());
    o.put("inPlace", after.inPlace());
    o.put("desired", after.desired().size());
    o.set("remaining", LvsOutput.differences(dryRun ? r.before().differences() : after.differences(), null, Set.of()));
    ArrayNode ch = o.putArray(dryRun ? "changes" : "batch");
    for (String line : IprouteBatch.lines(r.before().changes()).split("\n")) {
      if (!line.isEmpty()) {
        ch.add(line);
      }
    }
    o.put("revision", r.revision());
    o.set("timings", LvsOutput.timings(r.timings()));
    return o;
  }

  /** Runs until SIGTERM (the shutdown hook stops the watcher, waits for the store to close, exits 0). */
  private int watch(RouteSync sync, Director d) {
    Logging.service();
    sysctl(sync.table());
    CountDownLatch closed = new CountDownLatch(1);
    try (KvStore kv = store.openLongRunning(ctx)) {
      RouteWatcher w = new RouteWatcher(kv, sync, resync, Duration.ofMillis(200), null);
      Thread hook = new Thread(() -> {
        w.stop();
        try {
          boolean ok = w.awaitStopped(Duration.ofSeconds(20)) && closed.await(10, TimeUnit.SECONDS);
          ctx.err().println("netctl lvs sync --watch: stopped" + (ok ? "" : " (timed out waiting for the pass in progress)"));
          ctx.err().flush();
          ctx.out().flush();
          Runtime.getRuntime().halt(ok ? ExitCode.OK : ExitCode.INTERNAL);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "lvs-watch-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      ctx.err().println("netctl lvs sync --watch: director " + d.name() + ", " + sync.table().describe() + ", table "
          + sync.target().tableName() + ", datastore " + kv.describe());
      ctx.err().flush();
      try {
        w.run();
      } finally {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
          // shutting down: the hook is running and waits for the close below
        }
      }
    } finally {
      closed.countDown();
    }
    return ExitCode.OK;
  }
}
