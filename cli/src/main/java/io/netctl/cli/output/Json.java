package io.netctl.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netctl.ipam.Allocation;

/** JSON output of commands: pretty-printed, stable field names. */
public final class Json {
  private Json() {}

  public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  public static ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  public static String write(Object node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code {"node","cidr","hostIp","createdAt","updatedAt"}}. */
  public static ObjectNode allocation(Allocation a) {
    ObjectNode o = object();
    o.put("node", a.node());
    o.put("cidr", a.cidrText());
    if (a.hostIp() == null) {
      o.putNull("hostIp");
    } else {
      o.put("hostIp", a.hostIpText());
    }
    o.put("createdAt", a.createdAt().toString());
    o.put("updatedAt", a.updatedAt().toString());
    return o;
  }
}
