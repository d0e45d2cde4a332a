package io.netctl.validator.observe;

import io.netctl.ipam.UnreachableException;
import java.nio.file.Path;
import java.util.List;

/** A host's kernel TCP table as a source for the session checks (its port-179 connections). */
@FunctionalInterface
public interface TcpSource {
  /**
   * The table now.
   *
   * @throws UnreachableException when it cannot be read
   */
  List<TcpConnection> connections();

  /** {@code tcp} and {@code tcp6} under {@code procNet} (normally {@code /proc/net}). */
  static TcpSource proc(Path procNet) {
    return () -> {
      try {
        return TcpTable.read(procNet);
      } catch (IllegalStateException e) {
        throw new UnreachableException(e.getMessage());
      }
    };
  }
}
