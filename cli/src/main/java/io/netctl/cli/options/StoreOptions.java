package io.netctl.cli.options;

import io.netctl.cli.CliContext;
import io.netctl.ipam.BadInputException;
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
 * {@code ~/.local/state/netctl/store.json}). TLS options use etcdctl's names. Global options (before
 * or after the subcommand), part of {@link GlobalOptions}.
 *
 * <p>Every value the flags and the environment give is turned into settings in one place: {@link
 * #etcdSettings} for etcd (endpoints, TLS files, timeout) and {@link #open} for the choice of store;
 * checks of these values belong there.
 */
public final class StoreOptions {
  @Option(names = "--store", paramLabel = "PATH", scope = ScopeType.INHERIT,
      description = "Embedded store file (default: $XDG_STATE_HOME/netctl/store.json or ~/.local/state/netctl/store.json). Not with --etcd-endpoints.")
  Path store;

  @Option(names = "--etcd-endpoints", paramLabel = "URLS", split = ",", scope = ScopeType.INHERIT,
      description = "etcd client URLs, comma-separated (default: $ETCD_ENDPOINTS; none: use the embedded store).")
  List<String> endpoints;

  @Option(names = "--etcd-cacert", paramLabel = "FILE", scope = ScopeType.INHERIT, description = "CA bundle to verify etcd's certificate (default: $ETCD_CACERT).")
  Path cacert;

  @Option(names = "--etcd-cert", paramLabel = "FILE", scope = ScopeType.INHERIT, description = "Client certificate for etcd (default: $ETCD_CERT).")
  Path cert;

  @Option(names = "--etcd-key", paramLabel = "FILE", scope = ScopeType.INHERIT, description = "Client key for etcd, unencrypted PKCS#8 PEM (default: $ETCD_KEY).")
  Path key;

  @Option(names = "--etcd-timeout", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class, scope = ScopeType.INHERIT,
      description = "Bound on connecting to etcd and on every request (default: ${DEFAULT-VALUE}).")
  Duration timeout = Duration.ofSeconds(5);

  /** Whether a datastore was named (--store, --etcd-endpoints or $ETCD_ENDPOINTS) rather than left to the default file. */
  public boolean configured(CliContext ctx) {
    String env = ctx.env().get("ETCD_ENDPOINTS");
    return store != null || (endpoints != null && !endpoints.isEmpty()) || (env != null && !env.isBlank());
  }

  /** Opens the configured store; bad settings are bad input (exit 2). */
  public KvStore open(CliContext ctx) {
    Optional<EtcdSettings> etcd = etcdSettings(ctx);
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

  /**
   * The etcd settings the flags and environment give ({@code --etcd-*}, {@code $ETCD_*}), or empty
   * for the embedded store; contradicting or malformed values are bad input (exit 2).
   */
  public Optional<EtcdSettings> etcdSettings(CliContext ctx) {
    List<String> eps = endpoints;
    if ((eps == null || eps.isEmpty()) && ctx.env().get("ETCD_ENDPOINTS") != null && !ctx.env().get("ETCD_ENDPOINTS").isBlank()) {
      eps = List.of(ctx.env().get("ETCD_ENDPOINTS").split(","));
    }
    if (eps == null || eps.isEmpty()) {
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
        continue;
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
    if (uris.isEmpty()) {
      throw new BadInputException("--etcd-endpoints is empty");
    }
    try {
      return Optional.of(new EtcdSettings(uris, orEnv(cacert, ctx, "ETCD_CACERT"), orEnv(cert, ctx, "ETCD_CERT"), orEnv(key, ctx, "ETCD_KEY"), timeout));
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
