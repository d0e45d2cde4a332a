package io.netctl.ipam.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Who may read and write the store file, kept across {@link FileStore}'s writes: a file made
 * read-only is refused (the atomic rename would replace it in a writable folder without a word,
 * even for root), and a replacement gets the old file's mode, owner and group.
 */
final class StoreFileMode {
  private StoreFileMode() {}

  /**
   * @throws StoreException when {@code file} exists and has no owner write bit, or this user may
   *     not write it
   */
  static void requireWritable(Path file) throws IOException {
    if (!Files.exists(file)) {
      return;
    }
    PosixFileAttributes a = posix(file);
    boolean ownerWrite = a == null || a.permissions().contains(PosixFilePermission.OWNER_WRITE);
    if (!ownerWrite || !Files.isWritable(file)) {
      throw new StoreException("store file " + file + " is read-only"
          + (a == null ? "" : " (mode " + PosixFilePermissions.toString(a.permissions()) + ", owner " + a.owner().getName() + ")")
          + ": nothing was written; make it writable (chmod u+w) to let netctl change it");
    }
  }

  /**
   * Gives {@code replacement} the mode, owner and group of {@code file} (when it exists).
   *
   * @throws StoreException when the owner or group cannot be kept (then {@code replacement} is deleted)
   */
  static void copy(Path file, Path replacement) throws IOException {
    PosixFileAttributes old = Files.exists(file) ? posix(file) : null;
    if (old == null) {
      return;
    }
    Files.setPosixFilePermissions(replacement, old.permissions());
    PosixFileAttributeView view = Files.getFileAttributeView(replacement, PosixFileAttributeView.class);
    PosixFileAttributes now = view.readAttributes();
    try {
      if (!now.owner().equals(old.owner())) {
        view.setOwner(old.owner());
      }
      if (!now.group().equals(old.group())) {
        view.setGroup(old.group());
      }
    } catch (IOException e) {
      Files.deleteIfExists(replacement);
      throw new StoreException("store file " + file + " belongs to " + old.owner().getName() + ":" + old.group().getName()
          + " and a write by this user would change that: nothing was written; run netctl as its owner", e);
    }
  }

  private static PosixFileAttributes posix(Path p) throws IOException {
    try {
      return Files.readAttributes(p, PosixFileAttributes.class);
    } catch (UnsupportedOperationException e) {
      return null;
    }
  }
}
