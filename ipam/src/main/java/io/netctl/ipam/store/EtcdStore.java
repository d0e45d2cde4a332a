package io.netctl.ipam.store;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.Watch.Watcher;
import io.etcd.jetcd.common.exception.EtcdException;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchResponse;
import io.grpc.Status;
import io.netctl.ipam.OneLine;
import java.io.File;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;

/**
 * The etcd v3 store, over jetcd: the only class in netctl that imports jetcd. Requests go to every
 * endpoint in turn (gRPC's round robin over the members that are up); {@link EtcdAttempts} retries
 * what etcd lets it retry within the budget of {@code --etcd-timeout} — reads simply, a
 * transaction of unknown outcome only after a read settled it — so a leader change is ridden out.
 * Any failure to use etcd becomes a one-line {@link StoreException}.
 */
public final class EtcdStore implements KvStore {
  private final EtcdSettings settings;
  private final EtcdEventLoop loop;
  private final Client client;
  private final KV kv;
  private final EtcdAttempts attempts;

  public EtcdStore(EtcdSettings settings) {
    this.settings = settings;
    for (URI u : settings.endpoints()) {
      String scheme = u.getScheme();
      if (!"http".equals(scheme) && !"https".equals(scheme) || u.getHost() == null || u.getPort() < 0) {
        throw new IllegalArgumentException(
            "invalid etcd endpoint " + u + ": expected http://HOST:PORT or https://HOST:PORT");
      }
    }
    ClientBuilder b =
        Client.builder()
            .target(target(settings.endpoints()))
            .connectTimeout(settings.timeout())
            // every retry is EtcdAttempts', within the budget; jetcd's own would not know it
            .retryMaxAttempts(0)
            // a member that lost its leader answers "etcdserver: no leader" at once (etcd's
            // WithRequireLeader), so the request is tried on another member instead of waiting
            .header("hasleader", "true")
            // etcd answers pings more often than every 5 s (its --grpc-keepalive-min-time) with
            // GOAWAY "too_many_pings"; a minute is what long-lived watchers need.
            .keepaliveTime(java.time.Duration.ofSeconds(60))
            .keepaliveTimeout(java.time.Duration.ofSeconds(20))
            .keepaliveWithoutCalls(false);
    boolean tls = settings.endpoints().stream().anyMatch(u -> "https".equals(u.getScheme()));
    if (tls || settings.cacert() != null || settings.cert() != null) {
      requireReadable(settings.cacert(), "--etcd-cacert");
      requireReadable(settings.cert(), "--etcd-cert");
      requireReadable(settings.key(), "--etcd-key");
      try {
        b.sslContext(
            ssl -> {
              if (settings.cacert() != null) {
                ssl.trustManager(settings.cacert().toFile());
              }
              if (settings.cert() != null) {
                File cert = settings.cert().toFile();
                File key = settings.key().toFile();
                ssl.keyManager(cert, key);
              }
            });
      } catch (Exception | Error e) {
        throw new IllegalArgumentException(
            "cannot use the etcd TLS files: " + OneLine.of(e)
                + " (the key must be an unencrypted PEM key; convert with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8)");
      }
    }
    this.loop = new EtcdEventLoop();
    this.client = b.vertx(loop.vertx()).build();
    this.kv = client.getKVClient();
    this.attempts = new EtcdAttempts(describe(), settings.timeout(), settings.budget(), EtcdStore::failure, EtcdAttempts.Timing.SYSTEM);
  }

  /**
   * jetcd's target for the endpoints ({@code ip:///HOST:PORT,...}), with the brackets of IPv6
   * literals escaped: gRPC cannot parse {@code [::1]} in a target's path, and jetcd's resolver
   * decodes the escapes back.
   */
  static String target(List<URI> endpoints) {
    return "ip:///" + endpoints.stream()
        .map(u -> u.getHost().replace("[", "%5B").replace("]", "%5D") + ":" + u.getPort())
        .distinct()
        .collect(Collectors.joining(","));
  }

