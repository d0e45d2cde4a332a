package io.netctl.ipam;

/** Input that netctl refuses before touching anything (exit code 2). The message is one line. */
public class BadInputException extends RuntimeException {
  private final boolean located;

  public BadInputException(String message) {
    this(message, false);
  }

  private BadInputException(String message, boolean located) {
    super(message);
    this.located = located;
  }

  /**
   * Input refused at a known place, e.g. {@code netctl.yaml:12}: the message is {@code where: message}.
   */
  public static BadInputException at(String where, String message) {
    return new BadInputException(where + ": " + message, true);
  }

  /** True when the message already starts with where in the input the problem is (made by {@link #at}). */
  public boolean located() {
    return located;
  }
}
