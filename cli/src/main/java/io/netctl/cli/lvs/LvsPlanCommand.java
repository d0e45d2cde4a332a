package io.netctl.cli.lvs;

import io.netctl.cli.CliContext;
import io.netctl.cli.ExitCode;
import io.netctl.cli.options.ConfigOption;
import io.netctl.cli.options.GlobalOptions;
import io.netctl.cli.options.OutputOption;
import io.netctl.cli.options.StoreOptions;
import io.netctl.cli.output.Json;
import io.netctl.ipam.store.KvStore;
import io.netctl.lvs.Director;
import io.netctl.lvs.RoutePlan;
import io.netctl.lvs.RouteTable;
import io.netctl.lvs.RouteTarget;
import io.netctl.lvs.sync.RouteSync;
import io.netctl.lvs.sync.SyncReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code netctl lvs plan --director NAME}. */
@Command(
    name = "plan",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    description = {
      "Show how a director's kernel routes differ from the allocations (exit 1 when they do).",
      "Every pool with a host IP wants <pool> via <hostIp> (proto 76, netctl's); a pool whose host IP is the director's own gets none. "
          + "Lists missing, wrong-next-hop and stale routes of netctl's and what sync would do about each, foreign routes (not netctl's, "
          + "contradicting an allocation: reported, never changed) and unowned ones (made by hand, agreeing: sync --adopt takes them over). "
          + "Changes nothing. Exit 1 when the kernel differs, 0 when in sync."
    },
    footer = ExitCode.FOOTER)
public final class LvsPlanCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Mixin DirectorOption target;

  @Option(names = "--adopt", description = "Plan as sync --adopt would: take over routes made by hand that agree with an allocation.")
  boolean adopt;

  private final StoreOptions store;
  private final ConfigOption config;
  private final OutputOption output;

  LvsPlanCommand(CliContext ctx, GlobalOptions global) {
    this.ctx = ctx;
    this.store = global.store();
    this.config = global.config();
    this.output = global.output();
  }

  @Override
  public Integer call() {
    var cfg = config.load(ctx);
    Director d = target.director(cfg);
    RouteTable table = target.table();
    RouteSync sync = new RouteSync(RouteTarget.of(d), table, cfg.ipam().ranges(), adopt);
    SyncReport r;
    try (KvStore kv = store.open(ctx)) {
      r = sync.sync(kv, true);
    }
    RoutePlan p = r.before();
    if (output.structured()) {
      var o = LvsOutput.plan(d, p, table);
      o.set("timings", LvsOutput.timings(r.timings()));
      output.print(ctx.out(), o);
    } else {
      ctx.out().println(LvsOutput.header(d, p, table));
      ctx.out().println(LvsOutput.plural(p.desired().size(), "pool") + " with a host IP; " + p.inPlace() + " of netctl's routes in place");
      if (!p.inSync()) {
        LvsOutput.differences(ctx.out(), p.differences(), null);
        int n = p.changes().size();
        ctx.out().println("differences: " + LvsOutput.counts(p) + (n == 0 ? "; nothing sync can change"
            : "; 'netctl lvs sync --director " + d.name() + (adopt ? " --adopt" : "") + "' applies " + LvsOutput.plural(n, "change")));
      } else {
        ctx.out().println("in sync");
      }
    }
    LvsOutput.unroutable(ctx.err(), p);
    return p.inSync() ? ExitCode.OK : ExitCode.PROBLEMS;
  }
}
