package io.netctl.cli.options;

import io.netctl.ipam.BadInputException;
import io.netctl.ipam.store.KvStore;
import io.netctl.ipam.store.Snapshot;
import io.netctl.ipam.store.StoreCorruptException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --snapshot FILE}: work offline on a snapshot instead of the datastore. */
public final class SnapshotOption {
  @Option(names = "--snapshot", paramLabel = "FILE", description = "Use a snapshot (netctl snapshot export) instead of the datastore.")
  Path file;

  public boolean given() {
    return file != null;
  }

  /** The snapshot loaded into an in-memory store; a missing or malformed file is bad input (exit 2). */
  public KvStore load() {
    try {
      return Snapshot.parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8)).toStore();
    } catch (NoSuchFileException e) {
      throw new BadInputException("snapshot " + file + ": no such file (make one with: netctl snapshot export > " + file + ")");
    } catch (IOException e) {
      throw new BadInputException("snapshot " + file + ": cannot read (" + e.getMessage() + ")");
    } catch (StoreCorruptException e) {
      throw new BadInputException(e.getMessage());
    }
  }
}
