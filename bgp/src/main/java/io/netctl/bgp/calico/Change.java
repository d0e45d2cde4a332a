package io.netctl.bgp.calico;

import com.fasterxml.jackson.databind.JsonNode;
import io.netctl.ipam.calico.CalicoResource;
import java.util.List;
import java.util.Objects;

/** One change a plan makes to one Calico object. */
public sealed interface Change permits Change.Create, Change.Update, Change.Delete {

  /** The etcd key of the object. */
  String key();

  /** The object as it will be stored, or as it was for a delete. */
  CalicoResource object();

  default String kind() {
    return object().kind();
  }

  default String name() {
    return object().name();
  }

  /** {@code create}, {@code update} or {@code delete}. */
  String action();

  /**
   * Create a new object (etcd compare: version == 0).
   *
   * @param key where it goes
   * @param object the full object, with a fresh uid and creationTimestamp
   */
  record Create(String key, CalicoResource object) implements Change {
    public Create {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(object, "object");
    }

    @Override
    public String action() {
      return "create";
    }
  }

  /**
   * Replace an object (etcd compare: mod revision as read), keeping its uid and creationTimestamp.
   *
   * @param before as read
   * @param object as it will be stored
   * @param fields what changes, field by field
   */
  record Update(StoredResource before, CalicoResource object, List<FieldChange> fields) implements Change {
    public Update {
      Objects.requireNonNull(before, "before");
      Objects.requireNonNull(object, "object");
      fields = List.copyOf(fields);
    }

    @Override
    public String key() {
      return before.key();
    }

    @Override
    public String action() {
      return "update";
    }
  }

  /**
   * Delete an object netctl manages that the topology no longer has (etcd compare: mod revision as read).
   *
   * @param before as read
   */
  record Delete(StoredResource before) implements Change {
    public Delete {
      Objects.requireNonNull(before, "before");
    }

    @Override
    public String key() {
      return before.key();
    }

    @Override
    public CalicoResource object() {
      return before.resource();
    }

    @Override
    public String action() {
      return "delete";
    }
  }

  /**
   * One changed field of an update.
   *
   * @param field the dotted path, e.g. {@code spec.asNumber} or {@code metadata.labels.route-reflector}
   * @param from its value before, or null when absent
   * @param to its value after, or null when removed
   */
  record FieldChange(String field, JsonNode from, JsonNode to) {
    public FieldChange {
      Objects.requireNonNull(field, "field");
    }
  }
}
