package io.netctl.cli;

import io.netctl.cli.agent.AgentCommand;
import io.netctl.cli.allocation.AllocateCommand;
import io.netctl.cli.allocation.PoolsCommand;
import io.netctl.cli.allocation.ReleaseCommand;
import io.netctl.cli.allocation.ShowCommand;
import io.netctl.cli.bgp.BgpCommand;
import io.netctl.cli.bgp.BmpCommand;
import io.netctl.cli.check.CheckCommand;
import io.netctl.cli.check.SnapshotCommand;
import io.netctl.cli.check.ValidateCommand;
import io.netctl.cli.controller.ControllerCommand;
import io.netctl.cli.lvs.LvsCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root of the command tree. */
@Command(
    name = "netctl",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false,
    description = {
      "Network controller and validator for a Calico/BIRD/LVS Kubernetes platform: per-host /27 pools, Calico BGP configuration, "
          + "LVS director routes, and checks that the network is exactly what the allocations and topology say."
    },
    subcommands = {
      AllocateCommand.class,
      ReleaseCommand.class,
      ShowCommand.class,
      PoolsCommand.class,
      BgpCommand.class,
      BmpCommand.class,
      LvsCommand.class,
      CheckCommand.class,
      ValidateCommand.class,
      SnapshotCommand.class,
      ControllerCommand.class,
      AgentCommand.class,
    },
    footer = ExitCode.FOOTER
        + "%nDatastore: etcd when --etcd-endpoints or $ETCD_ENDPOINTS is set, else the embedded file store.%n"
        + "Configuration: --config FILE or $NETCTL_CONFIG (netctl.yaml), else built-in defaults.%n")
public final class NetctlCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