  /**
   * Runs {@code call}; when it fails without an answer from etcd (not an election, not a
   * transaction of unknown outcome), asks the endpoints what listens there, so that {@code
   * https://} to a plain-http etcd (or {@code http://} to a TLS-only one) is named as such.
   */
  private <T> T explained(java.util.function.Supplier<T> call) {
    try {
      return call.get();
    } catch (BudgetSpentException e) {
      if (e.why() != BudgetSpentException.Why.NO_ANSWER) {
        throw e;
      }
      String mismatch = EndpointProbe.mismatch(settings.endpoints(), settings.timeout());
      throw mismatch == null ? e : new BudgetSpentException(e.why(), describe() + " did not answer: " + mismatch);
    } catch (StoreException e) {
      String mismatch = EndpointProbe.mismatch(settings.endpoints(), settings.timeout());
      throw mismatch == null ? e : new StoreException(describe() + " failed: " + mismatch, e);
    }
  }

  private static void requireReadable(Path p, String option) {
    if (p != null && !Files.isReadable(p)) {
      throw new IllegalArgumentException(option + " " + p + ": no such readable file");
    }
  }

  @Override
  public Optional<KeyValue> get(String key) {
    return explained(() -> attempts.read(() -> kv.get(bytes(key)).thenApply(r -> r.getKvs().stream().map(EtcdStore::convert).findFirst())));
  }

  @Override
  public Range range(String prefix) {
    GetOption opt = GetOption.builder().isPrefix(true).build();
    return explained(() -> attempts.read(() -> kv.get(bytes(prefix), opt).thenApply(r ->
        new Range(r.getKvs().stream().map(EtcdStore::convert).collect(Collectors.toList()), r.getHeader().getRevision()))));
  }

  @Override
  public List<Range> read(List<Read> reads) {
    // One transaction of reads: one round trip, one revision.
    return explained(() -> attempts.read(() -> readTxn(reads).thenApply(r -> {
      long revision = r.getHeader().getRevision();
      List<Range> out = new ArrayList<>();
      for (GetResponse g : r.getGetResponses()) {
        out.add(new Range(g.getKvs().stream().map(EtcdStore::convert).toList(), revision));
      }
      return out;
    })));
  }

  private CompletableFuture<TxnResponse> readTxn(List<Read> reads) {
    io.etcd.jetcd.op.Op[] gets =
        reads.stream()
            .map(r -> io.etcd.jetcd.op.Op.get(bytes(r.key()), switch (r.kind()) {
              case KEY -> GetOption.DEFAULT;
              case PREFIX -> GetOption.builder().isPrefix(true).build();
              case PREFIX_KEYS_ONLY -> GetOption.builder().isPrefix(true).withKeysOnly(true).build();
            }))
            .toArray(io.etcd.jetcd.op.Op[]::new);
    return kv.txn().Then(gets).commit();
  }

  @Override
  public TxnResult commit(Txn txn) {
    List<Cmp> cmps = new ArrayList<>();
    for (Compare c : txn.compares()) {
      CmpTarget<?> target =
          switch (c.target()) {
            case VERSION -> CmpTarget.version(c.expected());
            case MOD_REVISION -> CmpTarget.modRevision(c.expected());
          };
      cmps.add(new Cmp(bytes(c.key()), Cmp.Op.EQUAL, target));
    }
    List<io.etcd.jetcd.op.Op> ops = new ArrayList<>();
    for (Op op : txn.ops()) {
      if (op instanceof Op.Put put) {
        ops.add(io.etcd.jetcd.op.Op.put(bytes(put.key()), bytes(put.value()), PutOption.DEFAULT));
      } else {
        ops.add(io.etcd.jetcd.op.Op.delete(bytes(op.key()), DeleteOption.DEFAULT));
      }
    }
    return explained(() -> attempts.commit(
        () -> kv.txn().If(cmps.toArray(Cmp[]::new)).Then(ops.toArray(io.etcd.jetcd.op.Op[]::new)).commit()
            .thenApply(r -> new TxnResult(r.isSucceeded(), r.getHeader().getRevision())),
        () -> settle(txn)));
  }

