package io.netctl.ipam.store;

/** The store's file or a value in it cannot be read: corrupt, foreign, or from a newer netctl. */
public class StoreCorruptException extends StoreException {
  public StoreCorruptException(String message) {
    super(message);
  }

  public StoreCorruptException(String message, Throwable cause) {
    super(message, cause);
  }
}
