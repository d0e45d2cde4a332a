package io.netctl.cli.check;

import io.netctl.cli.CliContext;
import io.netctl.ipam.BadInputException;
import io.netctl.validator.Report;
import io.netctl.validator.report.JsonReport;
import io.netctl.validator.report.JunitReport;
import io.netctl.validator.report.TextReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import picocli.CommandLine.Option;

/** {@code --format text|json|junit} and {@code --output FILE} of check and validate. */
public final class ReportOptions {
  /** Report formats. */
  public enum Format {
    text,
    json,
    junit
  }

  @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
      description = "Report format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); junit is JUnit XML for CI test reports.")
  Format format = Format.text;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of stdout (the one-line summary still goes to stderr).")
  Path output;

  public Format format() {
    return format;
  }

  /** Renders and writes the report; with --output, the summary line also goes to stderr. */
  public void write(Report report, CliContext ctx) {
    String body = switch (format) {
      case json -> JsonReport.write(report);
      case junit -> JunitReport.write(report);
      case text -> {
        StringWriter w = new StringWriter();
        TextReport.write(report, new PrintWriter(w, true));
        yield w.toString();
      }
    };
    if (output == null) {
      ctx.out().print(body);
      ctx.out().flush();
      return;
    }
    try {
      Path tmp = output.toAbsolutePath().resolveSibling("." + output.getFileName() + ".tmp");
      Files.writeString(tmp, body, StandardCharsets.UTF_8);
      Files.move(tmp, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new BadInputException("cannot write report to " + output + ": " + e.getMessage());
    }
    ctx.err().println(TextReport.summary(report) + " (report in " + output + ")");
  }
}
