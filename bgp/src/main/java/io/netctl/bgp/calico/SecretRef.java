package io.netctl.bgp.calico;

import java.util.Objects;

/**
 * A reference to a Kubernetes Secret key holding a BGP password, as Calico's BGPPeer {@code
 * password.secretKeyRef} spells it.
 *
 * @param name the Secret's name
 * @param key the key within it
 */
public record SecretRef(String name, String key) {
  public SecretRef {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(key, "key");
  }
}
