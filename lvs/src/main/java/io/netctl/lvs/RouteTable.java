package io.netctl.lvs;

import java.util.List;

/**
 * A kernel's IPv4 routing tables, as netctl reads and changes them. The real one runs iproute2
 * ({@link io.netctl.lvs.iproute.IprouteTable}); tests use a fake with the kernel's semantics. Both
 * pass one contract test suite.
 *
 * <p>Implementations throw {@link RouteTableException} (exit code 3) when the table cannot be used
 * at all (no permission, {@code ip} missing), never for one refused change.
 */
public interface RouteTable {

  /** Every IPv4 route of every table. */
  List<KernelRoute> list();

  /**
   * Applies the changes in order, in one batch. A change that fails does not stop the others;
   * each failure is reported with the kernel's message.
   */
  ApplyResult apply(List<RouteChange> changes);

  /** {@code net.ipv4.ip_forward} of the table's network namespace. */
  boolean ipForwarding();

  /** Sets {@code net.ipv4.ip_forward=1}. */
  void enableIpForwarding();

  /** What the table is, for messages: {@code this host} or {@code network namespace x}. */
  String describe();

  /**
   * The outcome of a batch.
   *
   * @param applied how many changes the kernel accepted
   * @param failures the changes it refused, in order
   */
  record ApplyResult(int applied, List<Failure> failures) {
    public ApplyResult {
      failures = List.copyOf(failures);
    }

    public boolean ok() {
      return failures.isEmpty();
    }
  }

  /**
   * A change the kernel refused.
   *
   * @param change the change
   * @param message the kernel's (or iproute2's) message, e.g. {@code Error: Nexthop has invalid gateway.}
   */
  record Failure(RouteChange change, String message) {}
}
