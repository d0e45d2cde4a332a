package io.netctl.ipam.store;

/**
 * The datastore could not be used: unreachable, timed out, or its contents are not what netctl
 * can read. The message is one line meant for an operator.
 */
public class StoreException extends RuntimeException {
  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
