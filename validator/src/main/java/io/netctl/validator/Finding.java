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
 */
public record Finding(Code code, String subject, String expected, String observed, String hint) {
  public Finding {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(subject, "subject");
    expected = expected == null ? "" : expected;
    observed = observed == null ? "" : observed;
    hint = hint == null ? code.hint() : hint;
  }

  public static Finding of(Code code, String subject, String expected, String observed) {
    return new Finding(code, subject, expected, observed, null);
  }

  public Severity severity() {
    return code.severity();
  }

  public CheckKind check() {
    return code.check();
  }
}
