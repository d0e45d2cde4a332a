package io.netctl.ipam.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Run as root (like every IT): a store file owned by another user keeps its owner and group when root writes it. */
class StoreFileOwnerIT {
  @TempDir Path dir;

  @Test
  void aReplacedStoreFileKeepsItsOwnerAndGroup() throws Exception {
    Path file = dir.resolve("store.json");
    FileStore store = new FileStore(file);
    store.commit(Txn.builder().create("/k", "v").build());
    UserPrincipalLookupService users = file.getFileSystem().getUserPrincipalLookupService();
    UserPrincipal nobody = users.lookupPrincipalByName("nobody");
    GroupPrincipal nogroup = users.lookupPrincipalByGroupName(Files.exists(Path.of("/etc/group")) && Files.readString(Path.of("/etc/group")).contains("\nnogroup:")
        ? "nogroup" : "nobody");
    PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    view.setOwner(nobody);
    view.setGroup(nogroup);
    store.commit(Txn.builder().create("/k2", "v").build());
    assertThat(new FileStore(file).get("/k2")).isPresent();
    assertThat(Files.getOwner(file)).isEqualTo(nobody);
    assertThat(Files.readAttributes(file, java.nio.file.attribute.PosixFileAttributes.class).group()).isEqualTo(nogroup);
  }
}
