package io.netctl.ipam.store;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.Watch.Watcher;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchResponse;
import io.netctl.ipam.OneLine;
import java.io.File;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The etcd v3 store, over jetcd: the only class in netctl that imports jetcd. Every request is
 * bounded by the configured timeout; any failure to reach etcd becomes a one-line {@link
 * StoreException}.
 */
public final class EtcdStore implements KvStore {
  private final EtcdSettings settings;
  private final Client client;
  private final KV kv;

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
            .retryMaxDuration(settings.timeout())
            .retryMaxAttempts(3)
            .retryDelay(100)
            .retryMaxDelay(1000)
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
    this.client = b.build();
    this.kv = client.getKVClient();
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

  private static void requireReadable(Path p, String option) {
    if (p != null && !Files.isReadable(p)) {
      throw new IllegalArgumentException(option + " " + p + ": no such readable file");
    }
  }

  @Override
  public Optional<KeyValue> get(String key) {
    GetResponse r = await(kv.get(bytes(key)), "read");
    return r.getKvs().stream().map(EtcdStore::convert).findFirst();
  }

  @Override
  public Range range(String prefix) {
    GetOption opt = GetOption.builder().isPrefix(true).build();
    GetResponse r = await(kv.get(bytes(prefix), opt), "read");
    List<KeyValue> out = r.getKvs().stream().map(EtcdStore::convert).collect(Collectors.toList());
    return new Range(out, r.getHeader().getRevision());
  }

  @Override
  public List<Range> read(List<Read> reads) {
    // One transaction of reads: one round trip, one revision.
    io.etcd.jetcd.op.Op[] gets =
        reads.stream()
            .map(r -> io.etcd.jetcd.op.Op.get(bytes(r.key()), switch (r.kind()) {
              case KEY -> GetOption.DEFAULT;
              case PREFIX -> GetOption.builder().isPrefix(true).build();
              case PREFIX_KEYS_ONLY -> GetOption.builder().isPrefix(true).withKeysOnly(true).build();
            }))
            .toArray(io.etcd.jetcd.op.Op[]::new);
    TxnResponse r = await(kv.txn().Then(gets).commit(), "read");
    long revision = r.getHeader().getRevision();
    List<Range> out = new ArrayList<>();
    for (GetResponse g : r.getGetResponses()) {
      out.add(new Range(g.getKvs().stream().map(EtcdStore::convert).toList(), revision));
    }
    return out;
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
    TxnResponse r =
        await(
            kv.txn().If(cmps.toArray(Cmp[]::new)).Then(ops.toArray(io.etcd.jetcd.op.Op[]::new)).commit(),
            "transaction");
    return new TxnResult(r.isSucceeded(), r.getHeader().getRevision());
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
  }

  private <T> T await(CompletableFuture<T> f, String what) {
    try {
      return f.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      String mismatch = EndpointProbe.mismatch(settings.endpoints(), settings.timeout());
      throw new StoreException(
          describe() + " did not answer a " + what + " within " + settings.timeout().toMillis() / 1000.0 + " s: "
              + (mismatch != null ? mismatch : "is it running and reachable? (--etcd-endpoints, $ETCD_ENDPOINTS; TLS: --etcd-cacert/--etcd-cert/--etcd-key)"), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while waiting for " + describe());
    } catch (ExecutionException e) {
      String mismatch = EndpointProbe.mismatch(settings.endpoints(), settings.timeout());
      throw new StoreException(describe() + " failed (" + what + "): " + (mismatch != null ? mismatch : OneLine.of(rootCause(e))), e);
    }
  }

  private static Throwable rootCause(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    return c;
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
