package io.netctl.cli;

import io.netctl.ipam.store.EtcdStore;
import io.netctl.ipam.store.Txn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;

/** What one row of the bad-input battery finds in place: a home folder with files, an environment, and the datastores. */
final class BadInputFixture {
  final Path home;
  final Map<String, String> env = new HashMap<>();
  private final EtcdStore etcd;

  BadInputFixture(Path home, EtcdStore etcd) {
    this.home = home;
    this.etcd = etcd;
  }

  CliHarness cli() {
    CliHarness c = new CliHarness(home);
    env.forEach(c::env);
    return c;
  }

  Path storeFile() {
    return home.resolve("netctl").resolve("store.json");
  }

  BadInputFixture env(String k, String v) {
    env.put(k, v);
    return this;
  }

  Path file(String name, String text) {
    return file(name, text.getBytes(StandardCharsets.UTF_8));
  }

  Path file(String name, byte[] bytes) {
    try {
      return Files.write(home.resolve(name), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Replaces the embedded store's file with {@code text}. */
  void storeFile(String text) {
    try {
      Files.createDirectories(storeFile().getParent());
      Files.writeString(storeFile(), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void chmodStore(String perms) {
    try {
      Files.setPosixFilePermissions(storeFile(), PosixFilePermissions.fromString(perms));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a key into etcd as another tool would. */
  void etcdPut(String key, String value) {
    etcd.commit(Txn.builder().create(key, value).build());
  }

  /** node-a, -b and -c allocated in the default ranges; netctl.yaml then moves the ranges to two pools, both allocated. */
  void movedRanges() {
    for (String n : new String[] {"node-a", "node-b", "node-c"}) {
      require(cli().run("allocate", n));
    }
    file("netctl.yaml", "ranges: [10.60.0.0/26]\n");
    for (String n : new String[] {"node-d", "node-e"}) {
      require(cli().run("allocate", n, "-c", home.resolve("netctl.yaml").toString()));
    }
  }

  static void require(CliHarness.Run r) {
    if (r.code() != 0) {
      throw new IllegalStateException("set-up failed: " + r);
    }
  }
}
