package io.netctl.cli.check;

import io.netctl.cli.CliContext;
import io.netctl.cli.config.NetctlConfig;
import io.netctl.cli.options.Bounds;
import io.netctl.cli.options.DurationConverter;
import io.netctl.cli.options.ListenAddress;
import io.netctl.cli.options.MonitorOptions;
import io.netctl.cli.options.PasswordFileOptions;
import io.netctl.ipam.BadInputException;
import io.netctl.validator.CheckRequest;
import io.netctl.validator.HostRef;
import io.netctl.validator.observe.BirdSource;
import io.netctl.validator.observe.BmpFeed;
import io.netctl.validator.observe.BmpSource;
import io.netctl.validator.observe.LiveMonitorSessions;
import io.netctl.validator.observe.LocalAddresses;
import io.netctl.validator.observe.MonitorSessions;
import io.netctl.validator.observe.RouteTableSource;
import io.netctl.validator.observe.SecretSource;
import io.netctl.bgp.calico.SecretRef;
import io.netctl.validator.observe.TcpSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where {@code netctl check} observes the network: netctl's monitor sessions to the route
 * reflectors, a BIRD control socket, one host's kernel (its routes and TCP table) — this
 * host's ({@code --local}) or a route dump ({@code --routes}) — and the BGP password Secrets as
 * calico-node reads them ({@code --calico-secret}), with what render-rr was given ({@code --password-file}).
 */
public final class ObservationOptions {
  private static final Duration BIRD_TIMEOUT = Duration.ofSeconds(5);

  @Option(names = "--monitor", description = "Open netctl's own BGP session to every route reflector and check the routes it reflects (reflectors accept netctl's sessions from netctl.yaml's monitors: see bgp render-rr).")
  boolean monitor;

  @Mixin MonitorOptions monitorOptions;

  // --monitor-timeout, --settle and --bmp-wait bound one-shot reads; they stay null unless given, so a
  // routes-ready wait (which watches until its own timeout) can refuse them rather than ignore them.
  @Option(names = "--monitor-timeout", paramLabel = "DUR", converter = DurationConverter.class,
      description = "Bound on reading one reflector's table (default: 30s).")
  Duration timeout;

  @Option(names = "--settle", paramLabel = "DUR", converter = DurationConverter.class,
      description = "Without End-of-RIB, a table is complete when no UPDATE came for this long (default: 2s).")
  Duration settle;

  @Option(names = "--bmp-listen", paramLabel = "[ADDR:]PORT", description = "Listen for BMP (RFC 7854) from route reflectors that speak it (FRR, GoBGP): their peers' sessions and the routes they hold.")
  String bmpListen;

  @Option(names = "--bmp-wait", paramLabel = "DUR", converter = DurationConverter.class,
      description = "How long to wait for the reflectors' BMP feeds (default: 15s); read until each is quiet for --settle.")
  Duration bmpWait;

  private Duration timeout() {
    return timeout == null ? Duration.ofSeconds(30) : timeout;
  }

  private Duration settle() {
    return settle == null ? Duration.ofSeconds(2) : settle;
  }

  private Duration bmpWait() {
    return bmpWait == null ? Duration.ofSeconds(15) : bmpWait;
  }

  @Option(names = "--bird-socket", paramLabel = "PATH", description = "BIRD's control socket (e.g. /var/run/calico/bird.ctl): the state of every BGP protocol, read at the start and the end of the check (flaps).")
  Path birdSocket;

  @Option(names = "--bird-of", paramLabel = "NAME", description = "The node or route reflector whose BIRD --bird-socket is (default: --as, else this host).")
  String birdOf;

  @Option(names = "--local", description = "Observe this host: its kernel routes and TCP table (port-179 sessions).")
  boolean local;

  @Option(names = "--routes", paramLabel = "FILE", description = "A kernel route dump (ip -4 -json route show table all) to check instead of this host's table (with --as).")
  Path routesFile;

  @Option(names = "--as", paramLabel = "NAME", description = "The director, node or route reflector that --local or --routes observes (default: found from this host's addresses).")
  String as;

  @Option(names = "--calico-secret", paramLabel = "SECRET/KEY=FILE",
      description = "The bytes calico-node reads from a BGP password Secret, saved to FILE (kubectl -n kube-system get secret SECRET"
          + " -o jsonpath='{.data.KEY}' | base64 -d > FILE): checked against --password-file and against what BIRD can take. Repeat per key.")
  Map<String, Path> calicoSecrets = new LinkedHashMap<>();

