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
 * @param timeout the bound on every request and on connecting
 */
public record EtcdSettings(List<URI> endpoints, Path cacert, Path cert, Path key, Duration timeout) {
  public EtcdSettings {
    endpoints = List.copyOf(endpoints);
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("no etcd endpoint");
    }
    Objects.requireNonNull(timeout, "timeout");
    if ((cert == null) != (key == null)) {
      throw new IllegalArgumentException("--etcd-cert and --etcd-key go together");
    }
  }

  public static EtcdSettings plain(List<URI> endpoints) {
    return new EtcdSettings(endpoints, null, null, null, Duration.ofSeconds(5));
  }

  public EtcdSettings withTimeout(Duration t) {
    return new EtcdSettings(endpoints, cacert, cert, key, t);
  }
}
