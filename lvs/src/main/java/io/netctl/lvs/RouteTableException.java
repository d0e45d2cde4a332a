package io.netctl.lvs;

import io.netctl.ipam.UnreachableException;

/**
 * The kernel's routing table cannot be read or changed at all: no permission (not root, no
 * CAP_NET_ADMIN), {@code ip} missing or too old, {@code ip} failing. Exit code 3, like an
 * unreachable peer. The message is one line for an operator.
 */
public class RouteTableException extends UnreachableException {
  public RouteTableException(String message) {
    super(message);
  }

  public RouteTableException(String message, Throwable cause) {
    super(message, cause);
  }
}
