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

  /**
   * {@code text} with every control character (line breaks included) replaced by {@code ?}: for
   * messages that quote what came from outside (a key, a value, a file's content), so they stay one
   * line whatever it held. Null stays null.
   */
  public static String printable(String text) {
    return text == null ? null : CONTROL.matcher(text).replaceAll("?");
  }

  private static final java.util.regex.Pattern CONTROL = java.util.regex.Pattern.compile("\\p{Cntrl}");

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
