package io.netctl.ipam.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Arbitrary bytes as the files netctl reads its datastore from: the file store's {@code store.json}
 * ({@link FileStoreFormat}) and a snapshot ({@link Snapshot}, {@code --snapshot FILE}). Each gives
 * its contents or one {@link StoreCorruptException} with a one-line message (exit 2 for a snapshot,
 * a refusal to touch the file for the store); what loads, reads like a store and writes back to
 * the same contents.
 *
 * <p>Seeds ({@code StoreFilesFuzzTestInputs/}): a store file and snapshots made by netctl itself
 * (bench/fuzz-seeds.py says how).
 */
class StoreFilesFuzzTest {
  static final Path FILE = Path.of("store.json");

  @FuzzTest
  void storeFile(byte[] bytes) {
    FileStoreFormat.Contents contents;
    try {
      contents = FileStoreFormat.parse(FILE, bytes);
    } catch (StoreCorruptException e) {
      assertOneLine(e);
      return;
    }
    StoreState state = contents.state();
    assertThat(state.range("").kvs()).hasSize(state.kvs().size());
    FileStoreFormat.Contents again = FileStoreFormat.parse(FILE, encode(contents));
    assertThat(again.state().revision()).isEqualTo(state.revision());
    assertThat(again.state().kvs()).isEqualTo(state.kvs());
    assertThat(again.tombstones()).isEqualTo(contents.tombstones());
  }

  @FuzzTest
  void snapshotFile(byte[] bytes) {
    Snapshot snapshot;
    try {
      snapshot = Snapshot.parse("snapshot.json", new String(bytes, StandardCharsets.UTF_8));
    } catch (StoreCorruptException e) {
      assertOneLine(e);
      return;
    }
    MemoryStore store = snapshot.toStore();
    assertThat(store.range("").kvs()).hasSizeLessThanOrEqualTo(snapshot.kvs().size());
    Snapshot again = Snapshot.parse("snapshot.json", snapshot.toJson());
    assertThat(again).isEqualTo(snapshot);
  }

  static byte[] encode(FileStoreFormat.Contents c) {
    try {
      return FileStoreFormat.encode(c.state(), c.tombstones());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void assertOneLine(RuntimeException e) {
    assertThat(e.getMessage()).isNotBlank().doesNotContain("\n").doesNotContain("\r");
  }
}
