package io.netctl.cli.bgp;

import io.netctl.bgp.calico.BgpPlan;
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

/** {@code netctl bgp apply}. */
@Command(
    name = "apply",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    description = {
      "Write Calico's BGP configuration from netctl.yaml in one transaction.",
      "What 'netctl bgp plan' shows, with calicoctl's semantics: create only if absent, update only if unchanged since read, "
          + "uid and creationTimestamp kept. Deletes only BGPPeers netctl created. Refuses (exit 4, nothing written) a broken "
          + "result, or when anything changed concurrently: then re-run. "
          + "A plan of more than 128 changes (etcd's limit for one transaction) is refused with exit 2 before anything is written."
    },
    footer = ExitCode.FOOTER)
public final class BgpApplyCommand implements Callable<Integer> {
  private final CliContext ctx;

  private final StoreOptions store;
  private final ConfigOption config;
  private final OutputOption output;

  BgpApplyCommand(CliContext ctx, GlobalOptions global) {
    this.ctx = ctx;
    this.store = global.store();
    this.config = global.config();
    this.output = global.output();
  }

  @Override
  public Integer call() {
    NetctlConfig cfg = config.load(ctx);
    try (KvStore kv = store.open(ctx)) {
      BgpPlan plan = BgpPlanCommand.plan(ctx, cfg, kv);
      if (plan.tooLarge() != null) {
        throw new BadInputException(plan.tooLarge());
      }
      if (!plan.refusals().isEmpty()) {
        plan.refusals().forEach(r -> ctx.err().println("netctl: refused: " + r.message()));
        return ExitCode.REFUSED;
      }
      long revision = plan.apply(kv);
      if (output.structured()) {
        var o = BgpPlanOutput.json(plan);
        o.put("applied", !plan.inSync());
        o.put("appliedRevision", revision);
        output.print(ctx.out(), o);
      } else if (plan.inSync()) {
        plan.notes().forEach(n -> ctx.out().println("note: " + n));
        ctx.out().println("in sync: nothing to change (" + kv.describe() + ", revision " + revision + ")");
      } else {
        BgpPlanOutput.text(plan, ctx.out(), true);
        ctx.out().println("applied " + BgpPlanOutput.summary(plan) + " at revision " + revision);
      }
      return ExitCode.OK;
    }
  }
}
