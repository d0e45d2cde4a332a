package io.netctl.cli.check;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netctl.cli.CliContext;
import io.netctl.cli.ExitCode;
import io.netctl.cli.Version;
import io.netctl.cli.config.ChangeFileLoader;
import io.netctl.cli.config.NetctlConfig;
import io.netctl.cli.options.ConfigOption;
import io.netctl.cli.options.StoreOptions;
import io.netctl.cli.output.Json;
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
public final class ValidateCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = "--change", required = true, paramLabel = "FILE", description = "The change file (YAML).")
  Path change;

  @Mixin ReportOptions report;
  @Mixin SnapshotOption snapshot;
  @Mixin StoreOptions store;
  @Mixin ConfigOption config;

  ValidateCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
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
    Validation.Outcome o = Validation.run(working,
        new Validation.Topology(cfg.ipam(), cfg.bgp(), cfg.directors(), cfg.monitors()), changes, ctx.clock());
    switch (report.format()) {
      case json -> {
        ObjectNode root = Json.object();
        ArrayNode plan = root.putArray("plan");
        o.plan().forEach(plan::add);
        ArrayNode pending = root.putArray("pendingBefore");
        o.pending().forEach(pending::add);
        root.set("report", JsonReport.tree(o.report()));
        ctx.out().println(Json.write(root));
      }
      case junit -> report.write(o.report(), ctx);
      case html -> report.write(o.report(), () -> NetworkPicture.of(
          new Intent(o.after().ipam(), o.after().bgp(), o.after().directors(), o.after().monitors()), ClusterState.read(working),
          new Checker.Result(o.report(), List.of(), null, null, Checker.Observed.NONE), ctx.clock().instant(), Version.VERSION,
          TextReport.summary(o.report())), ctx);
      case text -> {
        ctx.out().println("plan (" + changes.size() + " change" + (changes.size() == 1 ? "" : "s") + " from " + change + "):");
        if (o.plan().isEmpty()) {
          ctx.out().println("  nothing would change");
        }
        o.plan().forEach(l -> ctx.out().println("  " + l));
        if (!o.pending().isEmpty()) {
          ctx.out().println("pending before the change (netctl bgp plan; not the change's doing):");
          o.pending().forEach(l -> ctx.out().println("  " + l));
        }
        ctx.out().println();
        report.write(o.report(), ctx);
      }
    }
    if (report.format() == ReportOptions.Format.json) {
      ctx.err().println(TextReport.summary(o.report()));
    }
    return o.report().hasErrors() ? ExitCode.PROBLEMS : ExitCode.OK;
  }
}
