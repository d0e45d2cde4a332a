package io.netctl.cli.check;

import io.netctl.cli.CliContext;
import io.netctl.cli.options.OutputOption;
import io.netctl.cli.output.OutputFormat;
import io.netctl.cli.output.Yaml;
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
 * The report of check and validate: its format is the global {@code -o} ({@code text}, {@code json},
 * {@code yaml}, {@code junit}, {@code html}), with {@code -f/--format} as a synonym that scripts use,
 * and {@code --report-file FILE} writes it to a file instead of stdout. {@code html} is one
 * self-contained page with the pictures of the run (pool map, session graph, findings table),
 * rendered by {@link HtmlReport}.
 */
public final class ReportOptions {
  @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", converter = OutputFormat.Converter.class,
      completionCandidates = OutputFormat.Candidates.class,
      description = "The same as -o: text, json, yaml, junit (JUnit XML for CI test reports) or html (one self-contained page: "
          + "pool map, session graph, findings table; fetches nothing, for a browser or a CI artifact).")
  OutputFormat format;

  @Option(names = "--report-file", paramLabel = "FILE",
      description = "Write the report to FILE (atomically) instead of stdout; the one-line summary goes to stderr.")
  Path file;

  /** The report format: --format, else -o, else text; the two disagreeing is bad input. */
  public OutputFormat format(OutputOption output) {
    if (format != null && output.given() && format != output.format()) {
      throw new BadInputException("-o " + output.format() + " and --format " + format + " disagree (--format is another name for -o): give one");
    }
    return format != null ? format : output.format();
  }

  /** The report rendered in {@code f}; {@code pictures} is what html draws (built only for it). */
  static String render(Report report, OutputFormat f, Supplier<NetworkPicture> pictures) {
    return switch (f) {
      case html -> HtmlReport.write(pictures.get());
      case json -> JsonReport.write(report);
      case yaml -> Yaml.write(JsonReport.tree(report));
      case junit -> JunitReport.write(report);
      case text -> {
        StringWriter w = new StringWriter();
        TextReport.write(report, new PrintWriter(w, true));
        yield w.toString();
      }
    };
  }

  /**
   * Renders the report in the chosen format and writes it to stdout or --report-file.
   *
   * @param pictures what the html format draws (built only for it)
   */
  public void write(Report report, Supplier<NetworkPicture> pictures, CliContext ctx, OutputOption output) {
    emit(render(report, format(output), pictures), report, ctx);
  }

  /** Writes {@code body} to stdout, or to --report-file with the summary line on stderr. */
  void emit(String body, Report report, CliContext ctx) {
    if (file == null) {
      ctx.out().print(body);
      ctx.out().flush();
      return;
    }
    try {
      Path tmp = file.toAbsolutePath().resolveSibling("." + file.getFileName() + ".tmp");
      Files.writeString(tmp, body, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new BadInputException("cannot write the report to " + file + ": " + e.getMessage());
    }
    ctx.err().println(TextReport.summary(report) + " (report in " + file + ")");
  }

  /** Whether the report goes to a file. */
  boolean toFile() {
    return file != null;
  }
}
