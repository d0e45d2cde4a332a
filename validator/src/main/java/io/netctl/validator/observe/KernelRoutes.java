package io.netctl.validator.observe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Parses {@code ip -json route} (iproute2 6.x): an array of objects with {@code dst}, {@code gateway}, {@code dev}, {@code protocol}, {@code type}. */
public final class KernelRoutes {
  private KernelRoutes() {}

  private static final ObjectMapper JSON = new ObjectMapper();

  public static List<KernelRoute> parse(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json.isBlank() ? "[]" : json);
    } catch (IOException e) {
      throw new IllegalArgumentException("ip -json route printed no JSON: " + e.getMessage());
    }
    if (!root.isArray()) {
      throw new IllegalArgumentException("ip -json route printed no array");
    }
    List<KernelRoute> out = new ArrayList<>();
    for (JsonNode r : root) {
      String dst = r.path("dst").asText("");
      if (dst.isEmpty()) {
        continue;
      }
      if (!dst.equals("default") && !dst.contains("/")) {
        dst = dst + (dst.contains(":") ? "/128" : "/32");
      }
      out.add(new KernelRoute(dst, text(r, "gateway"), text(r, "dev"), text(r, "protocol"), text(r, "type")));
    }
    return out;
  }

  private static String text(JsonNode r, String field) {
    JsonNode v = r.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
