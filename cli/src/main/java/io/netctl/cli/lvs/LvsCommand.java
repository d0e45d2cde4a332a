package io.netctl.cli.lvs;

import io.netctl.cli.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code netctl lvs} command group. */
@Command(
    name = "lvs",
    mixinStandardHelpOptions = true,
    description = "LVS director routes for container pools (plan, sync, coverage).",
    subcommands = {
      // each subcommand is its own class; add it here
      LvsPlanCommand.class,
      LvsSyncCommand.class,
      LvsCoverageCommand.class,
    },
    footer = ExitCode.FOOTER)
public final class LvsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
