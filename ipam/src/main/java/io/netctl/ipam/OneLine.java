package io.netctl.ipam;

/**
 * Errors as netctl shows them: one line. Library and JDK messages can span lines (YAML marks,
 * stack-like details, tool output); a user sees the first line that says something.
 */
public final class OneLine {
  private OneLine() {}

  /** The first non-blank line of {@code text}, stripped; {@code ifNone} when there is none. */
  public static String of(String text, String ifNone) {
    if (text != null) {
      for (String l : text.split("\n")) {
        if (!l.isBlank()) {
          return l.strip();
        }
      }
    }
    return ifNone;
  }

  /** The first line of {@code t}'s message, or its class name when it has none. */
  public static String of(Throwable t) {
    return of(t.getMessage(), t.getClass().getSimpleName());
  }

  /** As {@link #of(Throwable)}, followed by the root cause's message when there is a different one. */
  public static String withCause(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = of(t);
    return root != t && root.getMessage() != null ? m + " (" + of(root) + ")" : m;
  }
}
