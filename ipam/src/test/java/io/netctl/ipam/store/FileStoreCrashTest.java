package io.netctl.ipam.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netctl.ipam.store.FileStore.WriteStep;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file store under a crash at each step of a write (stopped there by its write hook, which
 * leaves the files exactly as the dead process would: the locks go with it, nothing is cleaned
 * up): the previous state stays readable, nothing half-written is ever loaded, and leftover temp
 * files are deleted by the next use of the store.
 */
class FileStoreCrashTest {
  @TempDir Path dir;
  Path file;

  /** What a crash at a step looks like to the code that was writing. */
  static final class Crash extends IOException {
    Crash(WriteStep step) {
      super("crashed at " + step);
    }
  }

  @BeforeEach
  void previousState() {
    file = dir.resolve("state").resolve("store.json");
    try (FileStore s = new FileStore(file)) {
      s.commit(Txn.builder().create("/a", "1").create("/b", "2").build());
      s.commit(Txn.builder().update(s.get("/a").orElseThrow(), "1'").build());
    }
  }

  /** Every key with its value and revisions, as a fresh process opening the store would read it. */
  Map<String, KeyValue> reopened() {
    try (FileStore s = new FileStore(file)) {
      return s.range("/").kvs().stream().collect(Collectors.toMap(KeyValue::key, kv -> kv));
    }
  }

  long revision() {
    try (FileStore s = new FileStore(file)) {
      return s.range("/").revision();
    }
  }

  List<Path> temps() throws IOException {
    try (Stream<Path> files = Files.list(file.getParent())) {
      return files.filter(f -> f.getFileName().toString().startsWith(".store.json.tmp-")).toList();
    }
  }

  /** Commits, on a store whose write crashes at {@code step}, a transaction that replaces /b and creates /c. */
  void commitCrashingAt(WriteStep step) {
    try (FileStore s = new FileStore(file)) {
      s.writeHook((reached, temp) -> {
        if (reached == step) {
          throw new Crash(step);
        }
      });
      Txn change = Txn.builder().update(s.get("/b").orElseThrow(), "two").create("/c", "3").build();
      assertThatThrownBy(() -> s.commit(change)).isInstanceOf(StoreException.class).hasMessageContaining("crashed at " + step);
    }
  }

  @Test
  void aCrashBetweenTheTempFileAndTheRenameKeepsThePreviousStateAndTheNextOpenCleansUp() throws IOException {
    Map<String, KeyValue> before = reopened();
    long revision = revision();
    byte[] previousFile = Files.readAllBytes(file);
    commitCrashingAt(WriteStep.TEMP_FILE_SYNCED);

    // the store file is untouched; the complete new state sits in a temp file of this process
    assertThat(Files.readAllBytes(file)).isEqualTo(previousFile);
    assertThat(temps()).singleElement().satisfies(t -> {
      assertThat(t.getFileName().toString()).isEqualTo(".store.json.tmp-" + ProcessHandle.current().pid());
      assertThat(Files.readString(t)).contains("\"key\":\"/c\"");
    });

    // the next process reads the previous state, never the temp file, and deletes the leftover
    assertThat(reopened()).isEqualTo(before);
    assertThat(temps()).isEmpty();
    try (FileStore s = new FileStore(file)) {
      TxnResult r = s.commit(Txn.builder().create("/c", "again").build());
      assertThat(r.succeeded()).isTrue();
      assertThat(r.revision()).as("revisions go on from the previous state").isEqualTo(revision + 1);
      assertThat(s.get("/b").orElseThrow().value()).isEqualTo("2");
    }
  }

  @Test
  void aCrashAfterTheRenameBeforeTheFolderSyncLeavesTheNewStateWhole() throws IOException {
    Map<String, KeyValue> before = reopened();
    commitCrashingAt(WriteStep.RENAMED);

    Map<String, KeyValue> after = reopened();
    assertThat(after.get("/b").value()).isEqualTo("two");
    assertThat(after.get("/c").value()).isEqualTo("3");
    assertThat(after.get("/b").modRevision()).isEqualTo(after.get("/c").modRevision()).isGreaterThan(before.get("/b").modRevision());
    assertThat(after.get("/a")).isEqualTo(before.get("/a"));
    assertThat(temps()).as("the rename consumed the temp file").isEmpty();
    try (FileStore s = new FileStore(file)) {
      assertThat(s.commit(Txn.builder().delete(s.get("/c").orElseThrow()).build()).succeeded()).isTrue();
    }
  }

  @Test
  void aTempFileTornByACrashMidWriteIsNeverLoadedAndIsDeleted() throws IOException {
    Map<String, KeyValue> before = reopened();
    byte[] whole = Files.readAllBytes(file);
    Path torn = FileStoreTemps.temp(file, 4_000_000); // a process that died while writing it
    Files.write(torn, Arrays.copyOf(whole, whole.length / 2));
    Files.write(FileStoreTemps.temp(file, 4_000_001), new byte[0]);

    assertThat(reopened()).isEqualTo(before);
    assertThat(temps()).isEmpty();
  }

  @Test
  void aTempFileIsLeftAloneWhileAWriterHoldsTheLockAndDeletedAfter() throws IOException {
    Map<String, KeyValue> before = reopened();
    Path inProgress = FileStoreTemps.temp(file, 4_000_002);
    Files.writeString(inProgress, "{\"format\":\"netctl-store\"");
    Path lockFile = file.resolveSibling("store.json.lock");
    try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock held = ch.lock()) {
      // another writer holds the lock: its temp file may be the one it is writing
      assertThat(reopened()).isEqualTo(before);
      assertThat(temps()).containsExactly(inProgress);
    }
    assertThat(reopened()).isEqualTo(before);
    assertThat(temps()).isEmpty();
  }

  @Test
  void theFirstWriteAfterACrashDeletesTheLeftoverToo() throws IOException {
    commitCrashingAt(WriteStep.TEMP_FILE_SYNCED);
    Files.write(FileStoreTemps.temp(file, 4_000_003), new byte[] {'{'});
    try (FileStore s = new FileStore(file)) {
      s.writeHook((step, temp) -> assertThat(temps()).as("at " + step).allMatch(t -> t.equals(temp)));
      assertThat(s.commit(Txn.builder().create("/d", "4").build()).succeeded()).isTrue();
    }
    assertThat(temps()).isEmpty();
  }
}
