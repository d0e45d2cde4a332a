package io.netctl.cli.check;

import io.netctl.cli.CliContext;
import io.netctl.ipam.BadInputException;
import io.netctl.validator.Report;
import io.netctl.validator.picture.NetworkPicture;
import io.netctl.validator.report.HtmlReport;
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
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/**
 * {@code --format text|json|junit|html} and {@code --output FILE} of check and validate. {@code
 * html} is one self-contained page with the pictures of the run (pool map, session graph,
 * findings table), rendered by {@link HtmlReport}.
 */
public final class ReportOptions {
  /** Report formats. */
  public enum Format {
    text,
    json,
    junit,
    html
  }

  @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
      description = "Report format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); junit is JUnit XML for CI test reports; "
          + "html is one self-contained page (pool map, session graph, findings table) that fetches nothing, for a browser or a CI artifact.")
  Format format = Format.text;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of stdout (the one-line summary still goes to stderr).")
  Path output;

  public Format format() {
    return format;
  }

  /** Renders and writes the report (text, json or junit); with --output, the summary line also goes to stderr. */
  public void write(Report report, CliContext ctx) {
    write(report, null, ctx);
  }

  /**
   * Renders and writes the report; with --output, the summary line also goes to stderr.
   *
   * @param pictures what the html format draws (built only for it)
   */
  public void write(Report report, Supplier<NetworkPicture> pictures, CliContext ctx) {
    String body = switch (format) {
      case html -> HtmlReport.write(pictures.get());
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
