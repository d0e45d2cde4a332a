package io.netctl.cli.options;

import io.netctl.cli.CliContext;
import io.netctl.ipam.BadInputException;
import io.netctl.ipam.Names;
import io.netctl.ipam.store.EtcdSettings;
import io.netctl.ipam.store.EtcdStore;
import io.netctl.ipam.store.FileStore;
import io.netctl.ipam.store.KvStore;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Which datastore: etcd when {@code --etcd-endpoints} or {@code $ETCD_ENDPOINTS} is set, else the
 * embedded file store ({@code --store}, default {@code $XDG_STATE_HOME/netctl/store.json} or
 * {@code ~/.local/state/netctl/store.json}). TLS options use etcdctl's names.
 */
public final class StoreOptions {
  @Option(names = "--store", paramLabel = "PATH", scope = ScopeType.INHERIT, description = "Embedded store file (default: $XDG_STATE_HOME/netctl/store.json or ~/.local/state/netctl/store.json). Not with --etcd-endpoints.")
  Path store;

  // not split by picocli: it drops empty entries, and "$A,$B" of empty variables must be seen as such
  @Option(names = "--etcd-endpoints", paramLabel = "URLS", scope = ScopeType.INHERIT, description = "etcd client URLs, comma-separated (default: $ETCD_ENDPOINTS; none: use the embedded store).")
  List<String> endpoints;

  @Option(names = "--etcd-cacert", paramLabel = "FILE", scope = ScopeType.INHERIT, description = "CA bundle to verify etcd's certificate (default: $ETCD_CACERT).")
  Path cacert;

  @Option(names = "--etcd-cert", paramLabel = "FILE", scope = ScopeType.INHERIT, description = "Client certificate for etcd (default: $ETCD_CERT).")
  Path cert;

  @Option(names = "--etcd-key", paramLabel = "FILE", scope = ScopeType.INHERIT, description = "Client key for etcd, unencrypted PKCS#8 PEM (default: $ETCD_KEY).")
  Path key;

  @Option(names = "--etcd-timeout", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class, scope = ScopeType.INHERIT,
      description = "Budget for talking to etcd, retries on other members included: all of a command's requests from its first (controller, agent, sync --watch: each request) (default: ${DEFAULT-VALUE}).")
  Duration timeout = Duration.ofSeconds(5);

  /**
   * Whether a datastore was named (--store, --etcd-endpoints or $ETCD_ENDPOINTS, even an empty one)
   * rather than left to the default file.
   */
  public boolean configured(CliContext ctx) {
    return store != null || endpoints != null || ctx.env().get("ETCD_ENDPOINTS") != null;
  }

  /**
   * Opens the configured store for a one-shot command: {@code --etcd-timeout} bounds everything it
   * asks etcd, from its first request. Bad settings are bad input (exit 2). An endpoint list that
   * was given but names no endpoint ({@code ","}, {@code " "}, a script's {@code "$A,$B"} of empty
   * variables) is refused: netctl never falls back to the file store silently.
   */
  public KvStore open(CliContext ctx) {
    return open(ctx, EtcdSettings.Budget.COMMAND);
  }

  /** Opens the configured store for a long-running process: {@code --etcd-timeout} bounds each request. */
  public KvStore openLongRunning(CliContext ctx) {
    return open(ctx, EtcdSettings.Budget.CALL);
  }

  private KvStore open(CliContext ctx, EtcdSettings.Budget budget) {
    Optional<EtcdSettings> etcd = etcdSettings(ctx, budget);
    if (etcd.isEmpty()) {
      Path p = store != null ? store : FileStore.defaultPath(ctx.env());
      if (Files.isDirectory(p)) {
        p = p.resolve("store.json");
      }
      return new FileStore(p);
    }
    try {
      return new EtcdStore(etcd.get());
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage());
    }
  }

  /** As {@link #etcdSettings(CliContext, EtcdSettings.Budget)} for a one-shot command. */
  public Optional<EtcdSettings> etcdSettings(CliContext ctx) {
    return etcdSettings(ctx, EtcdSettings.Budget.COMMAND);
  }

  /**
   * The etcd settings the flags and environment give ({@code --etcd-*}, {@code $ETCD_*}), or empty
   * for the embedded store; contradicting or malformed values are bad input (exit 2). An endpoint
   * list that was given but names no endpoint is refused: never a silent fall-back to the file store.
   */
  public Optional<EtcdSettings> etcdSettings(CliContext ctx, EtcdSettings.Budget budget) {
    String given = endpoints == null ? null : String.join(",", endpoints);
    List<String> eps = given == null ? null : List.of(given.split(",", -1));
    String from = "--etcd-endpoints";
    if (eps == null && ctx.env().get("ETCD_ENDPOINTS") != null) {
      given = ctx.env().get("ETCD_ENDPOINTS");
      eps = List.of(given.split(",", -1));
      from = "$ETCD_ENDPOINTS";
    }
    if (eps != null && eps.stream().allMatch(String::isBlank)) {
      throw new BadInputException(from + " \"" + Names.printable(given) + "\" names no endpoint: give http://HOST:PORT[,...]"
          + (from.startsWith("$") ? ", or unset ETCD_ENDPOINTS to use the embedded store" : ", or leave the flag out to use the embedded store"));
    }
    Bounds.duration("--etcd-timeout", timeout, Bounds.ETCD_TIMEOUT_MIN, Bounds.ETCD_TIMEOUT_MAX);
    if (eps == null) {
      if (cacert != null || cert != null || key != null) {
        throw new BadInputException("--etcd-cacert/--etcd-cert/--etcd-key need --etcd-endpoints (or $ETCD_ENDPOINTS)");
      }
      return Optional.empty();
    }
    if (store != null) {
      throw new BadInputException("--store and --etcd-endpoints exclude each other: use one datastore");
    }
    List<URI> uris = new ArrayList<>();
    for (String e : eps) {
      String s = e.strip();
      if (s.isEmpty()) {
        throw new BadInputException(from + " \"" + Names.printable(given) + "\" has an empty entry: give http://HOST:PORT[,...] without empty items");
      }
      if (!s.contains("://")) {
        s = "http://" + s;
      }
      try {
        URI u = new URI(s);
        if (u.getHost() == null || u.getPort() < 0 || !(u.getScheme().equals("http") || u.getScheme().equals("https"))) {
          throw new URISyntaxException(e, "expected http(s)://HOST:PORT");
        }
        uris.add(u);
      } catch (URISyntaxException ex) {
        throw new BadInputException("invalid etcd endpoint \"" + e + "\": expected http://HOST:PORT or https://HOST:PORT");
      }
    }
    Path ca = orEnv(cacert, ctx, "ETCD_CACERT");
    Path crt = orEnv(cert, ctx, "ETCD_CERT");
    Path k = orEnv(key, ctx, "ETCD_KEY");
    try {
      return Optional.of(new EtcdSettings(uris, ca, crt, k, timeout, budget));
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage());
    }
  }

  private static Path orEnv(Path p, CliContext ctx, String var) {
    if (p != null) {
      return p;
    }
    String v = ctx.env().get(var);
    return v == null || v.isBlank() ? null : Path.of(v);
  }
}
