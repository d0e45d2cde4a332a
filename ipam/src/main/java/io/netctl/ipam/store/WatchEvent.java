package io.netctl.ipam.store;

/**
 * A change seen by a watch.
 *
 * @param type put or delete
 * @param key the key changed
 * @param value the new value; empty for a delete
 * @param modRevision the revision of the change
 */
public record WatchEvent(Type type, String key, String value, long modRevision) {

  /** What happened to the key. */
  public enum Type {
    PUT,
    DELETE
  }
}
