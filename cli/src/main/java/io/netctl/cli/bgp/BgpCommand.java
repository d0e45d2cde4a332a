package io.netctl.cli.bgp;

import io.netctl.cli.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code netctl bgp} command group. */
@Command(
    name = "bgp",
    mixinStandardHelpOptions = true,
    description = "BGP: Calico BGP configuration (plan, apply, show, render-rr) and the route monitor (routes, watch).",
    subcommands = {
      // each subcommand is its own class; add it here
      BgpPlanCommand.class,
      BgpApplyCommand.class,
      BgpShowCommand.class,
      BgpRenderRrCommand.class,
      BgpRoutesCommand.class,
      BgpWatchCommand.class,
    },
    footer = ExitCode.FOOTER)
public final class BgpCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
