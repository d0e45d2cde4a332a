package io.netctl.validator;

/** How bad a finding is. {@code check} and {@code validate} exit 1 when there is an error. */
public enum Severity {
  ERROR,
  WARNING,
  INFO
}
