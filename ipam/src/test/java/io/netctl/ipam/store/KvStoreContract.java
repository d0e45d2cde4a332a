package io.netctl.ipam.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import io.netctl.lab.Poll;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The one contract every {@link KvStore} passes: etcd v3's semantics for versions, revisions,
 * compare-and-swap transactions, prefix ranges and watches. Subclasses provide fresh, empty
 * stores; {@link #newClient()} gives another client of the same store (another process for a
 * file, another connection for etcd).
 */
public abstract class KvStoreContract {
  protected KvStore store;

  /** A new, empty store (each test gets its own key space). */
  protected abstract KvStore newStore();

  /** Another client of the store under test. */
  protected abstract KvStore newClient();

  /** A prefix isolating this test's keys (etcd is shared across tests of a class). */
  protected String p;

  @BeforeEach
  void open() {
    store = newStore();
    p = "/t/" + System.nanoTime() + "/";
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  @Test
  void absentKeyIsEmpty() {
    assertThat(store.get(p + "nothing")).isEmpty();
    assertThat(store.range(p).kvs()).isEmpty();
  }

  @Test
  void createSucceedsOnceAndSetsRevisions() {
    TxnResult first = store.commit(Txn.builder().create(p + "k", "v1").build());
    assertThat(first.succeeded()).isTrue();
    KeyValue kv = store.get(p + "k").orElseThrow();
    assertThat(kv.value()).isEqualTo("v1");
    assertThat(kv.version()).isEqualTo(1);
    assertThat(kv.createRevision()).isEqualTo(first.revision());
    assertThat(kv.modRevision()).isEqualTo(first.revision());

    TxnResult second = store.commit(Txn.builder().create(p + "k", "v2").build());
    assertThat(second.succeeded()).isFalse();
    assertThat(second.revision()).isEqualTo(first.revision());
    assertThat(store.get(p + "k").orElseThrow().value()).isEqualTo("v1");
  }

  @Test
  void updateIsGuardedByModRevision() {
    store.commit(Txn.builder().create(p + "k", "v1").build());
    KeyValue read = store.get(p + "k").orElseThrow();
    TxnResult up = store.commit(Txn.builder().update(read, "v2").build());
    assertThat(up.succeeded()).isTrue();
    KeyValue now = store.get(p + "k").orElseThrow();
    assertThat(now.version()).isEqualTo(2);
    assertThat(now.createRevision()).isEqualTo(read.createRevision());
    assertThat(now.modRevision()).isEqualTo(up.revision()).isGreaterThan(read.modRevision());

    // A second writer holding the stale read loses and writes nothing.
    TxnResult stale = store.commit(Txn.builder().update(read, "v3").build());
    assertThat(stale.succeeded()).isFalse();
    assertThat(store.get(p + "k").orElseThrow().value()).isEqualTo("v2");
  }

  @Test
  void transactionIsAllOrNothing() {
    store.commit(Txn.builder().create(p + "b", "taken").build());
    long before = store.range(p).revision();
    TxnResult r = store.commit(Txn.builder().create(p + "a", "1").create(p + "b", "2").create(p + "c", "3").build());
    assertThat(r.succeeded()).isFalse();
    assertThat(store.get(p + "a")).isEmpty();
    assertThat(store.get(p + "c")).isEmpty();
    assertThat(store.get(p + "b").orElseThrow().value()).isEqualTo("taken");
    assertThat(store.range(p).revision()).isEqualTo(before);

    TxnResult ok = store.commit(Txn.builder().create(p + "a", "1").create(p + "c", "3").build());
    assertThat(ok.succeeded()).isTrue();
    KeyValue a = store.get(p + "a").orElseThrow();
    KeyValue c = store.get(p + "c").orElseThrow();
    assertThat(a.modRevision()).isEqualTo(c.modRevision()).isEqualTo(ok.revision());
  }

  @Test
  void deleteAndRecreateStartsANewVersionHistory() {
    store.commit(Txn.builder().create(p + "k", "v1").build());
    KeyValue first = store.get(p + "k").orElseThrow();
    store.commit(Txn.builder().update(first, "v2").build());
    KeyValue second = store.get(p + "k").orElseThrow();
    assertThat(store.commit(Txn.builder().delete(second).build()).succeeded()).isTrue();
    assertThat(store.get(p + "k")).isEmpty();
    // absent again: version compare 0 holds
    TxnResult again = store.commit(Txn.builder().create(p + "k", "v3").build());
    assertThat(again.succeeded()).isTrue();
    KeyValue third = store.get(p + "k").orElseThrow();
    assertThat(third.version()).isEqualTo(1);
    assertThat(third.createRevision()).isGreaterThan(first.createRevision());
  }

  @Test
  void deletingNothingChangesNothing() {
    store.commit(Txn.builder().create(p + "k", "v").build());
    long rev = store.range(p).revision();
    TxnResult r = store.commit(new Txn(List.of(), List.of(Op.delete(p + "absent"))));
    assertThat(r.succeeded()).isTrue();
    assertThat(r.revision()).isEqualTo(rev);
    assertThat(store.range(p).revision()).isEqualTo(rev);
  }

  @Test
  void compareOnAbsentKeyModRevisionIsZero() {
    assertThat(store.commit(new Txn(List.of(new Compare(p + "x", Compare.Target.MOD_REVISION, 0)), List.of(Op.put(p + "y", "1")))).succeeded()).isTrue();
    assertThat(store.commit(new Txn(List.of(new Compare(p + "x", Compare.Target.MOD_REVISION, 5)), List.of(Op.put(p + "y", "2")))).succeeded()).isFalse();
    assertThat(store.get(p + "y").orElseThrow().value()).isEqualTo("1");
  }

  @Test
  void rangeIsByPrefixSortedAndAtOneRevision() {
    store.commit(Txn.builder().create(p + "a/2", "2").create(p + "a/1", "1").create(p + "ab", "x").create(p + "b/1", "y").build());
    Range r = store.range(p + "a/");
    assertThat(r.kvs()).extracting(KeyValue::key).containsExactly(p + "a/1", p + "a/2");
    assertThat(r.revision()).isGreaterThanOrEqualTo(r.kvs().get(0).modRevision());

    List<Range> both = store.ranges(List.of(p + "a/", p + "b/", p + "none/"));
    assertThat(both).hasSize(3);
    assertThat(both.get(0).kvs()).hasSize(2);
    assertThat(both.get(1).kvs()).extracting(KeyValue::value).containsExactly("y");
    assertThat(both.get(2).kvs()).isEmpty();
    assertThat(both.get(0).revision()).isEqualTo(both.get(1).revision()).isEqualTo(both.get(2).revision());
  }

  @Test
  void readBatchesExactKeysPrefixesAndKeysOnly() {
    store.commit(Txn.builder().create(p + "a", "1").create(p + "ab", "2").create(p + "b/x", "3").create(p + "b/y", "4").build());
    List<Range> r = store.read(List.of(Read.key(p + "a"), Read.key(p + "zz"), Read.keysOnly(p + "b/"), Read.prefix(p + "b/")));
    assertThat(r.get(0).kvs()).extracting(KeyValue::key).containsExactly(p + "a");
    assertThat(r.get(1).kvs()).isEmpty();
    assertThat(r.get(2).kvs()).extracting(KeyValue::key).containsExactly(p + "b/x", p + "b/y");
    assertThat(r.get(2).kvs()).extracting(KeyValue::value).containsOnly("");
    assertThat(r.get(2).kvs().get(0).modRevision()).isEqualTo(r.get(3).kvs().get(0).modRevision());
    assertThat(r.get(3).kvs()).extracting(KeyValue::value).containsExactly("3", "4");
    assertThat(r).extracting(Range::revision).containsOnly(r.get(0).revision());
  }

  @Test
  void valuesRoundTripUnicodeAndJson() {
    String v = "{\"cidr\":\"10.3.240.0/27\",\"note\":\"h\u00e9 \u4e2d\u6587 \\\"q\\\"\\n\"}";
    store.commit(Txn.builder().create(p + "u", v).build());
    assertThat(store.get(p + "u").orElseThrow().value()).isEqualTo(v);
  }

  @Test
  void anotherClientSeesCommittedWrites() {
    store.commit(Txn.builder().create(p + "k", "v").build());
    try (KvStore other = newClient()) {
      assertThat(other.get(p + "k").map(KeyValue::value)).contains("v");
      assertThat(other.commit(Txn.builder().create(p + "k", "w").build()).succeeded()).isFalse();
    }
  }

  @Test
  void concurrentCompareAndSwapLosesNoUpdate() throws Exception {
    store.commit(Txn.builder().create(p + "counter", "0").build());
    int clients = 4;
    int increments = 25;
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<KvStore> opened = Collections.synchronizedList(new ArrayList<>());
    try {
      List<Future<Integer>> futures = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        futures.add(pool.submit(() -> {
          KvStore s = newClient();
          opened.add(s);
          int conflicts = 0;
          for (int i = 0; i < increments; i++) {
            while (true) {
              KeyValue kv = s.get(p + "counter").orElseThrow();
              int n = Integer.parseInt(kv.value());
              if (s.commit(Txn.builder().update(kv, Integer.toString(n + 1)).build()).succeeded()) {
                break;
              }
              conflicts++;
            }
          }
          return conflicts;
        }));
      }
      for (Future<Integer> f : futures) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
      opened.forEach(KvStore::close);
    }
    KeyValue end = store.get(p + "counter").orElseThrow();
    assertThat(end.value()).isEqualTo(Integer.toString(clients * increments));
    assertThat(end.version()).isEqualTo(1 + clients * increments);
  }

