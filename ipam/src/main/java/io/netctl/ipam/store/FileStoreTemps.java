package io.netctl.ipam.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The temp files of {@link FileStore}'s writes: {@code .store.json.tmp-PID} beside the store file,
 * one per writing process. Only a crashed write leaves one behind; callers delete them only while
 * holding the store's lock, when no write is under way.
 */
final class FileStoreTemps {
  private FileStoreTemps() {}

  /** The temp file a write by process {@code pid} uses. */
  static Path temp(Path file, long pid) {
    return file.resolveSibling(prefix(file) + pid);
  }

  /**
   * Deletes the temp files crashed writes left beside {@code file}, when there are any and both
   * locks can be had without waiting (a writer holds them while its temp file exists). Best
   * effort: a store this process cannot lock or change is read as it is.
   *
   * @return whether nothing is left to do (false: try again at the next use)
   */
  static boolean sweep(Path file, Path lockFile, ReentrantLock jvmLock) {
    if (!anyLeftover(file)) {
      return true;
    }
    if (!jvmLock.tryLock()) {
      return false;
    }
    try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = ch.tryLock()) {
      if (lock == null) {
        return false;
      }
      deleteLeftovers(file);
      return true;
    } catch (IOException | OverlappingFileLockException e) {
      return false;
    } finally {
      jvmLock.unlock();
    }
  }

  /** Whether any temp file of {@code file} exists (a cheap look before taking the lock). */
  static boolean anyLeftover(Path file) {
    try (DirectoryStream<Path> temps = Files.newDirectoryStream(file.getParent(), glob(file))) {
      return temps.iterator().hasNext();
    } catch (NoSuchFileException e) {
      return false;
    } catch (IOException | SecurityException e) {
      return false;
    }
  }

  /** Deletes every temp file of {@code file}; call only under the store's lock. Best effort. */
  static void deleteLeftovers(Path file) {
    try (DirectoryStream<Path> temps = Files.newDirectoryStream(file.getParent(), glob(file))) {
      for (Path t : temps) {
        Files.deleteIfExists(t);
      }
    } catch (IOException | SecurityException e) {
      // a folder this process cannot list or change: the leftovers stay, and are never read
    }
  }

  private static String prefix(Path file) {
    return "." + file.getFileName() + ".tmp-";
  }

  private static String glob(Path file) {
    return prefix(file).replace("\\", "\\\\").replace("*", "\\*").replace("?", "\\?").replace("[", "\\[").replace("{", "\\{") + "*";
  }
}
