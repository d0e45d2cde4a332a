package io.netctl.ipam.calico;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netctl.ipam.store.KeyValue;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A Calico v3 resource as stored in etcd (reference A.0): {@code kind}, {@code apiVersion
 * projectcalico.org/v3}, {@code metadata} (name, uid, creationTimestamp, labels, annotations) and
 * {@code spec} (and {@code status} where the kind has one). Never holds a {@code resourceVersion}:
 * that is the key's mod revision.
 *
 * @param kind e.g. {@code IPPool}, {@code BGPPeer}, {@code BGPConfiguration}, {@code Node}
 * @param name the DNS-1123 name (also the last key segment)
 * @param uid set on create, kept on update
 * @param creationTimestamp RFC 3339 UTC, second precision; set on create, kept on update
 * @param labels metadata.labels (sorted, as Go marshals maps)
 * @param annotations metadata.annotations (sorted)
 * @param spec the spec object, in the field order Go writes
 * @param status the status object, or null when the kind has none stored
 */
public record CalicoResource(
    String kind,
    String name,
    String uid,
    String creationTimestamp,
    Map<String, String> labels,
    Map<String, String> annotations,
    ObjectNode spec,
    ObjectNode status) {

  public static final String API_VERSION = "projectcalico.org/v3";
  /** The label by which netctl marks what it created and therefore may change or delete. */
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String NETCTL = "netctl";

  public CalicoResource {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    labels = labels == null ? Map.of() : Map.copyOf(new TreeMap<>(labels));
    annotations = annotations == null ? Map.of() : Map.copyOf(new TreeMap<>(annotations));
    Objects.requireNonNull(spec, "spec");
  }

  /** A new resource as calicoctl's Create would store it: fresh uid, creationTimestamp now. */
  public static CalicoResource create(String kind, String name, Map<String, String> labels, Map<String, String> annotations, ObjectNode spec, ObjectNode status, Instant now) {
    return new CalicoResource(kind, name, UUID.randomUUID().toString(), timestamp(now), labels, annotations, spec, status);
  }

  /** The same object with another spec, labels and annotations, keeping uid and creationTimestamp (calicoctl's Update). */
  public CalicoResource update(Map<String, String> newLabels, Map<String, String> newAnnotations, ObjectNode newSpec) {
    return new CalicoResource(kind, name, uid, creationTimestamp, newLabels, newAnnotations, newSpec, status);
  }

  public boolean managedByNetctl() {
    return NETCTL.equals(labels.get(MANAGED_BY));
  }

  public static String timestamp(Instant t) {
    return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
  }

  /** The stored JSON, in Go's field order. */
  public String toJson() {
    ObjectNode root = CalicoJson.object();
    root.put("kind", kind);
    root.put("apiVersion", API_VERSION);
    ObjectNode meta = root.putObject("metadata");
    meta.put("name", name);
    if (uid != null) {
      meta.put("uid", uid);
    }
    if (creationTimestamp != null) {
      meta.put("creationTimestamp", creationTimestamp);
    }
    if (!labels.isEmpty()) {
      ObjectNode l = meta.putObject("labels");
      new TreeMap<>(labels).forEach(l::put);
    }
    if (!annotations.isEmpty()) {
      ObjectNode a = meta.putObject("annotations");
      new TreeMap<>(annotations).forEach(a::put);
    }
    root.set("spec", spec);
    if (status != null) {
      root.set("status", status);
    }
    return CalicoJson.write(root);
  }

  /** Parses a stored resource; fails with the key named when it is not a v3 resource of {@code expectedKind}. */
  public static CalicoResource parse(KeyValue kv, String expectedKind) {
    ObjectNode root = CalicoJson.parse(kv.key(), kv.value());
    String kind = root.path("kind").asText("");
    if (expectedKind != null && !expectedKind.equals(kind)) {
      throw new io.netctl.ipam.store.StoreCorruptException(
          kv.key() + " holds kind \"" + kind + "\", expected " + expectedKind);
    }
    JsonNode meta = root.path("metadata");
    String name = meta.path("name").asText(lastSegment(kv.key()));
    JsonNode spec = root.path("spec");
    JsonNode status = root.get("status");
    return new CalicoResource(
        kind,
        name,
        meta.hasNonNull("uid") ? meta.get("uid").asText() : null,
        meta.hasNonNull("creationTimestamp") ? meta.get("creationTimestamp").asText() : null,
        stringMap(meta.path("labels")),
        stringMap(meta.path("annotations")),
        spec.isObject() ? (ObjectNode) spec.deepCopy() : CalicoJson.object(),
        status != null && status.isObject() ? (ObjectNode) status.deepCopy() : null);
  }

  private static Map<String, String> stringMap(JsonNode n) {
    Map<String, String> out = new LinkedHashMap<>();
    if (n.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = n.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        out.put(e.getKey(), e.getValue().asText());
      }
    }
    return out;
  }

  private static String lastSegment(String key) {
    return key.substring(key.lastIndexOf('/') + 1);
  }
}
