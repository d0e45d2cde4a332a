package io.netctl.bgp.calico;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.netctl.ipam.calico.CalicoJson;
import io.netctl.ipam.calico.CalicoResource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The field-by-field difference of two versions of one Calico object: labels, annotations and
 * spec, flattened to dotted paths (arrays compare whole). uid, creationTimestamp and status are
 * never changed by netctl and not compared.
 */
public final class FieldDiff {
  private FieldDiff() {}

  public static List<Change.FieldChange> of(CalicoResource before, CalicoResource after) {
    Map<String, JsonNode> a = flatten(before);
    Map<String, JsonNode> b = flatten(after);
    List<Change.FieldChange> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : a.entrySet()) {
      JsonNode to = b.get(e.getKey());
      if (!Objects.equals(e.getValue(), to)) {
        out.add(new Change.FieldChange(e.getKey(), e.getValue(), to));
      }
    }
    for (Map.Entry<String, JsonNode> e : b.entrySet()) {
      if (!a.containsKey(e.getKey())) {
        out.add(new Change.FieldChange(e.getKey(), null, e.getValue()));
      }
    }
    return out;
  }

  static Map<String, JsonNode> flatten(CalicoResource r) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    r.labels().forEach((k, v) -> out.put("metadata.labels." + k, TextNode.valueOf(v)));
    r.annotations().forEach((k, v) -> out.put("metadata.annotations." + k, TextNode.valueOf(v)));
    // through the text form, so 64512 compares equal whether it was built as a long or read as an int
    flatten("spec", CalicoJson.parse(r.name(), CalicoJson.write(r.spec())), out);
    return out;
  }

  private static void flatten(String path, JsonNode n, Map<String, JsonNode> out) {
    if (n.isObject() && n.size() > 0) {
      Iterator<Map.Entry<String, JsonNode>> it = n.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        flatten(path + "." + e.getKey(), e.getValue(), out);
      }
    } else {
      out.put(path, n);
    }
  }
}
