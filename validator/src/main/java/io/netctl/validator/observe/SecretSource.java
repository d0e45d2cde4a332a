package io.netctl.validator.observe;

import io.netctl.bgp.calico.SecretRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * The BGP password Secrets as calico-node's confd reads them: by name, in its own namespace, through
 * a watch its service account must be allowed ({@code confd/pkg/backends/calico/secret_watcher.go
 * ensureWatchingSecret}, {@code GetSecret}); when it cannot, confd renders the BGPPeer without a
 * password and only logs a warning ({@code client.go getPassword}).
 */
public interface SecretSource {

  /** What calico-node would read for {@code ref}. */
  SecretRead read(SecretRef ref);

  /** Where the Secrets are read, for reports. */
  String where();

  /** One Secret key as calico-node would read it. */
  sealed interface SecretRead permits Readable, Unreadable, Unknown {}

  /** calico-node reads these bytes (confd renders them as they are). */
  record Readable(byte[] value) implements SecretRead {
    public Readable {
      Objects.requireNonNull(value, "value");
      value = value.clone();
    }
  }

  /** calico-node cannot read it, for this reason (no Secret, no key, not allowed): confd renders no password. */
  record Unreadable(String why) implements SecretRead {}

  /** Whether calico-node can read it cannot be told from here, for this reason. */
  record Unknown(String why) implements SecretRead {}

  /**
   * Secrets saved to files ({@code netctl check --calico-secret NAME/KEY=FILE}): each file's bytes
   * are what calico-node reads; a reference without a file cannot be told.
   */
  static SecretSource files(Map<SecretRef, Path> files) {
    Map<SecretRef, Path> copy = Map.copyOf(files);
    return new SecretSource() {
      @Override
      public SecretRead read(SecretRef ref) {
        Path f = copy.get(ref);
        if (f == null) {
          return new Unknown("no --calico-secret " + ref.name() + "/" + ref.key() + "=FILE given");
        }
        try {
          return new Readable(Files.readAllBytes(f));
        } catch (NoSuchFileException e) {
          return new Unknown("--calico-secret " + ref.name() + "/" + ref.key() + "=" + f + ": no such file");
        } catch (IOException e) {
          return new Unknown("--calico-secret " + ref.name() + "/" + ref.key() + "=" + f + ": cannot read (" + e.getMessage() + ")");
        }
      }

      @Override
      public String where() {
        return "the files given with --calico-secret";
      }
    };
  }
}
