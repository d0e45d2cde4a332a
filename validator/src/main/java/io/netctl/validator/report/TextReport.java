package io.netctl.validator.report;

import io.netctl.validator.CheckKind;
import io.netctl.validator.Finding;
import io.netctl.validator.Report;
import io.netctl.validator.Severity;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * A report for people: grouped by check, errors first, each finding on a few short lines, checks
 * that could not run with the reason, and a one-line summary at the end.
 */
public final class TextReport {
  private TextReport() {}

  public static void write(Report report, PrintWriter out) {
    for (CheckKind kind : CheckKind.values()) {
      List<Finding> fs = report.findings().stream().filter(f -> f.check() == kind).toList();
      List<Report.CheckRun> runs = report.checks().stream().filter(c -> c.kind() == kind).toList();
      if (fs.isEmpty() && runs.isEmpty()) {
        continue;
      }
      out.println("== " + kind.scopeName() + " " + "=".repeat(Math.max(3, 60 - kind.scopeName().length())));
      for (Report.CheckRun r : runs) {
        if (!r.ran()) {
          out.println("  not run: " + r.name() + ": " + r.reason());
        }
      }
      for (Finding f : fs) {
        out.println("  " + f.severity().name().toLowerCase(Locale.ROOT) + " " + f.code().id() + "  " + f.subject());
        if (!f.expected().isEmpty()) {
          out.println("      expected: " + f.expected());
        }
        if (!f.observed().isEmpty()) {
          out.println("      observed: " + f.observed());
        }
        out.println("      fix:      " + f.hint());
      }
      long ran = runs.stream().filter(Report.CheckRun::ran).count();
      if (fs.isEmpty() && ran > 0) {
        out.println("  ok (" + runs.stream().filter(Report.CheckRun::ran).mapToInt(r -> r.subjects().size()).sum() + " subjects)");
      }
    }
    out.println(summary(report));
  }

  /**
   * {@code FAIL: 2 errors, 1 warning; 3 checks ran, 1 not run}: {@code FAIL} with error findings,
   * {@code NOT CHECKED} when no check could run (never {@code OK} then), else {@code OK}.
   */
  public static String summary(Report report) {
    long e = report.count(Severity.ERROR);
    long w = report.count(Severity.WARNING);
    long i = report.count(Severity.INFO);
    long ran = report.checks().stream().filter(Report.CheckRun::ran).count();
    long notRun = report.checks().size() - ran;
    String verdict = e > 0 ? "FAIL" : ran == 0 ? "NOT CHECKED" : "OK";
    return verdict + ": " + plural(e, "error") + ", " + plural(w, "warning") + (i > 0 ? ", " + plural(i, "note") : "")
        + "; " + plural(ran, "check") + " ran" + (notRun > 0 ? ", " + notRun + " not run" : "");
  }

  private static String plural(long n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }
}
