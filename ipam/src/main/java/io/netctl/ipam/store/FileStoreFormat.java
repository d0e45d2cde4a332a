package io.netctl.ipam.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.netctl.ipam.OneLine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The on-disk format of {@link FileStore}: one JSON object with {@code "format": "netctl-store"},
 * {@code formatVersion}, the store's {@code revision}, its {@code kvs} (each with etcd's
 * bookkeeping, {@link KeyValueJson}) and the {@code tombstones} of recent deletions that watches
 * report. Reading checks that a file is a netctl store of this version and consistent before
 * anything uses it; nothing here touches the file system.
 */
final class FileStoreFormat {
  private FileStoreFormat() {}

  static final String FORMAT = "netctl-store";
  static final int FORMAT_VERSION = 1;

  private static final JsonFactory JSON = new JsonFactory();

  /** A deletion kept so watches can report it. */
  record Tombstone(String key, long revision) {}

  /** What a store file holds. */
  record Contents(StoreState state, List<Tombstone> tombstones) {
    /** The state of a store without a file yet. */
    static Contents empty() {
      return new Contents(StoreState.empty(), List.of());
    }

    /** A copy of the state a transaction may change without changing these contents. */
    StoreState copyState() {
      return new StoreState(state.revision(), state.kvs());
    }
  }

  /**
   * Reads a store file's bytes.
   *
   * @throws StoreCorruptException when they are empty, no netctl store, another format version, or
   *     inconsistent; the message names {@code file}
   */
  static Contents parse(Path file, byte[] bytes) {
    String what = "store file " + file;
    if (bytes.length == 0) {
      throw new StoreCorruptException(what + " is empty; it is not a netctl store (restore it from a backup or move it away)");
    }
    try (JsonParser p = JSON.createParser(bytes)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new StoreCorruptException(what + " is not a netctl store: it does not hold a JSON object");
      }
      String format = null;
      long formatVersion = -1;
      long revision = -1;
      Map<String, KeyValue> kvs = new HashMap<>();
      List<Tombstone> tombstones = new ArrayList<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        switch (field) {
          case "format" -> format = p.getValueAsString();
          case "formatVersion" -> formatVersion = p.getValueAsLong(-1);
          case "revision" -> revision = p.getValueAsLong(-1);
          case "kvs" -> readKvs(p, kvs);
          case "tombstones" -> readTombstones(p, tombstones);
          default -> p.skipChildren();
        }
      }
      if (!FORMAT.equals(format)) {
        throw new StoreCorruptException(what + " is not a netctl store (no \"format\": \"" + FORMAT + "\"); refusing to use or overwrite it");
      }
      if (formatVersion != FORMAT_VERSION) {
        throw new StoreCorruptException(what + " has format version " + formatVersion + "; this netctl reads version " + FORMAT_VERSION);
      }
      if (revision < 1) {
        throw new StoreCorruptException(what + " is corrupt: missing or invalid \"revision\"");
      }
      for (KeyValue kv : kvs.values()) {
        if (kv.modRevision() > revision) {
          throw new StoreCorruptException(what + " is corrupt: key " + kv.key() + " has a revision beyond the store's");
        }
      }
      return new Contents(new StoreState(revision, kvs), List.copyOf(tombstones));
    } catch (StoreCorruptException e) {
      throw e;
    } catch (IOException | IllegalArgumentException | NullPointerException e) {
      throw new StoreCorruptException(what + " is corrupt (" + OneLine.of(e) + "); restore it from a backup or move it away", e);
    }
  }

  private static void readKvs(JsonParser p, Map<String, KeyValue> into) throws IOException {
    expect(p, JsonToken.START_ARRAY, "kvs");
    while (p.nextToken() == JsonToken.START_OBJECT) {
      KeyValue kv = KeyValueJson.read(p);
      if (into.put(kv.key(), kv) != null) {
        throw new IOException("key " + kv.key() + " appears twice");
      }
    }
    expect(p, JsonToken.END_ARRAY, "kvs");
  }

  private static void readTombstones(JsonParser p, List<Tombstone> into) throws IOException {
    expect(p, JsonToken.START_ARRAY, "tombstones");
    while (p.nextToken() == JsonToken.START_OBJECT) {
      String key = null;
      long rev = -1;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String f = p.currentName();
        p.nextToken();
        switch (f) {
          case "key" -> key = p.getValueAsString();
          case "revision" -> rev = p.getValueAsLong(-1);
          default -> p.skipChildren();
        }
      }
      into.add(new Tombstone(Objects.requireNonNull(key, "tombstone key"), rev));
    }
    expect(p, JsonToken.END_ARRAY, "tombstones");
  }

  private static void expect(JsonParser p, JsonToken token, String field) throws IOException {
    if (p.currentToken() != token) {
      throw new IOException("\"" + field + "\" is malformed at line " + p.currentLocation().getLineNr());
    }
  }

  /** The bytes of a store file holding {@code state} and {@code tombstones}: one key per line, so diffs and a human can read it. */
  static byte[] encode(StoreState state, List<Tombstone> tombstones) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(4096 + state.kvs().size() * 256);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("format", FORMAT);
      g.writeNumberField("formatVersion", FORMAT_VERSION);
      g.writeNumberField("revision", state.revision());
      g.writeFieldName("kvs");
      g.writeStartArray();
      for (KeyValue kv : state.kvs().values()) {
        g.writeRaw('\n');
        KeyValueJson.write(g, kv);
      }
      g.writeEndArray();
      g.writeFieldName("tombstones");
      g.writeStartArray();
      for (Tombstone t : tombstones) {
        g.writeRaw('\n');
        g.writeStartObject();
        g.writeStringField("key", t.key());
        g.writeNumberField("revision", t.revision());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeRaw('\n');
    }
    return out.toByteArray();
  }

}