  /** Reads every key {@code txn} touches, linearizably, and says whether it shows as applied ({@link TxnSettlement}). */
  private CompletableFuture<OptionalLong> settle(Txn txn) {
    Set<String> keys = new LinkedHashSet<>();
    txn.ops().forEach(op -> keys.add(op.key()));
    txn.compares().forEach(c -> keys.add(c.key()));
    List<Read> reads = keys.stream().map(Read::key).toList();
    return readTxn(reads).thenApply(r -> {
      Map<String, KeyValue> now = new HashMap<>();
      for (GetResponse g : r.getGetResponses()) {
        g.getKvs().stream().map(EtcdStore::convert).forEach(kv -> now.put(kv.key(), kv));
      }
      return TxnSettlement.applied(txn, now, r.getHeader().getRevision());
    });
  }

  @Override
  public Watch watch(String prefix, long fromRevision, WatchListener listener) {
    WatchOption opt = WatchOption.builder().isPrefix(true).withRevision(fromRevision).build();
    Watcher w =
        client
            .getWatchClient()
            .watch(
                bytes(prefix),
                opt,
                new io.etcd.jetcd.Watch.Listener() {
                  @Override
                  public void onNext(WatchResponse response) {
                    List<WatchEvent> events = new ArrayList<>();
                    for (io.etcd.jetcd.watch.WatchEvent e : response.getEvents()) {
                      io.etcd.jetcd.KeyValue k = e.getKeyValue();
                      boolean put = e.getEventType() == io.etcd.jetcd.watch.WatchEvent.EventType.PUT;
                      events.add(
                          new WatchEvent(
                              put ? WatchEvent.Type.PUT : WatchEvent.Type.DELETE,
                              string(k.getKey()),
                              put ? string(k.getValue()) : "",
                              k.getModRevision()));
                    }
                    if (!events.isEmpty()) {
                      listener.onEvents(events);
                    }
                  }

                  @Override
                  public void onError(Throwable t) {
                    listener.onError(new StoreException("watch of " + prefix + " on " + describe() + " failed: " + OneLine.of(t), t));
                  }

                  @Override
                  public void onCompleted() {
                    listener.onError(new StoreException("watch of " + prefix + " on " + describe() + " ended"));
                  }
                });
    return w::close;
  }

  @Override
  public String describe() {
    return "etcd " + settings.endpoints().stream().map(URI::toString).collect(Collectors.joining(","));
  }

  @Override
  public void close() {
    client.close();
    loop.close(settings.timeout());
  }

  /** What a failed attempt means: etcd's code and description (jetcd's exception or gRPC's status), and whether TLS refused. */
  private static EtcdFailure failure(Throwable t) {
    boolean tls = false;
    EtcdException etcd = null;
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      tls |= c instanceof SSLException || c instanceof GeneralSecurityException;
      if (etcd == null && c instanceof EtcdException e) {
        etcd = e;
      }
    }
    if (etcd != null) {
      return EtcdFailure.of(etcd.getErrorCode().name(), etcd.getMessage(), tls);
    }
    Status s = Status.fromThrowable(t);
    String description = s.getDescription();
    if (s.getCause() != null && (description == null || !description.startsWith("etcdserver:"))) {
      // gRPC's own failures ("io exception") say why only in their cause
      Throwable root = s.getCause();
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      description = (description == null ? "" : description + ": ") + OneLine.of(root);
    }
    return EtcdFailure.of(s.getCode().name(), description, tls);
  }

  private static KeyValue convert(io.etcd.jetcd.KeyValue k) {
    return new KeyValue(string(k.getKey()), string(k.getValue()), k.getCreateRevision(), k.getModRevision(), k.getVersion());
  }

  private static ByteSequence bytes(String s) {
    return ByteSequence.from(s, StandardCharsets.UTF_8);
  }

  private static String string(ByteSequence b) {
    return b.toString(StandardCharsets.UTF_8);
  }
}
