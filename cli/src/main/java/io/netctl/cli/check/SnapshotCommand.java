package io.netctl.cli.check;

import io.netctl.cli.CliContext;
import io.netctl.cli.ExitCode;
import io.netctl.cli.options.GlobalOptions;
import io.netctl.cli.options.OutputOption;
import io.netctl.cli.options.StoreOptions;
import io.netctl.cli.output.OutputFormat;
import io.netctl.ipam.BadInputException;
import io.netctl.ipam.store.KvStore;
import io.netctl.ipam.store.Snapshot;
import io.netctl.validator.ClusterState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code netctl snapshot export}. */
@Command(
    name = "snapshot",
    mixinStandardHelpOptions = true,
    description = "Snapshots of the datastore's netctl and Calico keys, for offline check and validate.",
    subcommands = {SnapshotCommand.Export.class},
    footer = ExitCode.FOOTER)
public final class SnapshotCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code netctl snapshot export > state.json}, or {@code --file state.json}. */
  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description = {
        "Print the datastore's netctl keys and Calico's objects at one revision, as one JSON document.",
        "The snapshot holds netctl's records and Calico's IPPools, BGPPeers, BGPConfigurations, Nodes, IPAM blocks and block affinities, "
            + "read at one revision, to stdout or (written atomically) to --file. "
            + "Take it with 'netctl snapshot export > state.json' or 'netctl snapshot export --file state.json', then use it with "
            + "'netctl check --snapshot state.json' or 'netctl validate --change c.yaml --snapshot state.json'.",
        "The document is JSON (what --snapshot reads) with -o text or json; -o yaml is refused."
      },
      footer = ExitCode.FOOTER)
  static final class Export implements Callable<Integer> {
    private final CliContext ctx;

    @Option(names = "--file", paramLabel = "FILE", description = "Write the snapshot to FILE (atomically: a temporary file renamed) instead of stdout.")
    Path file;

    private final StoreOptions store;
    private final OutputOption output;

    Export(CliContext ctx, GlobalOptions global) {
      this.ctx = ctx;
      this.store = global.store();
      this.output = global.output();
    }

    @Override
    public Integer call() {
      if (output.format() == OutputFormat.yaml) {
        throw new BadInputException("snapshot export writes JSON, the format --snapshot reads: use -o json (or no -o)");
      }
      String json;
      String where;
      try (KvStore kv = store.open(ctx)) {
        json = Snapshot.take(kv, ClusterState.PREFIXES).toJson();
        where = kv.describe();
      }
      if (file == null) {
        ctx.out().print(json);
        ctx.out().flush();
        return ExitCode.OK;
      }
      Path tmp = file.toAbsolutePath().resolveSibling("." + file.getFileName() + ".tmp");
      try {
        Files.writeString(tmp, json, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the message below names the real failure
        }
        throw new BadInputException("cannot write the snapshot to " + file + ": " + e.getMessage());
      }
      ctx.err().println("snapshot of " + where + " written to " + file);
      return ExitCode.OK;
    }
  }
}
