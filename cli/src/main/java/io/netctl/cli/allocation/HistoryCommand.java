package io.netctl.cli.allocation;

import io.netctl.cli.CliContext;
import io.netctl.cli.ExitCode;
import io.netctl.cli.options.SnapshotOption;
import io.netctl.cli.options.ConfigOption;
import io.netctl.cli.options.DurationConverter;
import io.netctl.cli.options.GlobalOptions;
import io.netctl.cli.options.OutputOption;
import io.netctl.cli.options.StoreOptions;
import io.netctl.ipam.AllocationHistory;
import io.netctl.ipam.BadInputException;
import io.netctl.ipam.HistoryCompaction;
import io.netctl.ipam.Names;
import io.netctl.ipam.RefusedException;
import io.netctl.ipam.store.KvStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code netctl history NODE|CIDR}, {@code netctl history --compact [--keep D]}. */
@Command(
    name = "history",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    description = "List who held which pool when (the spans of NODE, or of the pools in CIDR); --compact merges the entries of spans that ended longer ago than --keep into one record per pool.",
    footer = ExitCode.FOOTER)
public final class HistoryCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(index = "0", arity = "0..1", paramLabel = "NODE|CIDR", description = "A node name, or a CIDR (or address) inside the ranges.")
  String target;

  @Option(names = "--compact", description = "Merge the entries of spans that ended more than --keep ago into one span record per pool; who and history still answer for those times (what is held, and everything since, stays as entries).")
  boolean compact;

  @Option(names = "--keep", paramLabel = "DURATION", converter = DurationConverter.class, description = "With --compact: how long entries stay as they are before they are merged (default: 365d).")
  Duration keep = AllocationHistory.DEFAULT_KEEP;

  @Mixin SnapshotOption snapshot;

  private final StoreOptions store;
  private final ConfigOption config;
  private final OutputOption output;

  HistoryCommand(CliContext ctx, GlobalOptions global) {
    this.ctx = ctx;
    this.store = global.store();
    this.config = global.config();
    this.output = global.output();
  }

  @Override
  public Integer call() {
    if (compact == (target != null)) {
      throw new BadInputException("history takes NODE|CIDR, or --compact (not both, not neither)");
    }
    if (compact && snapshot.given()) {
      throw new BadInputException("--compact changes the datastore; it does not work on a --snapshot");
    }
    var cfg = config.load(ctx);
    boolean cidr = !compact && (target.contains("/") || target.chars().allMatch(c -> Character.isDigit(c) || c == '.'));
    if (!compact && !cidr) {
      Names.node(target);
    }
    var address = cidr ? HistoryOutput.addressInRanges(target, cfg.ipam()) : null;
    try (KvStore kv = snapshot.given() ? snapshot.load() : store.open(ctx)) {
      if (compact) {
        return compact(kv);
      }
      AllocationHistory h = HistoryOutput.read(kv);
      List<AllocationHistory.Span> spans = cidr ? h.ofCidr(address) : h.ofNode(target);
      if (spans.isEmpty()) {
        throw new RefusedException(RefusedException.Reason.NO_ALLOCATION, (cidr ? address.toCanonicalString() : target) + " has no allocation history");
      }
      if (output.structured()) {
        output.print(ctx.out(), HistoryOutput.json(spans));
      } else {
        HistoryOutput.table(ctx.out(), spans);
      }
    }
    return ExitCode.OK;
  }

  /** Merges what ended before now minus --keep into the pools' span records. */
  private int compact(KvStore kv) {
    java.time.Instant cutoff = ctx.clock().instant().minus(keep);
    HistoryCompaction.Result r = HistoryCompaction.run(kv, cutoff);
    ctx.out().println("history: merged " + n(r.merged(), "entry", "entries") + " (" + n(r.spans(), "span", "spans") + " that ended before " + cutoff
        + ") into the span records of " + n(r.pools(), "pool", "pools") + "; " + n(r.kept(), "entry", "entries") + " kept"
        + (r.conflicts() > 0 ? "; " + n(r.conflicts(), "pool", "pools") + " changed meanwhile, left for the next run" : "")
        + (r.unreadable().isEmpty() ? "" : "; " + n(r.unreadable().size(), "unreadable key", "unreadable keys") + " left alone"));
    return ExitCode.OK;
  }

  private static String n(int count, String one, String many) {
    return count + " " + (count == 1 ? one : many);
  }
}
