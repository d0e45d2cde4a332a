package io.netctl.cli.about;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netctl.cli.CliContext;
import io.netctl.cli.ExitCode;
import io.netctl.cli.Version;
import io.netctl.cli.options.GlobalOptions;
import io.netctl.cli.output.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code netctl version}: what {@code --version} prints, also as JSON or YAML. */
@Command(
    name = "version",
    mixinStandardHelpOptions = true,
    description = "Print netctl's version and the Java runtime's (-o json|yaml: {\"version\", \"java\"}).",
    footer = ExitCode.FOOTER)
public final class VersionCommand implements Callable<Integer> {
  private final CliContext ctx;
  private final GlobalOptions global;

  VersionCommand(CliContext ctx, GlobalOptions global) {
    this.ctx = ctx;
    this.global = global;
  }

  @Override
  public Integer call() {
    if (global.output().structured()) {
      ObjectNode o = Json.object();
      o.put("version", Version.VERSION);
      o.put("java", Runtime.version().toString());
      global.output().print(ctx.out(), o);
    } else {
      for (String line : new Version().getVersion()) {
        ctx.out().println(line);
      }
    }
    return ExitCode.OK;
  }
}
