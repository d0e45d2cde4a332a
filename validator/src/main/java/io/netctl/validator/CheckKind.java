package io.netctl.validator;

import java.util.Locale;

/** The groups of checks, as {@code --scope} names them. */
public enum CheckKind {
  CONFIG,
  SESSIONS,
  ROUTES,
  LVS;

  public String scopeName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
