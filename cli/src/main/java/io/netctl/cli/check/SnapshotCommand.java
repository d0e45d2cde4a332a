package io.netctl.cli.check;

import io.netctl.cli.CliContext;
import io.netctl.cli.ExitCode;
import io.netctl.cli.options.StoreOptions;
import io.netctl.ipam.store.KvStore;
import io.netctl.ipam.store.Snapshot;
import io.netctl.validator.ClusterState;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
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

  /** {@code netctl snapshot export > state.json}. */
  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description = {
        "Print the datastore's netctl keys and Calico's objects at one revision, as one JSON document.",
        "The snapshot holds netctl's records and Calico's IPPools, BGPPeers, BGPConfigurations, Nodes, IPAM blocks and block affinities. "
            + "Take it with 'netctl snapshot export > state.json', then use it with 'netctl check --snapshot state.json' "
            + "or 'netctl validate --change c.yaml --snapshot state.json'."
      },
      footer = ExitCode.FOOTER)
  static final class Export implements Callable<Integer> {
    private final CliContext ctx;

    @Mixin StoreOptions store;

    Export(CliContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public Integer call() {
      try (KvStore kv = store.open(ctx)) {
        ctx.out().print(Snapshot.take(kv, ClusterState.PREFIXES).toJson());
        ctx.out().flush();
      }
      return ExitCode.OK;
    }
  }
}
