package io.netctl.cli.bgp;

import io.netctl.cli.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code netctl bmp} command group. */
@Command(
    name = "bmp",
    mixinStandardHelpOptions = true,
    description = "BMP (RFC 7854) collector.",
    subcommands = {
      // each subcommand is its own class; add it here
      BmpListenCommand.class,
    },
    footer = ExitCode.FOOTER)
public final class BmpCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
