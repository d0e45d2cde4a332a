package io.netctl.cli.options;

import io.netctl.cli.output.OutputFormat;
import picocli.CommandLine.Option;

/** {@code --output text|json}, shared by every read command. */
public final class OutputOption {
  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  OutputFormat format = OutputFormat.text;

  public OutputFormat format() {
    return format;
  }

  public boolean json() {
    return format == OutputFormat.json;
  }
}
