package io.netctl.ipam;

/**
 * A request refused because of the current state: exhausted ranges, a block in use, a conflict
 * with a concurrent writer (exit code 4). Nothing was written. The message is one line.
 */
public class RefusedException extends RuntimeException {
  public RefusedException(String message) {
    super(message);
  }
}