  @Mixin PasswordFileOptions passwordFiles;

  public void validate(NetctlConfig cfg) {
    if (routesFile != null && as == null) {
      throw new BadInputException("--routes FILE needs --as NAME: the director, node or route reflector whose table it is");
    }
    if (as != null && !local && routesFile == null) {
      throw new BadInputException("--as NAME says whose kernel is observed: give --local or --routes FILE too");
    }
    Bounds.duration("--monitor-timeout", timeout(), Duration.ofSeconds(1), Duration.ofHours(1));
    Bounds.duration("--settle", settle(), Duration.ofMillis(100), Duration.ofMinutes(10));
    Bounds.duration("--bmp-wait", bmpWait(), Duration.ofSeconds(1), Duration.ofHours(1));
    if (bmpListen != null) {
      ListenAddress.parse(bmpListen, "--bmp-listen");
    }
    if (birdOf != null && birdSocket == null) {
      throw new BadInputException("--bird-of NAME says whose BIRD --bird-socket is: give --bird-socket PATH too");
    }
  }

  /** What a check with these flags waits for (the monitor sessions' tables, BMP feeds), for its progress line; empty when nothing. */
  public String waitsFor(NetctlConfig cfg) {
    java.util.List<String> waits = new java.util.ArrayList<>();
    if (monitor) {
      waits.add("the route reflectors' tables (" + cfg.bgp().routeReflectors().stream().map(r -> r.name()).collect(java.util.stream.Collectors.joining(", "))
          + ": End-of-RIB, at most " + timeout().toSeconds() + "s)");
    }
    if (bmpListen != null) {
      waits.add("BMP feeds on " + bmpListen + " (at most " + bmpWait().toSeconds() + "s)");
    }
    return String.join(" and ", waits);
  }

  /** Adds the sources the flags give to {@code request}. */
  public void addTo(CheckRequest.Builder request, CliContext ctx, NetctlConfig cfg) {
    if (as != null) {
      request.host(new HostRef.Named(as, "--as"));
    } else if (local || birdSocket != null) {
      request.host(new HostRef.ByAddress(LocalAddresses.read()));
    }
    if (birdSocket != null) {
      request.bird(BirdSource.socket(birdSocket, BIRD_TIMEOUT), birdOf == null ? null : new HostRef.Named(birdOf, "--bird-of"));
    }
    if (monitor) {
      request.monitor(MonitorSessions.source(cfg.bgp(), monitorOptions.options(ctx, timeout(), settle())));
    }
    if (bmpListen != null) {
      request.bmp(BmpSource.once(ListenAddress.parse(bmpListen, "--bmp-listen"), bmpWait(), settle()));
    }
    if (local) {
      request.tcp(TcpSource.proc(Path.of("/proc/net")));
    }
    if (routesFile != null) {
      request.routes(RouteTableSource.file(routesFile));
    } else if (local) {
      request.routes(RouteTableSource.kernel());
    }
    Map<SecretRef, String> rendered = passwordFiles.read(cfg.bgp());
    if (!calicoSecrets.isEmpty()) {
      Map<SecretRef, Path> files = new LinkedHashMap<>();
      calicoSecrets.forEach((ref, file) -> files.put(ref(ref, file), file));
      request.passwords(SecretSource.files(files), rendered);
    } else if (!rendered.isEmpty()) {
      throw new BadInputException("--password-file is compared with the Secret calico-node reads: give --calico-secret SECRET/KEY=FILE too");
    }
  }

  /**
   * The sources a routes-ready wait watches, opened now (monitor sessions connect, the BMP port is
   * bound) and kept open until the watch is closed. Checked before anything is written: no source at
   * all is exit 3; a flag that observes no routes ({@code --bird-socket}, the password flags) or a
   * kernel table of a host that is no director is bad input.
   */
  public PoolWatch poolWatch(CliContext ctx, NetctlConfig cfg) {
    io.netctl.lvs.Director director = validateWait(cfg);
    boolean reflectors = !cfg.bgp().routeReflectors().isEmpty();
    LiveMonitorSessions live = null;
    BmpFeed.Live feed = null;
    try {
      if (monitor && reflectors) {
        live = new LiveMonitorSessions(cfg.bgp(), monitorOptions.options(ctx, timeout(), settle()));
      }
      if (bmpListen != null && reflectors) {
        feed = new BmpFeed.Live(ListenAddress.parse(bmpListen, "--bmp-listen"));
      }
    } catch (RuntimeException e) {
      if (live != null) {
        live.close();
      }
      throw e;
    }
    RouteTableSource routes = director == null ? null : routesFile != null ? RouteTableSource.file(routesFile) : RouteTableSource.kernel();
    return new PoolWatch(cfg.bgp().routeReflectors(), live, feed, routes, director);
  }

