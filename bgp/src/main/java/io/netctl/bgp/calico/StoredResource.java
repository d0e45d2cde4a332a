package io.netctl.bgp.calico;

import io.netctl.ipam.calico.CalicoResource;
import io.netctl.ipam.store.KeyValue;
import java.util.Objects;

/**
 * A Calico resource as read from the datastore, with the key-value it came from (whose mod
 * revision guards an update or delete).
 *
 * @param kv as stored
 * @param resource the parsed envelope
 */
public record StoredResource(KeyValue kv, CalicoResource resource) {
  public StoredResource {
    Objects.requireNonNull(kv, "kv");
    Objects.requireNonNull(resource, "resource");
  }

  public String key() {
    return kv.key();
  }

  public String name() {
    return resource.name();
  }
}
