package io.netctl.cli.check;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netctl.cli.CliContext;
import io.netctl.cli.ExitCode;
import io.netctl.cli.Version;
import io.netctl.cli.config.ChangeFileLoader;
import io.netctl.cli.config.NetctlConfig;
import io.netctl.cli.options.SnapshotOption;
import io.netctl.cli.options.ConfigOption;
import io.netctl.cli.options.GlobalOptions;
import io.netctl.cli.options.OutputOption;
import io.netctl.cli.options.ReportFormats;
import io.netctl.cli.options.StoreOptions;
import io.netctl.cli.output.Json;
import io.netctl.cli.output.OutputFormat;
import io.netctl.cli.output.Progress;
import io.netctl.cli.output.Yaml;
import io.netctl.ipam.store.KvStore;
import io.netctl.ipam.store.MemoryStore;
import io.netctl.ipam.store.Snapshot;
import io.netctl.validator.ClusterState;
import io.netctl.validator.change.Change;
import io.netctl.validator.change.Validation;
import io.netctl.validator.Checker;
import io.netctl.validator.Intent;
import io.netctl.validator.picture.NetworkPicture;
import io.netctl.validator.report.JsonReport;
import io.netctl.validator.report.HtmlReport;
import io.netctl.validator.report.TextReport;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code netctl validate --change change.yaml}. */
@Command(
    name = "validate",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    description = {
      "Validate a proposed network change before it is applied (for CI).",
      "Carries a change file out on an in-memory copy of the state (from --snapshot or the live datastore, which is never written), "
          + "prints the Calico and director route changes it causes, and runs the configuration checks on the result. "
          + "What bgp apply would write already before the change is listed apart. "
          + "Exit 1 on any error finding, so a CI job fails before a broken change merges.",
      "",
      "A change file is UTF-8 YAML of at most 1 MiB and 10,000 changes: changes: [ {allocate: {node, hostIp}}, {release: {node}}, "
          + "{addRouteReflector: {name, ip, clusterId}}, {removeRouteReflector: {name}}, {addDirector: {name, ip}}, {removeDirector: {name}}, "
          + "{setAsNumber: N}, {setRanges: [cidr, ...]} ]."
    },
    footer = ExitCode.FOOTER)
public final class ValidateCommand implements Callable<Integer>, ReportFormats {
  private final CliContext ctx;

  @Option(names = "--change", required = true, paramLabel = "FILE", description = "The change file (YAML).")
  Path change;

  @Mixin ReportOptions report;
  @Mixin SnapshotOption snapshot;
  private final StoreOptions store;
  private final ConfigOption config;
  private final OutputOption output;
  private final GlobalOptions global;

  ValidateCommand(CliContext ctx, GlobalOptions global) {
    this.ctx = ctx;
    this.store = global.store();
    this.config = global.config();
    this.output = global.output();
    this.global = global;
  }

  @Override
  public Integer call() {
    OutputFormat format = report.format(output);
    List<Change> changes = ChangeFileLoader.load(change);
    NetctlConfig cfg = config.load(ctx);
    MemoryStore working;
    if (snapshot.given()) {
      working = (MemoryStore) snapshot.load();
    } else {
      try (KvStore live = store.open(ctx)) {
        working = Snapshot.take(live, ClusterState.PREFIXES).toStore();
      }
    }
    Validation.Outcome o;
    try (Progress p = Progress.start(ctx, global.quiet(), "validating " + changes.size() + " change" + (changes.size() == 1 ? "" : "s") + " from " + change)) {
      o = Validation.run(working, new Validation.Topology(cfg.ipam(), cfg.bgp(), cfg.directors(), cfg.monitors()), changes, ctx.clock());
    }
    String body = switch (format) {
      case json, yaml -> {
        ObjectNode root = Json.object();
        ArrayNode plan = root.putArray("plan");
        o.plan().forEach(plan::add);
        ArrayNode pending = root.putArray("pendingBefore");
        o.pending().forEach(pending::add);
        root.set("report", JsonReport.tree(o.report()));
        yield format == OutputFormat.json ? Json.write(root) + "\n" : Yaml.write(root);
      }
      case junit -> ReportOptions.render(o.report(), format, null);
      case html -> HtmlReport.write(NetworkPicture.of(
          new Intent(o.after().ipam(), o.after().bgp(), o.after().directors(), o.after().monitors()), ClusterState.read(working),
          new Checker.Result(o.report(), List.of(), null, null, Checker.Observed.NONE), ctx.clock().instant(), Version.VERSION,
          TextReport.summary(o.report())));
      case text -> {
        StringBuilder b = new StringBuilder("plan (" + changes.size() + " change" + (changes.size() == 1 ? "" : "s") + " from " + change + "):\n");
        if (o.plan().isEmpty()) {
          b.append("  nothing would change\n");
        }
        o.plan().forEach(l -> b.append("  ").append(l).append('\n'));
        if (!o.pending().isEmpty()) {
          b.append("pending before the change (netctl bgp plan; not the change's doing):\n");
          o.pending().forEach(l -> b.append("  ").append(l).append('\n'));
        }
        yield b.append('\n').append(ReportOptions.render(o.report(), format, null)).toString();
      }
    };
    report.emit(body, o.report(), ctx);
    if ((format == OutputFormat.json || format == OutputFormat.yaml) && !report.toFile()) {
      ctx.err().println(TextReport.summary(o.report()));
    }
    return o.report().hasErrors() ? ExitCode.PROBLEMS : ExitCode.OK;
  }
}