  @Test
  void watchDeliversChangesUnderThePrefix() {
    long start = store.range(p).revision() + 1;
    AtomicReference<Throwable> error = new AtomicReference<>();
    Map<String, String> seen = Collections.synchronizedMap(new HashMap<>());
    List<Long> revisions = Collections.synchronizedList(new ArrayList<>());
    try (KvStore.Watch w = store.watch(p + "w/", start, new WatchListener() {
          @Override
          public void onEvents(List<WatchEvent> events) {
            for (WatchEvent e : events) {
              revisions.add(e.modRevision());
              if (e.type() == WatchEvent.Type.PUT) {
                seen.put(e.key(), e.value());
              } else {
                seen.put(e.key(), "<deleted>");
              }
            }
          }

          @Override
          public void onError(StoreException e) {
            error.set(e);
          }
        })) {
      store.commit(Txn.builder().create(p + "w/a", "1").build());
      store.commit(Txn.builder().create(p + "other", "x").build());
      store.commit(Txn.builder().create(p + "w/b", "2").build());
      KeyValue a = store.get(p + "w/a").orElseThrow();
      store.commit(Txn.builder().delete(a).build());
      KeyValue b = store.get(p + "w/b").orElseThrow();
      store.commit(Txn.builder().update(b, "3").build());
      Poll.until(Duration.ofSeconds(10), "watch events", () -> "3".equals(seen.get(p + "w/b")) && "<deleted>".equals(seen.get(p + "w/a")));
      assertThat(error.get()).isNull();
      assertThat(seen).doesNotContainKey(p + "other");
      assertThat(revisions).isSorted().allMatch(r -> r >= start);
    }
  }

  @Test
  void aWatchFromAPastRevisionGetsTheChangesMadeBeforeItOpened() {
    long start = store.range(p).revision() + 1;
    store.commit(Txn.builder().create(p + "late/a", "1").build()); // after the read, before the watch: etcd replays it
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    AtomicReference<Throwable> error = new AtomicReference<>();
    try (KvStore.Watch w = store.watch(p + "late/", start, new WatchListener() {
          @Override
          public void onEvents(List<WatchEvent> events) {
            events.forEach(e -> seen.add(e.key() + "=" + e.value()));
          }

          @Override
          public void onError(StoreException e) {
            error.set(e);
          }
        })) {
      store.commit(Txn.builder().create(p + "late/b", "2").build());
      Poll.until(Duration.ofSeconds(10), "both changes", () -> seen.size() >= 2);
      assertThat(error.get()).isNull();
      assertThat(seen).containsExactly(p + "late/a=1", p + "late/b=2");
    }
  }

  protected static Optional<String> value(KvStore s, String key) {
    return s.get(key).map(KeyValue::value);
  }
}
