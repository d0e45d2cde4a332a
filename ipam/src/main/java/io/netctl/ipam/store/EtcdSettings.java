package io.netctl.ipam.store;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to reach etcd, with etcdctl's option names.
 *
 * @param endpoints client URLs, {@code http://} or {@code https://}
 * @param cacert CA bundle to verify the server ({@code --etcd-cacert}); null for plain http or the
 *     JVM's trust store
 * @param cert client certificate ({@code --etcd-cert}); null for none
 * @param key the client certificate's private key, PKCS#8 PEM ({@code --etcd-key})
 * @param timeout the budget ({@code --etcd-timeout}): how long the store may spend on what {@code
 *     budget} says, retries on other members included
 * @param budget what {@code timeout} bounds: a whole one-shot command, or each call
 */
public record EtcdSettings(List<URI> endpoints, Path cacert, Path cert, Path key, Duration timeout, Budget budget) {

  /** What {@link #timeout()} bounds. */
  public enum Budget {
    /**
     * A one-shot command: everything it asks etcd, retries included, from its first request (not
     * from the start of the process, so the JVM's start-up is not charged to etcd).
     */
    COMMAND,
    /** A long-running process: each read or transaction, retries included, from when it is asked. */
    CALL
  }

  public EtcdSettings {
    endpoints = List.copyOf(endpoints);
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("no etcd endpoint");
    }
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(budget, "budget");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("--etcd-timeout must be more than 0");
    }
    if ((cert == null) != (key == null)) {
      throw new IllegalArgumentException("--etcd-cert and --etcd-key go together");
    }
  }

  /** Settings whose timeout bounds each call (a long-running process, a test). */
  public EtcdSettings(List<URI> endpoints, Path cacert, Path cert, Path key, Duration timeout) {
    this(endpoints, cacert, cert, key, timeout, Budget.CALL);
  }

  public static EtcdSettings plain(List<URI> endpoints) {
    return new EtcdSettings(endpoints, null, null, null, Duration.ofSeconds(5));
  }

  public EtcdSettings withTimeout(Duration t) {
    return new EtcdSettings(endpoints, cacert, cert, key, t, budget);
  }

  public EtcdSettings withBudget(Budget b) {
    return new EtcdSettings(endpoints, cacert, cert, key, timeout, b);
  }
}
