package io.netctl.validator;

import java.util.Objects;

/**
 * One thing the checker found.
 *
 * @param code a stable code (documented in the README's findings table)
 * @param subject what it is about: a node, a CIDR, a peer, a key
 * @param expected what should be
 * @param observed what is
 * @param hint how to fix it
 * @param severity the code's severity, or another where netctl.yaml raises it (e.g. {@code
 *     gracefulRestart: required} makes {@code graceful-restart-off} an error)
 */
public record Finding(Code code, String subject, String expected, String observed, String hint, Severity severity) {
  public Finding {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(subject, "subject");
    expected = expected == null ? "" : expected;
    observed = observed == null ? "" : observed;
    hint = hint == null ? code.hint() : hint;
    severity = severity == null ? code.severity() : severity;
  }

  /** A finding of the code's severity. */
  public Finding(Code code, String subject, String expected, String observed, String hint) {
    this(code, subject, expected, observed, hint, null);
  }

  public static Finding of(Code code, String subject, String expected, String observed) {
    return new Finding(code, subject, expected, observed, null);
  }

  public CheckKind check() {
    return code.check();
  }
}
