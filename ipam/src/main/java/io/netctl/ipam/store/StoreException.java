package io.netctl.ipam.store;

import io.netctl.ipam.OneLine;

/**
 * The datastore could not be used: unreachable, timed out, or its contents are not what netctl
 * can read. The message is one line meant for an operator: control characters in it (from a key or
 * value it quotes) are replaced.
 */
public class StoreException extends RuntimeException {
  public StoreException(String message) {
    super(OneLine.printable(message));
  }

  public StoreException(String message, Throwable cause) {
    super(OneLine.printable(message), cause);
  }
}
