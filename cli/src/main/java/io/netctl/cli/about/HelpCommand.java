package io.netctl.cli.about;

import io.netctl.cli.CliContext;
import io.netctl.cli.CommandTree;
import io.netctl.cli.ExitCode;
import io.netctl.ipam.BadInputException;
import io.netctl.ipam.Names;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code netctl help [COMMAND...]}: the usage of netctl or of a (sub)command, as {@code --help} prints it. */
@Command(
    name = "help",
    helpCommand = true,
    description = "Print the usage of netctl or of a command: netctl help bgp plan (the same as netctl bgp plan --help).",
    footer = ExitCode.FOOTER)
public final class HelpCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "A command and its subcommands, e.g. bgp plan.")
  List<String> path = List.of();

  HelpCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    CommandLine at = spec.root().commandLine();
    StringBuilder name = new StringBuilder("netctl");
    for (String word : path) {
      CommandLine next = at.getSubcommands().get(word);
      if (next == null) {
        List<String> known = at.getParent() == null ? CommandTree.TOP.stream().map(CommandTree.Entry::name).toList()
            : List.copyOf(at.getSubcommands().keySet());
        throw new BadInputException("no command \"" + Names.printable(word) + "\" in " + name + " (commands: " + String.join(", ", known) + ")");
      }
      name.append(' ').append(word);
      at = next;
    }
    at.usage(ctx.out());
    return ExitCode.OK;
  }
}
