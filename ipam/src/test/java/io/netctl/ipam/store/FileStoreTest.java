package io.netctl.ipam.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import io.netctl.lab.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract on the file store, plus what only a file can do wrong: corruption, foreign files, crashes, processes. */
class FileStoreTest extends KvStoreContract {
  @TempDir Path dir;
  private Path file;

  @Override
  protected KvStore newStore() {
    file = dir.resolve("state-" + System.nanoTime()).resolve("store.json");
    return new FileStore(file, Duration.ofSeconds(10), Duration.ofMillis(20));
  }

  @Override
  protected KvStore newClient() {
    return new FileStore(file, Duration.ofSeconds(10), Duration.ofMillis(20));
  }

  @Test
  void aMissingFileIsAnEmptyStoreAndIsCreatedOnTheFirstWrite() {
    assertThat(Files.exists(file)).isFalse();
    assertThat(store.range("/").kvs()).isEmpty();
    assertThat(Files.exists(file)).isFalse();
    store.commit(Txn.builder().create("/k", "v").build());
    assertThat(Files.exists(file)).isTrue();
    assertThat(value(newClient(), "/k")).contains("v");
  }

  @Test
  void aCorruptFileIsReportedAndNeverOverwritten() throws IOException {
    Files.createDirectories(file.getParent());
    byte[] garbage = "{\"format\":\"netctl-store\",\"formatVersion\":1,\"revision\":3,\"kvs\":[{\"key\":\"/a\",".getBytes(StandardCharsets.UTF_8);
    Files.write(file, garbage);
    assertThatThrownBy(() -> store.get("/a"))
        .isInstanceOf(StoreCorruptException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("corrupt");
    assertThatThrownBy(() -> store.commit(Txn.builder().create("/b", "x").build())).isInstanceOf(StoreCorruptException.class);
    assertThat(Files.readAllBytes(file)).isEqualTo(garbage);
  }

  @Test
  void aForeignFileIsRefused() throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, "{\"apiVersion\":\"v1\",\"kind\":\"Config\"}");
    assertThatThrownBy(() -> store.range("/"))
        .isInstanceOf(StoreCorruptException.class)
        .hasMessageContaining("is not a netctl store");
    Files.writeString(file, "");
    assertThatThrownBy(() -> store.range("/")).isInstanceOf(StoreCorruptException.class).hasMessageContaining("empty");
    Files.writeString(file, "- just\n- yaml\n");
    assertThatThrownBy(() -> store.range("/")).isInstanceOf(StoreCorruptException.class);
    Files.writeString(file, "{\"format\":\"netctl-store\",\"formatVersion\":9,\"revision\":1,\"kvs\":[]}");
    assertThatThrownBy(() -> store.range("/")).isInstanceOf(StoreCorruptException.class).hasMessageContaining("format version 9");
  }

  @Test
  void inconsistentRevisionsAreCorruption() throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, "{\"format\":\"netctl-store\",\"formatVersion\":1,\"revision\":2,\"kvs\":[{\"key\":\"/a\",\"value\":\"x\",\"createRevision\":2,\"modRevision\":7,\"version\":1}]}");
    assertThatThrownBy(() -> store.get("/a")).isInstanceOf(StoreCorruptException.class).hasMessageContaining("/a");
  }

  @Test
  void anUnwritableFolderIsAClearError() throws IOException {
    Path ro = dir.resolve("ro");
    Files.createDirectories(ro);
    Path roFile = ro.resolve("sub").resolve("store.json");
    Files.createFile(ro.resolve("sub")); // a file where the folder should be
    try (FileStore s = new FileStore(roFile)) {
      assertThatThrownBy(() -> s.commit(Txn.builder().create("/k", "v").build()))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("cannot write store");
    }
  }

  @Test
  void processesNeverBothWinACompare() throws Exception {
    store.commit(Txn.builder().create("/counter", "0").build());
    int processes = 3;
    int each = 40;
    List<Process> ps = new ArrayList<>();
    try {
      for (int i = 0; i < processes; i++) {
        ps.add(javaProcess(FileStoreHammer.class, file.toString(), "/counter", Integer.toString(each)));
      }
      for (Process p : ps) {
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("hammer process finished").isTrue();
        assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).contains("done");
        assertThat(p.exitValue()).isZero();
      }
    } finally {
      ps.forEach(Process::destroyForcibly);
    }
    KeyValue kv = store.get("/counter").orElseThrow();
    assertThat(kv.value()).isEqualTo(Integer.toString(processes * each));
    assertThat(kv.version()).isEqualTo(1 + processes * each);
  }

  @Test
  void aProcessKilledMidWriteLeavesAConsistentFile() throws Exception {
    store.commit(Txn.builder().create("/counter", "0").build());
    Process p = javaProcess(FileStoreHammer.class, file.toString(), "/counter", "100000");
    try {
      Poll.until(Duration.ofSeconds(60), "the hammer to have committed", () -> Integer.parseInt(value(store, "/counter").orElse("0")) > 50);
    } finally {
      p.destroyForcibly(); // SIGKILL: no shutdown hooks, maybe in the middle of a write
      p.waitFor(10, TimeUnit.SECONDS);
    }
    try (FileStore after = new FileStore(file)) {
      KeyValue kv = after.get("/counter").orElseThrow();
      assertThat(Long.parseLong(kv.value())).isEqualTo(kv.version() - 1);
      // and it is still writable (the lock died with the process)
      assertThat(after.commit(Txn.builder().update(kv, "done").build()).succeeded()).isTrue();
    }
  }

  @Test
  void watchReportsDeletesThroughTombstones() {
    store.commit(Txn.builder().create("/w/a", "1").build());
    long from = store.range("/w/").revision() + 1;
    List<WatchEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (KvStore.Watch w = store.watch("/w/", from, new WatchListener() {
          public void onEvents(List<WatchEvent> e) { events.addAll(e); }
          public void onError(StoreException e) {}
        })) {
      try (KvStore other = newClient()) {
        other.commit(Txn.builder().delete(other.get("/w/a").orElseThrow()).build());
      }
      Poll.until(Duration.ofSeconds(10), "the delete event", () -> !events.isEmpty());
      assertThat(events).singleElement().satisfies(e -> {
        assertThat(e.type()).isEqualTo(WatchEvent.Type.DELETE);
        assertThat(e.key()).isEqualTo("/w/a");
      });
    }
  }

  @Test
  void defaultPathFollowsXdgStateHome() {
    assertThat(FileStore.defaultPath(Map.of("XDG_STATE_HOME", "/x/state", "HOME", "/home/u")))
        .isEqualTo(Path.of("/x/state/netctl/store.json"));
    assertThat(FileStore.defaultPath(Map.of("HOME", "/home/u")))
        .isEqualTo(Path.of("/home/u/.local/state/netctl/store.json"));
  }

  static Process javaProcess(Class<?> main, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), main.getName()));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectErrorStream(true).start();
  }
}
