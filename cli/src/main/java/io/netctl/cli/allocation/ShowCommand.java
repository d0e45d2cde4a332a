package io.netctl.cli.allocation;

import io.netctl.cli.CliContext;
import io.netctl.cli.ExitCode;
import io.netctl.cli.options.ConfigOption;
import io.netctl.cli.options.GlobalOptions;
import io.netctl.cli.options.OutputOption;
import io.netctl.cli.options.StoreOptions;
import io.netctl.cli.output.Json;
import io.netctl.ipam.Allocation;
import io.netctl.ipam.Allocator;
import io.netctl.ipam.Names;
import io.netctl.ipam.RefusedException;
import io.netctl.ipam.store.KvStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code netctl show NODE}. */
@Command(
    name = "show",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    description = "Show NODE's allocation (exit 4 when it has none).",
    footer = ExitCode.FOOTER)
public final class ShowCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(index = "0", paramLabel = "NODE", description = "Kubernetes node name.")
  String node;

  private final StoreOptions store;
  private final ConfigOption config;
  private final OutputOption output;

  ShowCommand(CliContext ctx, GlobalOptions global) {
    this.ctx = ctx;
    this.store = global.store();
    this.config = global.config();
    this.output = global.output();
  }

  @Override
  public Integer call() {
    Names.node(node);
    var cfg = config.load(ctx);
    try (KvStore kv = store.open(ctx)) {
      Allocation a = new Allocator(kv, cfg.ipam(), ctx.clock()).show(node)
          .orElseThrow(() -> new RefusedException(RefusedException.Reason.NO_ALLOCATION, node + " has no allocation"));
      if (output.structured()) {
        output.print(ctx.out(), Json.allocation(a));
      } else {
        ctx.out().println("node:      " + a.node());
        ctx.out().println("cidr:      " + a.cidrText());
        ctx.out().println("hostIp:    " + (a.hostIp() == null ? "-" : a.hostIpText()));
        ctx.out().println("createdAt: " + a.createdAt());
        ctx.out().println("updatedAt: " + a.updatedAt());
      }
    }
    return ExitCode.OK;
  }
}
