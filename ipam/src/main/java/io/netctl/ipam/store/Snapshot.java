package io.netctl.ipam.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.netctl.ipam.OneLine;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A snapshot of keys of a store as one JSON document, for offline checks and validation:
 * {@code {"format":"netctl-snapshot","formatVersion":1,"revision":N,"source":"etcd ...","prefixes":[...],
 * "kvs":[{"key","value","createRevision","modRevision","version"}]}}. Loaded into a {@link MemoryStore}.
 *
 * @param revision the revision the keys were read at
 * @param source where they came from
 * @param prefixes the prefixes read
 * @param kvs the keys
 */
public record Snapshot(long revision, String source, List<String> prefixes, List<KeyValue> kvs) {
  public static final String FORMAT = "netctl-snapshot";

  public Snapshot {
    prefixes = List.copyOf(prefixes);
    kvs = List.copyOf(kvs);
  }

  /** Reads {@code prefixes} of {@code store} at one revision. */
  public static Snapshot take(KvStore store, List<String> prefixes) {
    List<Range> ranges = store.ranges(prefixes);
    List<KeyValue> all = new ArrayList<>();
    ranges.forEach(r -> all.addAll(r.kvs()));
    return new Snapshot(ranges.isEmpty() ? 0 : ranges.get(0).revision(), store.describe(), prefixes, all);
  }

  public MemoryStore toStore() {
    Map<String, KeyValue> m = new HashMap<>();
    kvs.forEach(kv -> m.put(kv.key(), kv));
    return new MemoryStore(Math.max(1, revision), m);
  }

  public String toJson() {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("format", FORMAT);
      g.writeNumberField("formatVersion", 1);
      g.writeNumberField("revision", revision);
      g.writeStringField("source", source);
      g.writeArrayFieldStart("prefixes");
      for (String p : prefixes) {
        g.writeString(p);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("kvs");
      for (KeyValue kv : kvs) {
        KeyValueJson.write(g, kv);
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return w.toString() + "\n";
  }

  /** Parses a snapshot; {@code name} (a file name) is used in the one-line error. */
  public static Snapshot parse(String name, String json) {
    try (JsonParser p = new JsonFactory().createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new StoreCorruptException(name + " is not a netctl snapshot (not a JSON object)");
      }
      String format = null;
      long revision = -1;
      String source = "";
      List<String> prefixes = new ArrayList<>();
      List<KeyValue> kvs = new ArrayList<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String f = p.currentName();
        JsonToken t = p.nextToken();
        switch (f) {
          case "format" -> format = p.getValueAsString();
          case "revision" -> revision = p.getValueAsLong(-1);
          case "source" -> source = p.getValueAsString();
          case "prefixes" -> {
            while (p.nextToken() == JsonToken.VALUE_STRING) {
              prefixes.add(p.getValueAsString());
            }
          }
          case "kvs" -> {
            if (t != JsonToken.START_ARRAY) {
              throw new IOException("\"kvs\" is not a list");
            }
            while (p.nextToken() == JsonToken.START_OBJECT) {
              kvs.add(KeyValueJson.read(p));
            }
          }
          default -> p.skipChildren();
        }
      }
      if (!FORMAT.equals(format)) {
        throw new StoreCorruptException(name + " is not a netctl snapshot (no \"format\": \"" + FORMAT + "\"); make one with: netctl snapshot export > " + name);
      }
      return new Snapshot(revision, source, prefixes, kvs);
    } catch (IOException | IllegalArgumentException | NullPointerException e) {
      throw new StoreCorruptException(name + " is not a valid netctl snapshot: " + OneLine.of(e.getMessage(), "malformed"), e);
    }
  }

}
