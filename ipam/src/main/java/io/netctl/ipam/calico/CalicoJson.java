package io.netctl.ipam.calico;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netctl.ipam.store.StoreCorruptException;

/** The one JSON mapper for Calico's and netctl's stored values (compact, like Go's json.Marshal). */
public final class CalicoJson {
  private CalicoJson() {}

  public static final ObjectMapper MAPPER = new ObjectMapper();

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Parses a stored value; a value that is not a JSON object is reported with its key. */
  public static ObjectNode parse(String key, String value) {
    try {
      JsonNode n = MAPPER.readTree(value);
      if (n == null || !n.isObject()) {
        throw new StoreCorruptException("value of " + key + " is not a JSON object");
      }
      return (ObjectNode) n;
    } catch (JsonProcessingException e) {
      throw new StoreCorruptException("value of " + key + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  public static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
