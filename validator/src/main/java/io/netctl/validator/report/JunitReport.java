package io.netctl.validator.report;

import io.netctl.validator.CheckKind;
import io.netctl.validator.Finding;
import io.netctl.validator.Report;
import io.netctl.validator.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * JUnit XML as CI systems read it (the Ant/Jenkins schema): one {@code <testsuite>} per check,
 * one {@code <testcase>} per subject a check examined, a {@code <failure>} per error finding,
 * warnings in {@code <system-out>} (they do not fail the build), and checks that could not run as
 * {@code <skipped>} test cases with the reason.
 */
public final class JunitReport {
  private JunitReport() {}

  public static String write(Report report) {
    StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    List<Suite> suites = suites(report);
    int tests = suites.stream().mapToInt(s -> s.cases.size()).sum();
    long failures = suites.stream().flatMap(s -> s.cases.values().stream()).filter(c -> !c.errors.isEmpty()).count();
    long skipped = suites.stream().flatMap(s -> s.cases.values().stream()).filter(c -> c.skipped != null).count();
    x.append("<testsuites name=\"netctl check\" tests=\"").append(tests).append("\" failures=\"").append(failures)
        .append("\" errors=\"0\" skipped=\"").append(skipped).append("\">\n");
    for (Suite s : suites) {
      long f = s.cases.values().stream().filter(c -> !c.errors.isEmpty()).count();
      long sk = s.cases.values().stream().filter(c -> c.skipped != null).count();
      x.append("  <testsuite name=\"").append(esc(s.name)).append("\" tests=\"").append(s.cases.size())
          .append("\" failures=\"").append(f).append("\" errors=\"0\" skipped=\"").append(sk).append("\" time=\"0\">\n");
      for (Case c : s.cases.values()) {
        x.append("    <testcase classname=\"netctl.").append(esc(s.name)).append("\" name=\"").append(esc(c.name)).append("\" time=\"0\"");
        if (c.errors.isEmpty() && c.warnings.isEmpty() && c.skipped == null) {
          x.append("/>\n");
          continue;
        }
        x.append(">\n");
        if (c.skipped != null) {
          x.append("      <skipped message=\"").append(esc(c.skipped)).append("\"/>\n");
        }
        for (Finding e : c.errors) {
          x.append("      <failure type=\"").append(e.code().id()).append("\" message=\"").append(esc(e.code().id() + ": " + e.code().meaning()))
              .append("\">").append(esc(detail(e))).append("</failure>\n");
        }
        if (!c.warnings.isEmpty()) {
          x.append("      <system-out>");
          for (Finding w : c.warnings) {
            x.append(esc(w.severity().name().toLowerCase(Locale.ROOT) + " " + w.code().id() + ": " + detail(w))).append('\n');
          }
          x.append("</system-out>\n");
        }
        x.append("    </testcase>\n");
      }
      x.append("  </testsuite>\n");
    }
    x.append("</testsuites>\n");
    return x.toString();
  }

  private static String detail(Finding f) {
    return "subject: " + f.subject() + "; expected: " + f.expected() + "; observed: " + f.observed() + "; fix: " + f.hint();
  }

  private static final class Suite {
    final String name;
    final Map<String, Case> cases = new LinkedHashMap<>();

    Suite(String name) {
      this.name = name;
    }

    Case at(String subject) {
      return cases.computeIfAbsent(subject, Case::new);
    }
  }

  private static final class Case {
    final String name;
    final List<Finding> errors = new ArrayList<>();
    final List<Finding> warnings = new ArrayList<>();
    String skipped;

    Case(String name) {
      this.name = name;
    }
  }

  private static List<Suite> suites(Report report) {
    Map<CheckKind, Suite> byKind = new LinkedHashMap<>();
    for (Report.CheckRun r : report.checks()) {
      Suite s = byKind.computeIfAbsent(r.kind(), k -> new Suite(k.scopeName()));
      if (!r.ran()) {
        s.at(r.name()).skipped = r.reason();
      }
      for (String subject : r.subjects()) {
        s.at(subject);
      }
    }
    for (Finding f : report.findings()) {
      Case c = byKind.computeIfAbsent(f.check(), k -> new Suite(k.scopeName())).at(f.subject());
      if (f.severity() == Severity.ERROR) {
        c.errors.add(f);
      } else {
        c.warnings.add(f);
      }
    }
    return new ArrayList<>(byKind.values());
  }

  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&apos;");
        default -> {
          if (ch < 0x20 && ch != '\n' && ch != '\t' && ch != '\r') {
            b.append('?');
          } else {
            b.append(ch);
          }
        }
      }
    }
    return b.toString();
  }
}