  /** True when any observation flag was given (a command that observes only on request refuses them otherwise). */
  public boolean anyGiven() {
    return monitor || bmpListen != null || birdSocket != null || local || routesFile != null || as != null || !calicoSecrets.isEmpty();
  }

  /**
   * Refuses the bounds of one-shot reads ({@code --monitor-timeout}, {@code --settle}, {@code
   * --bmp-wait}) where the sources are watched instead: {@code command} (e.g. "wait-routes") waits up
   * to {@code until} (e.g. "--timeout"). Bad input, one line, nothing opened.
   */
  public void refuseReadBounds(String command, String until) {
    String given = timeout != null ? "--monitor-timeout" : settle != null ? "--settle" : bmpWait != null ? "--bmp-wait" : null;
    if (given != null) {
      throw new BadInputException(given + " does not apply to " + command + "; it watches the sources and waits up to " + until);
    }
  }

  /**
   * Checks the flags of a routes-ready wait without opening anything; returns the director whose
   * table is observed, or null. The caller refuses the one-shot bounds first ({@link #refuseReadBounds}).
   */
  public io.netctl.lvs.Director validateWait(NetctlConfig cfg) {
    validate(cfg);
    String notRoutes = birdSocket != null ? "--bird-socket" : !calicoSecrets.isEmpty() ? "--calico-secret"
        : !passwordFiles.read(cfg.bgp()).isEmpty() ? "--password-file" : null;
    if (notRoutes != null) {
      throw new BadInputException(notRoutes + " observes no routes: wait for them with --monitor, --bmp-listen [ADDR:]PORT, --local or --routes FILE --as DIRECTOR");
    }
    boolean reflectors = !cfg.bgp().routeReflectors().isEmpty();
    boolean table = local || routesFile != null;
    if (!table && !((monitor || bmpListen != null) && reflectors)) {
      throw new io.netctl.ipam.UnreachableException(!monitor && bmpListen == null
          ? "nothing to observe: give --monitor, --bmp-listen [ADDR:]PORT, --local or --routes FILE --as DIRECTOR"
          : "nothing to observe: " + cfg.source() + " lists no route reflectors (and no director's table was given: --local or --routes FILE --as DIRECTOR)");
    }
    if (routesFile != null && !java.nio.file.Files.isRegularFile(routesFile)) {
      throw new BadInputException("route dump " + routesFile + ": no such file");
    }
    return table ? director(cfg) : null;
  }

  /** The director whose kernel table {@code --local} or {@code --routes} gives: {@code --as}, else this host's addresses. */
  private io.netctl.lvs.Director director(NetctlConfig cfg) {
    if (as != null) {
      return cfg.director(as).orElseThrow(() -> new BadInputException("--as " + io.netctl.ipam.Names.printable(as) + ": no director of that name in "
          + cfg.source() + " (a routes-ready wait reads a director's table; directors: "
          + (cfg.directors().isEmpty() ? "none" : String.join(", ", cfg.directors().stream().map(io.netctl.lvs.Director::name).toList())) + ")"));
    }
    java.util.Set<inet.ipaddr.ipv4.IPv4Address> mine = LocalAddresses.read();
    return cfg.directors().stream().filter(d -> mine.contains(d.ip())).findFirst().orElseThrow(() -> new BadInputException(
        "--local: this host is no director of " + cfg.source() + ": give --as DIRECTOR with --routes FILE"));
  }

  private static SecretRef ref(String ref, Path file) {
    int slash = ref.indexOf('/');
    if (slash <= 0 || slash == ref.length() - 1) {
      throw new BadInputException("--calico-secret " + ref + "=" + file + ": expected SECRET/KEY=FILE, e.g. bgp-secrets/rr-password=./secret.bin");
    }
    return new SecretRef(ref.substring(0, slash), ref.substring(slash + 1));
  }
}
