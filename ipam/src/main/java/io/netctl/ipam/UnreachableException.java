package io.netctl.ipam;

/**
 * A peer that netctl had to reach could not be reached or refused to talk: a BGP neighbour, a
 * BIRD socket, a Kubernetes API server (exit code 3). Nothing was written. The message is one
 * line naming the peer and the reason. (An unreachable datastore is a {@link
 * io.netctl.ipam.store.StoreException}, which also maps to exit code 3.)
 */
public class UnreachableException extends RuntimeException {
  public UnreachableException(String message) {
    super(message);
  }

  public UnreachableException(String message, Throwable cause) {
    super(message, cause);
  }
}
