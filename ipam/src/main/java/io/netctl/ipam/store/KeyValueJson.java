package io.netctl.ipam.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * A {@link KeyValue} as JSON, {@code {"key","value","createRevision","modRevision","version"}}:
 * the one format of the file store's and the snapshots' entries.
 */
final class KeyValueJson {
  private KeyValueJson() {}

  /** Reads one entry; the parser is on its START_OBJECT. Invalid revisions throw IllegalArgumentException. */
  static KeyValue read(JsonParser p) throws IOException {
    String key = null;
    String value = null;
    long create = -1;
    long mod = -1;
    long version = -1;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String f = p.currentName();
      p.nextToken();
      switch (f) {
        case "key" -> key = p.getValueAsString();
        case "value" -> value = p.getValueAsString();
        case "createRevision" -> create = p.getValueAsLong(-1);
        case "modRevision" -> mod = p.getValueAsLong(-1);
        case "version" -> version = p.getValueAsLong(-1);
        default -> p.skipChildren();
      }
    }
    return new KeyValue(key, value, create, mod, version);
  }

  static void write(JsonGenerator g, KeyValue kv) throws IOException {
    g.writeStartObject();
    g.writeStringField("key", kv.key());
    g.writeStringField("value", kv.value());
    g.writeNumberField("createRevision", kv.createRevision());
    g.writeNumberField("modRevision", kv.modRevision());
    g.writeNumberField("version", kv.version());
    g.writeEndObject();
  }
}
