package io.netctl.cli.allocation;

import inet.ipaddr.IPAddress;
import io.netctl.cli.CliContext;
import io.netctl.cli.ExitCode;
import io.netctl.cli.options.SnapshotOption;
import io.netctl.cli.options.ConfigOption;
import io.netctl.cli.options.GlobalOptions;
import io.netctl.cli.options.OutputOption;
import io.netctl.cli.options.PointInTime;
import io.netctl.cli.options.StoreOptions;
import io.netctl.ipam.AllocationHistory;
import io.netctl.ipam.RefusedException;
import io.netctl.ipam.store.KvStore;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code netctl who ADDRESS|CIDR [--at TIME]}. */
@Command(
    name = "who",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    description = "Which node held the pool covering ADDRESS (or the pools in CIDR), with its host IP, at a time (now by default), from the allocation history (exit 4 when none did).",
    footer = ExitCode.FOOTER)
public final class WhoCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(index = "0", paramLabel = "ADDRESS|CIDR", description = "A pod address (10.3.240.7) or a CIDR (10.3.240.0/27) inside the ranges.")
  String target;

  @Option(names = "--at", paramLabel = "TIME", description = "When: RFC 3339 (2026-11-24T14:00:00Z), now, or relative (2h ago, 3d ago). Default: now.")
  String at = "now";

  @Mixin SnapshotOption snapshot;

  private final StoreOptions store;
  private final ConfigOption config;
  private final OutputOption output;

  WhoCommand(CliContext ctx, GlobalOptions global) {
    this.ctx = ctx;
    this.store = global.store();
    this.config = global.config();
    this.output = global.output();
  }

  @Override
  public Integer call() {
    var cfg = config.load(ctx);
    IPAddress address = HistoryOutput.addressInRanges(target, cfg.ipam());
    Instant when = PointInTime.parse("--at", at, ctx.clock().instant());
    AllocationHistory h;
    try (KvStore kv = snapshot.given() ? snapshot.load() : store.open(ctx)) {
      h = HistoryOutput.read(kv);
    }
    List<AllocationHistory.Span> held = h.ofCidr(address).stream().filter(s -> s.covers(when)).toList();
    if (held.isEmpty()) {
      throw new RefusedException(RefusedException.Reason.NO_ALLOCATION,
          "no node held " + address.toCanonicalString() + " at " + when + " (as far as the allocation history goes back)");
    }
    if (output.structured()) {
      output.print(ctx.out(), HistoryOutput.json(held));
    } else {
      for (AllocationHistory.Span s : held) {
        ctx.out().println(address.toCanonicalString() + " at " + when + ": " + s.node() + " (pool " + s.cidr().toCanonicalString() + ", host IP "
            + (s.hostIp() == null ? "-" : s.hostIp().toCanonicalString()) + ", from " + s.from() + " to " + (s.to() == null ? "now" : s.to()) + ")");
      }
    }
    return ExitCode.OK;
  }
}
