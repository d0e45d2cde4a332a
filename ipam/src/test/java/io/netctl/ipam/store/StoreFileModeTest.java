package io.netctl.ipam.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store file's mode across writes: a read-only file is refused (also for root), a writable one keeps its mode. */
class StoreFileModeTest {
  @TempDir Path dir;

  @Test
  void aReadOnlyStoreFileIsRefusedAndLeftAsItWas() throws Exception {
    Path file = dir.resolve("store.json");
    FileStore store = new FileStore(file);
    store.commit(Txn.builder().create("/k", "v").build());
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
    byte[] before = Files.readAllBytes(file);
    assertThatThrownBy(() -> store.commit(Txn.builder().create("/k2", "v").build()))
        .isInstanceOf(StoreException.class)
        .hasMessage("store file " + file + " is read-only (mode r--r--r--, owner " + Files.getOwner(file).getName()
            + "): nothing was written; make it writable (chmod u+w) to let netctl change it");
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("r--r--r--");
    // reading is fine, and a transaction that writes nothing (a failed compare) is no write
    assertThat(store.get("/k")).isPresent();
    assertThat(store.commit(Txn.builder().create("/k", "again").build()).succeeded()).isFalse();
  }

  @Test
  void aReplacedStoreFileKeepsItsMode() throws Exception {
    Path file = dir.resolve("store.json");
    FileStore store = new FileStore(file);
    store.commit(Txn.builder().create("/k", "v").build());
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
    Object inode = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
    store.commit(Txn.builder().create("/k2", "v").build());
    assertThat(Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey()).as("a new file").isNotEqualTo(inode);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
  }
}
