package io.netctl.cli.bgp;

import io.netctl.bgp.calico.BgpPlan;
import io.netctl.bgp.calico.BgpPlanner;
import io.netctl.bgp.calico.CalicoBgpState;
import io.netctl.cli.CliContext;
import io.netctl.cli.ExitCode;
import io.netctl.cli.config.NetctlConfig;
import io.netctl.cli.options.ConfigOption;
import io.netctl.cli.options.GlobalOptions;
import io.netctl.cli.options.OutputOption;
import io.netctl.cli.options.StoreOptions;
import io.netctl.cli.output.Json;
import io.netctl.ipam.BadInputException;
import io.netctl.ipam.store.KvStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code netctl bgp plan}. */
@Command(
    name = "plan",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    description = {
      "Show what 'netctl bgp apply' would change in Calico's BGP objects.",
      "A diff per object (BGPConfiguration default, one global BGPPeer per route reflector, the route reflectors' Node settings) "
          + "and whatever apply would refuse. Writes nothing. Exit 1 when something would change, 0 when in sync, 4 when apply would refuse, "
          + "2 when the plan is larger than one etcd transaction (128 changes)."
    },
    footer = ExitCode.FOOTER)
public final class BgpPlanCommand implements Callable<Integer> {
  private final CliContext ctx;

  private final StoreOptions store;
  private final ConfigOption config;
  private final OutputOption output;

  BgpPlanCommand(CliContext ctx, GlobalOptions global) {
    this.ctx = ctx;
    this.store = global.store();
    this.config = global.config();
    this.output = global.output();
  }

  static BgpPlan plan(CliContext ctx, NetctlConfig cfg, KvStore kv) {
    return BgpPlanner.plan(cfg.bgp(), cfg.ipam().ranges(), CalicoBgpState.read(kv), ctx.clock().instant());
  }

  @Override
  public Integer call() {
    NetctlConfig cfg = config.load(ctx);
    try (KvStore kv = store.open(ctx)) {
      BgpPlan plan = plan(ctx, cfg, kv);
      if (output.structured()) {
        output.print(ctx.out(), BgpPlanOutput.json(plan));
      } else {
        BgpPlanOutput.text(plan, ctx.out(), false);
        if (plan.inSync()) {
          ctx.out().println("in sync: nothing to change (" + kv.describe() + ", revision " + plan.state().revision() + ")");
        } else {
          boolean appliable = plan.refusals().isEmpty() && plan.tooLarge() == null;
          ctx.out().println(BgpPlanOutput.summary(plan) + (appliable ? "; run 'netctl bgp apply' to write them" : ""));
        }
      }
      if (plan.tooLarge() != null) {
        throw new BadInputException("bgp apply would refuse this plan: " + plan.tooLarge());
      }
      if (!plan.refusals().isEmpty()) {
        plan.refusals().forEach(r -> ctx.err().println("netctl: refused: " + r.message()));
        return ExitCode.REFUSED;
      }
      return plan.inSync() ? ExitCode.OK : ExitCode.PROBLEMS;
    }
  }
}
