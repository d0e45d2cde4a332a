package io.netctl.e2e.calico;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netctl.ipam.calico.CalicoJson;
import io.netctl.ipam.store.KeyValue;
import io.netctl.ipam.store.KvStore;
import io.netctl.ipam.store.Txn;
import java.util.Optional;

/**
 * libcalico-go's etcdv3 backend as the models use it (reference A.0; {@code
 * lib/backend/etcdv3/etcdv3.go}): Create is a transaction on "version = 0", Update and Delete on
 * "mod revision unchanged"; a failed compare is a conflict the caller handles, as Calico's
 * {@code ErrorResourceUpdateConflict} / {@code ErrorResourceAlreadyExists}.
 */
final class CalicoKv {
  private final KvStore store;

  CalicoKv(KvStore store) {
    this.store = store;
  }

  /** A compare did not hold. */
  static final class Conflict extends RuntimeException {
    Conflict(String key) {
      super("conflict on " + key);
    }
  }

  KvStore store() {
    return store;
  }

  Optional<KeyValue> get(String key) {
    return store.get(key);
  }

  static ObjectNode json(KeyValue kv) {
    return CalicoJson.parse(kv.key(), kv.value());
  }

  void create(String key, ObjectNode value) {
    create(key, CalicoJson.write(value));
  }

  void create(String key, String value) {
    if (!store.commit(Txn.builder().create(key, value).build()).succeeded()) {
      throw new Conflict(key);
    }
  }

  void update(KeyValue old, ObjectNode value) {
    if (!store.commit(Txn.builder().update(old, CalicoJson.write(value)).build()).succeeded()) {
      throw new Conflict(old.key());
    }
  }

  void delete(KeyValue old) {
    if (!store.commit(Txn.builder().delete(old).build()).succeeded()) {
      throw new Conflict(old.key());
    }
  }
}
