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
import io.netctl.ipam.Names;
import io.netctl.ipam.NetctlKeys;
import io.netctl.ipam.RefusedException;
import io.netctl.ipam.store.KeyValue;
import io.netctl.ipam.store.KvStore;
import io.netctl.ipam.store.Txn;
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
    description = "List who held which pool when (the spans of NODE, or of the pools in CIDR); --compact deletes spans that ended longer ago than --keep.",
    footer = ExitCode.FOOTER)
public final class HistoryCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(index = "0", arity = "0..1", paramLabel = "NODE|CIDR", description = "A node name, or a CIDR (or address) inside the ranges.")
  String target;

  @Option(names = "--compact", description = "Delete the entries of spans that ended more than --keep ago (what is held, and everything since, stays).")
  boolean compact;

  @Option(names = "--keep", paramLabel = "DURATION", converter = DurationConverter.class, description = "With --compact: how much history to keep (default: 365d).")
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

  /** Deletes, in transactions of at most {@link Txn#MAX_OPS} guarded deletes, what compaction drops. */
  private int compact(KvStore kv) {
    List<KeyValue> all = kv.range(NetctlKeys.HISTORY).kvs();
    java.util.Set<String> drop = new java.util.HashSet<>(AllocationHistory.compaction(all, ctx.clock().instant().minus(keep)));
    List<KeyValue> doomed = all.stream().filter(e -> drop.contains(e.key())).toList();
    int deleted = 0;
    for (int i = 0; i < doomed.size(); i += Txn.MAX_OPS) {
      Txn.Builder t = Txn.builder();
      doomed.subList(i, Math.min(doomed.size(), i + Txn.MAX_OPS)).forEach(t::delete);
      if (kv.commit(t.build()).succeeded()) {
        deleted += Math.min(Txn.MAX_OPS, doomed.size() - i);
      }
    }
    ctx.out().println("history: " + deleted + " entries of spans that ended before " + ctx.clock().instant().minus(keep) + " deleted; "
        + (all.size() - deleted) + " kept");
    return ExitCode.OK;
  }
}
