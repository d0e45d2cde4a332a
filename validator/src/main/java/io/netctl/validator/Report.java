package io.netctl.validator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * The outcome of a check run: findings, and which checks ran, which could not and why (never
 * silently skipped).
 *
 * @param findings what was found, sorted by check, severity, code and subject
 * @param checks one entry per check attempted
 */
public record Report(List<Finding> findings, List<CheckRun> checks) {

  /**
   * One check and whether it ran.
   *
   * @param name e.g. {@code ipam}, {@code bgp-config}, {@code sessions rr-1}
   * @param kind its group
   * @param ran whether it ran
   * @param reason why it did not run (empty when it ran)
   * @param subjects what it examined (each a JUnit test case, findings or not)
   */
  public record CheckRun(String name, CheckKind kind, boolean ran, String reason, List<String> subjects) {
    public CheckRun {
      subjects = List.copyOf(subjects);
    }

    public static CheckRun ran(String name, CheckKind kind, List<String> subjects) {
      return new CheckRun(name, kind, true, "", subjects);
    }

    public static CheckRun notRun(String name, CheckKind kind, String reason) {
      return new CheckRun(name, kind, false, reason, List.of());
    }
  }

  public Report {
    List<Finding> sorted = new ArrayList<>(findings);
    sorted.sort(Comparator.comparing(Finding::check).thenComparing(Finding::severity).thenComparing(f -> f.code().name()).thenComparing(Finding::subject));
    findings = Collections.unmodifiableList(sorted);
    checks = List.copyOf(checks);
  }

  public long count(Severity s) {
    return findings.stream().filter(f -> f.severity() == s).count();
  }

  public boolean hasErrors() {
    return count(Severity.ERROR) > 0;
  }

  public boolean nothingRan() {
    return checks.stream().noneMatch(CheckRun::ran);
  }

  /** Collects findings and check runs. */
  public static final class Builder {
    private final List<Finding> findings = new ArrayList<>();
    private final List<CheckRun> checks = new ArrayList<>();

    public Builder add(Finding f) {
      findings.add(f);
      return this;
    }

    public Builder addAll(List<Finding> fs) {
      findings.addAll(fs);
      return this;
    }

    public Builder ran(String name, CheckKind kind, List<String> subjects) {
      checks.add(CheckRun.ran(name, kind, subjects));
      return this;
    }

    /** Adds a check's findings and records that it ran over {@code subjects}. */
    public Builder ran(String name, CheckKind kind, List<String> subjects, List<Finding> found) {
      findings.addAll(found);
      return ran(name, kind, subjects);
    }

    public Builder merge(Report other) {
      findings.addAll(other.findings());
      checks.addAll(other.checks());
      return this;
    }

    public Builder notRun(String name, CheckKind kind, String reason) {
      checks.add(CheckRun.notRun(name, kind, reason));
      return this;
    }

    public Report build() {
      return new Report(findings, checks);
    }
  }
}
