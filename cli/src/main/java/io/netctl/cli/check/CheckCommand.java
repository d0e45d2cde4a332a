package io.netctl.cli.check;

import io.netctl.cli.CliContext;
import io.netctl.cli.ExitCode;
import io.netctl.cli.Version;
import io.netctl.cli.config.NetctlConfig;
import io.netctl.cli.options.SnapshotOption;
import io.netctl.cli.options.ConfigOption;
import io.netctl.cli.options.GlobalOptions;
import io.netctl.cli.options.OutputOption;
import io.netctl.cli.options.ReportFormats;
import io.netctl.cli.options.StoreOptions;
import io.netctl.cli.output.Progress;
import io.netctl.ipam.BadInputException;
import io.netctl.ipam.store.KvStore;
import io.netctl.validator.CheckKind;
import io.netctl.validator.CheckRequest;
import io.netctl.validator.Checker;
import io.netctl.validator.ClusterState;
import io.netctl.validator.Report;
import io.netctl.validator.picture.NetworkPicture;
import io.netctl.validator.report.TextReport;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code netctl check}. */
@Command(
    name = "check",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    description = {
      "Check the network against the allocations and topology; report findings.",
      "Compares what should be (allocations, Calico objects, netctl.yaml) with what is, and reports findings with stable codes. "
          + "Runs every check the flags and topology allow and says which could not run and why. "
          + "Exit 0 without error findings, 1 with, 3 when nothing it was asked to check could run (the summary then says NOT CHECKED)."
    },
    footer = ExitCode.FOOTER)
public final class CheckCommand implements Callable<Integer>, ReportFormats {
  private final CliContext ctx;

  @Option(names = "--scope", split = ",", paramLabel = "SCOPES",
      description = "Checks to run: config, sessions, routes, lvs (default: all that the flags allow).")
  List<String> scope;

  @Option(names = "--list-codes", description = "Print every finding code (code, check, severity, meaning, typical cause, fix) as a Markdown table and exit.")
  boolean listCodes;

  @Mixin ObservationOptions observe;
  @Mixin ReportOptions report;
  @Mixin SnapshotOption snapshot;
  private final StoreOptions store;
  private final ConfigOption config;
  private final OutputOption output;
  private final GlobalOptions global;

  CheckCommand(CliContext ctx, GlobalOptions global) {
    this.ctx = ctx;
    this.store = global.store();
    this.config = global.config();
    this.output = global.output();
    this.global = global;
  }

  @Override
  public Integer call() {
    if (listCodes) {
      ctx.out().print(codesTable());
      return ExitCode.OK;
    }
    Set<CheckKind> scopes = scopes();
    report.format(output);
    NetctlConfig cfg = config.load(ctx);
    observe.validate(cfg);
    ClusterState state;
    try (KvStore kv = snapshot.given() ? snapshot.load() : store.open(ctx)) {
      state = ClusterState.read(kv);
    }
    CheckRequest.Builder request = CheckRequest.builder(scopes, ctx.clock().instant()).state(state);
    observe.addTo(request, ctx, cfg);
    Checker.Result result;
    String waits = observe.waitsFor(cfg);
    try (Progress p = Progress.start(ctx, global.quiet() || waits.isEmpty(), "waiting for " + waits)) {
      result = new Checker(cfg.intent()).run(request.build());
    }
    Report r = result.report();
    report.write(r, () -> NetworkPicture.of(cfg.intent(), state, result, ctx.clock().instant(), Version.VERSION, TextReport.summary(r)), ctx, output);
    if (r.nothingRan()) {
      ctx.err().println("netctl: nothing could be checked: " + String.join("; ",
          r.checks().stream().map(c -> c.name() + ": " + c.reason()).toList()));
      return ExitCode.UNREACHABLE;
    }
    return r.hasErrors() ? ExitCode.PROBLEMS : ExitCode.OK;
  }

  /** The findings table of the README, generated from {@link io.netctl.validator.Code}. */
  static String codesTable() {
    StringBuilder b = new StringBuilder("| code | check | severity | meaning | typical cause | fix |\n|---|---|---|---|---|---|\n");
    for (io.netctl.validator.Code c : io.netctl.validator.Code.values()) {
      b.append("| `").append(c.id()).append("` | ").append(c.check().scopeName()).append(" | ")
          .append(c.severity().name().toLowerCase(Locale.ROOT)).append(" | ").append(c.meaning().replace("|", "\\|")).append(" | ")
          .append(c.cause().replace("|", "\\|")).append(" | ").append(c.hint().replace("|", "\\|")).append(" |\n");
    }
    return b.toString();
  }

  private Set<CheckKind> scopes() {
    if (scope == null || scope.isEmpty()) {
      return EnumSet.allOf(CheckKind.class);
    }
    Set<CheckKind> s = EnumSet.noneOf(CheckKind.class);
    for (String x : scope) {
      try {
        s.add(CheckKind.valueOf(x.strip().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new BadInputException("unknown scope \"" + x + "\": use config, sessions, routes, lvs");
      }
    }
    return s;
  }
}
