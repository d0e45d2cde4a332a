package io.netctl.ipam.store;

import io.netctl.ipam.OneLine;
import io.netctl.ipam.store.FileStoreFormat.Contents;
import io.netctl.ipam.store.FileStoreFormat.Tombstone;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The embedded store: one JSON file with etcd's semantics, the default when no etcd endpoint is
 * configured.
 *
 * <p>Crash safety: every transaction that writes produces a complete new file (temp file in the same
 * folder, fsync, atomic rename, fsync of the folder), so a reader or a crash sees either the old or
 * the new state, never a mix. Mutual exclusion: a transaction holds an exclusive {@code flock} on
 * {@code <file>.lock} (and a JVM-wide lock, since flock is per process) from the read of the
 * current state to the rename, so two processes on one host never both win the same compare.
 * Reads take no lock.
 *
 * <p>A crash between writing the temp file and the rename leaves the old file as it was and a
 * temp file ({@code .store.json.tmp-PID}) that is never read; the first use of the store after it
 * (by any process) deletes such leftovers, under the lock, so never a temp file a writer is still
 * writing. A crash after the rename leaves the new file, complete. {@link #writeHook} lets a test
 * stop a write at each of those steps.
 *
 * <p>The file keeps the last {@value #TOMBSTONES} deletions so that watches (which poll the file)
 * report deletes; a watcher that falls further behind gets an error and re-reads, like an etcd
 * watcher after a compaction. The file's format is {@link FileStoreFormat}'s.
 */
public final class FileStore implements KvStore {
  static final int TOMBSTONES = 1000;

  private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

  private final Path file;
  private final Path lockFile;
  private final Duration lockTimeout;
  private final Duration pollInterval;
  private volatile Cached cache;
  private volatile boolean swept;
  private volatile WriteHook writeHook = (step, temp) -> {};

  /** A step of a write at which a crash leaves the files in a state of their own. */
  enum WriteStep {
    /** The complete new state is in the temp file, synced; the store file is still the old one. */
    TEMP_FILE_SYNCED,
    /** The temp file has replaced the store file; the folder is not synced yet. */
    RENAMED
  }

  /** Called at each {@link WriteStep}; what it throws ends the write there, as a crash would. */
  interface WriteHook {
    void reached(WriteStep step, Path temp) throws IOException;
  }

  /**
   * @param file the store file; created (with its folder, mode 0700) on the first write
   */
  public FileStore(Path file) {
    this(file, Duration.ofSeconds(10), Duration.ofMillis(100));
  }

  public FileStore(Path file, Duration lockTimeout, Duration pollInterval) {
    this.file = file.toAbsolutePath().normalize();
    this.lockFile = this.file.resolveSibling(this.file.getFileName() + ".lock");
    this.lockTimeout = lockTimeout;
    this.pollInterval = pollInterval;
  }

  /** The default location: {@code $XDG_STATE_HOME/netctl/store.json} or {@code ~/.local/state/netctl/store.json}. */
  public static Path defaultPath(Map<String, String> env) {
    String xdg = env.get("XDG_STATE_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".local", "state");
    return base.resolve("netctl").resolve("store.json");
  }

  public Path file() {
    return file;
  }

  /** For tests: a hook called at each step of every write of this store. */
  void writeHook(WriteHook hook) {
    this.writeHook = Objects.requireNonNull(hook, "hook");
  }

  @Override
  public Optional<KeyValue> get(String key) {
    return Optional.ofNullable(load().state().get(key));
  }

  @Override
  public Range range(String prefix) {
    return load().state().range(prefix);
  }

  @Override
  public List<Range> read(List<Read> reads) {
    StoreState state = load().state();
    return reads.stream().map(state::read).toList();
  }

  @Override
  public TxnResult commit(Txn txn) {
    ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(file, p -> new ReentrantLock());
    boolean locked;
    try {
      locked = jvmLock.tryLock(lockTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while waiting for the lock on " + lockFile);
    }
    if (!locked) {
      throw new StoreException("store " + file + " is busy: no lock within " + lockTimeout.toSeconds() + " s");
    }
    try (FileChannel lockChannel = openLockFile();
        FileLock ignored = acquire(lockChannel)) {
      if (!swept) {
        FileStoreTemps.deleteLeftovers(file);
        swept = true;
      }
      Contents current = load();
      StoreState state = current.copyState();
      StoreState.Applied applied = state.apply(txn);
      if (!applied.events().isEmpty()) {
        List<Tombstone> tombstones = new ArrayList<>(current.tombstones());
        for (WatchEvent e : applied.events()) {
          if (e.type() == WatchEvent.Type.DELETE) {
            tombstones.add(new Tombstone(e.key(), e.modRevision()));
          }
        }
        if (tombstones.size() > TOMBSTONES) {
          tombstones = new ArrayList<>(tombstones.subList(tombstones.size() - TOMBSTONES, tombstones.size()));
        }
        StoreFileMode.requireWritable(file);
        write(state, tombstones);
      }
      return applied.result();
    } catch (IOException e) {
      throw new StoreException("cannot write store " + file + ": " + describe(e), e);
    } finally {
      jvmLock.unlock();
    }
  }

  @Override
  public Watch watch(String prefix, long fromRevision, WatchListener listener) {
    Poller poller = new Poller(prefix, fromRevision, listener);
    Thread t = new Thread(poller, "filestore-watch " + prefix);
    t.setDaemon(true);
    t.start();
    return poller;
  }

  @Override
  public String describe() {
    return "file " + file;
  }

  @Override
  public void close() {}

  // ---- reading -------------------------------------------------------------------------------

  private record Cached(Object fileKey, long modifiedNanos, long size, Contents loaded) {}

  private Contents load() {
    if (!swept) {
      swept = FileStoreTemps.sweep(file, lockFile, JVM_LOCKS.computeIfAbsent(file, p -> new ReentrantLock()));
    }
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      return Contents.empty();
    } catch (IOException e) {
      throw new StoreException("cannot read store " + file + ": " + describe(e), e);
    }
    Cached c = cache;
    long modified = attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS);
    if (c != null
        && Objects.equals(c.fileKey, attrs.fileKey())
        && c.modifiedNanos == modified
        && c.size == attrs.size()) {
      return c.loaded;
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Contents.empty();
    } catch (IOException e) {
      throw new StoreException("cannot read store " + file + ": " + describe(e), e);
    }
    Contents loaded = FileStoreFormat.parse(file, bytes);
    cache = new Cached(attrs.fileKey(), modified, attrs.size(), loaded);
    return loaded;
  }

  // ---- writing -------------------------------------------------------------------------------

  private FileChannel openLockFile() throws IOException {
    Path dir = file.getParent();
    if (!Files.isDirectory(dir)) {
      try {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } catch (UnsupportedOperationException e) {
        Files.createDirectories(dir);
      }
    }
    return FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
  }

  private FileLock acquire(FileChannel channel) throws IOException {
    long deadline = System.nanoTime() + lockTimeout.toNanos();
    long backoffMillis = 1;
    while (true) {
      try {
        FileLock lock = channel.tryLock();
        if (lock != null) {
          return lock;
        }
      } catch (OverlappingFileLockException e) {
        // held by another channel of this JVM (another FileStore on the same file): wait like for another process
      }
      if (System.nanoTime() > deadline) {
        throw new StoreException("store " + file + " is locked by another process for more than " + lockTimeout.toSeconds() + " s (lock file " + lockFile + ")");
      }
      try {
        Thread.sleep(backoffMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StoreException("interrupted while waiting for the lock on " + lockFile);
      }
      backoffMillis = Math.min(20, backoffMillis * 2);
    }
  }

  private void write(StoreState state, List<Tombstone> tombstones) throws IOException {
    byte[] bytes = FileStoreFormat.encode(state, tombstones);
    Path tmp = FileStoreTemps.temp(file, ProcessHandle.current().pid());
    try (FileChannel ch =
        FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
    StoreFileMode.copy(file, tmp);
    writeHook.reached(WriteStep.TEMP_FILE_SYNCED, tmp);
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.deleteIfExists(tmp);
      throw new IOException("the file system of " + file + " cannot rename atomically", e);
    }
    writeHook.reached(WriteStep.RENAMED, tmp);
    try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
      dir.force(true);
    }
    cache = null;
  }

  private static String describe(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied (" + e.getMessage() + ")";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or directory (" + e.getMessage() + ")";
    }
    return OneLine.of(e);
  }

  // ---- watching ------------------------------------------------------------------------------

  private final class Poller implements Runnable, Watch {
    private final String prefix;
    private final WatchListener listener;
    private volatile boolean closed;
    private long seen;

    Poller(String prefix, long fromRevision, WatchListener listener) {
      this.prefix = prefix;
      this.listener = listener;
      this.seen = fromRevision - 1;
    }

    @Override
    public void run() {
      while (!closed) {
        try {
          Contents now = load();
          if (now.state().revision() > seen) {
            List<WatchEvent> events = changesSince(now);
            if (events == null) {
              closed = true;
              listener.onError(new StoreException("watch of " + prefix + " on " + file + " fell behind the kept deletions; re-read and watch again"));
              return;
            }
            seen = now.state().revision();
            if (!events.isEmpty() && !closed) {
              listener.onEvents(events);
            }
          }
          Thread.sleep(pollInterval.toMillis());
        } catch (InterruptedException e) {
          return;
        } catch (StoreException e) {
          closed = true;
          listener.onError(e);
          return;
        }
      }
    }

    /** Events after {@code seen}, one per key (its latest), in revision order; null when deletes may have been lost. */
    private List<WatchEvent> changesSince(Contents now) {
      if (!now.tombstones().isEmpty()
          && now.tombstones().size() >= TOMBSTONES
          && now.tombstones().get(0).revision() > seen + 1) {
        return null;
      }
      Map<String, WatchEvent> latest = new LinkedHashMap<>();
      for (Tombstone t : now.tombstones()) {
        if (t.revision() > seen && t.key().startsWith(prefix)) {
          latest.put(t.key(), new WatchEvent(WatchEvent.Type.DELETE, t.key(), "", t.revision()));
        }
      }
      for (KeyValue kv : now.state().range(prefix).kvs()) {
        if (kv.modRevision() > seen) {
          latest.merge(
              kv.key(),
              new WatchEvent(WatchEvent.Type.PUT, kv.key(), kv.value(), kv.modRevision()),
              (a, b) -> a.modRevision() > b.modRevision() ? a : b);
        }
      }
      // A key deleted and not re-created keeps its tombstone; one re-created keeps its put.
      latest.values().removeIf(e -> e.type() == WatchEvent.Type.DELETE && now.state().get(e.key()) != null);
      List<WatchEvent> events = new ArrayList<>(latest.values());
      events.sort((a, b) -> Long.compare(a.modRevision(), b.modRevision()));
      return events;
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
