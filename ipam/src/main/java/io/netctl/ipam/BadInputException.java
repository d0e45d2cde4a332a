package io.netctl.ipam;

/** Input that netctl refuses before touching anything (exit code 2). The message is one line. */
public class BadInputException extends RuntimeException {
  public BadInputException(String message) {
    super(message);
  }
}
