package io.netctl.cli.agent;

import io.netctl.cli.CliContext;
import io.netctl.cli.ExitCode;
import io.netctl.cli.Logging;
import io.netctl.cli.RepeatedFailures;
import io.netctl.cli.StopSignal;
import io.netctl.cli.config.NetctlConfig;
import io.netctl.cli.metrics.MetricsServer;
import io.netctl.cli.metrics.NetctlMetrics;
import io.netctl.cli.options.Bounds;
import io.netctl.cli.options.ConfigOption;
import io.netctl.cli.options.GlobalOptions;
import io.netctl.cli.options.DurationConverter;
import io.netctl.cli.options.StoreOptions;
import io.netctl.ipam.OneLine;
import io.netctl.ipam.UnreachableException;
import io.netctl.ipam.store.KvStore;
import io.netctl.ipam.store.StoreException;
import io.netctl.validator.CheckKind;
import io.netctl.validator.CheckRequest;
import io.netctl.validator.Checker;
import io.netctl.validator.ClusterState;
import io.netctl.validator.Finding;
import io.netctl.validator.HostRef;
import io.netctl.validator.observe.BirdControlSocket;
import io.netctl.validator.observe.BfdSession;
import io.netctl.validator.observe.BirdProtocolStatus;
import io.netctl.validator.observe.BirdSource;
import io.netctl.validator.observe.FlapCounter;
import io.netctl.validator.observe.RouteTableSource;
import io.netctl.validator.observe.SessionSamples;
import io.netctl.validator.observe.TcpSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code netctl agent}: per-node sessions and routes as metrics and findings. */
@Command(
    name = "agent",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    description = {
      "Run on every node (a DaemonSet): its BGP sessions and routes as metrics and findings.",
      "Every interval it reads the kernel's port-179 sessions (/proc/net/tcp), BIRD's protocols through its control socket when mounted, "
          + "and the kernel's routes to the other nodes' pools; exports them on /metrics and logs findings when they appear and resolve. "
          + "A round that fails is logged the first time and every 30th, one line each. Reads only; changes nothing."
    },
    footer = ExitCode.FOOTER + "%nRuns until SIGTERM or SIGINT (exit 0).%n")
public final class AgentCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(AgentCommand.class);
  private static final Duration BIRD_TIMEOUT = Duration.ofSeconds(2);

  private final CliContext ctx;
  /** The node's sessions' graceful restart as last seen up, across rounds. */
  private final io.netctl.validator.observe.RestartMemory restartMemory = new io.netctl.validator.observe.RestartMemory();

  @Option(names = "--listen", paramLabel = "[HOST]:PORT", defaultValue = ":9091", description = "Where /metrics, /healthz and /readyz are served (default: ${DEFAULT-VALUE}).")
  String listen;

  @Option(names = "--bird-socket", paramLabel = "PATH", description = "BIRD's control socket (default: /var/run/calico/bird.ctl; skipped with a note when absent).")
  Path birdSocket = BirdControlSocket.CALICO_SOCKET;

  @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class, description = "How often to look (default: ${DEFAULT-VALUE}).")
  Duration interval;

  @Option(names = "--node", paramLabel = "NAME", description = "This node's name (default: $NODE_NAME); needed for the route check.")
  String node;

  @Option(names = "--proc-net", paramLabel = "DIR", hidden = true, description = "Where tcp and tcp6 are (default: /proc/net).")
  Path procNet = Path.of("/proc/net");

  private final StoreOptions store;
  private final ConfigOption config;

  AgentCommand(CliContext ctx, GlobalOptions global) {
    this.ctx = ctx;
    this.store = global.store();
    this.config = global.config();
  }

  @Override
  public Integer call() {
    Logging.service();
    Bounds.duration("--interval", interval, Duration.ofSeconds(1), Duration.ofHours(24));
    MetricsServer.address(listen);
    NetctlConfig cfg = config.load(ctx);
    String name = node != null ? node : ctx.env().get("NODE_NAME");
    KvStore kv = store.configured(ctx) ? store.openLongRunning(ctx) : null;
    NetctlMetrics metrics = new NetctlMetrics();
    Checker checker = new Checker(cfg.intent());
    FlapCounter flaps = new FlapCounter();
    List<String> reflectors = cfg.bgp().routeReflectors().stream().map(rr -> rr.ip().toCanonicalString()).toList();
    Set<String> current = new HashSet<>();
    Set<String> notRun = new HashSet<>();
    RepeatedFailures failures = new RepeatedFailures();
    Runnable round = () -> {
      long start = System.nanoTime();
      try {
        Checker.Result r = checker.run(request(name, kv));
        metrics.sessions(r.bird() != null ? SessionSamples.bird(r.bird(), flaps) : r.tcp() != null ? SessionSamples.tcp(r.tcp(), reflectors, flaps) : List.of());
        metrics.bfdSessions(r.bfd());
        metrics.findings(r.report().findings());
        Set<String> now = new HashSet<>();
        for (Finding f : r.report().findings()) {
          String key = f.code().id() + " " + f.subject() + ": expected " + f.expected() + "; observed " + f.observed();
          now.add(key);
          if (!current.contains(key)) {
            LOG.warn("finding {}", key);
          }
        }
        for (String k : current) {
          if (!now.contains(k)) {
            LOG.info("resolved {}", k);
          }
        }
        current.clear();
        current.addAll(now);
        r.report().checks().stream().filter(c -> !c.ran()).forEach(c -> {
          if (notRun.add(c.name() + ": " + c.reason())) {
            LOG.info("not checked: {}: {}", c.name(), c.reason());
          }
        });
        metrics.checkDone(Duration.ofNanos(System.nanoTime() - start), ctx.clock().instant());
        long ended = failures.recovered();
        if (ended > 0) {
          LOG.info("agent rounds run again after {} failure(s)", ended);
        }
      } catch (RuntimeException e) {
        metrics.checkFailed(Duration.ofNanos(System.nanoTime() - start));
        long n = failures.failed();
        if (n > 0) {
          LOG.warn("agent round failed ({}): {}", n, OneLine.of(e));
        }
      }
    };
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "netctl-agent");
      t.setDaemon(true);
      return t;
    });
    try (StopSignal stop = new StopSignal(); MetricsServer http = MetricsServer.start(listen, metrics, () -> null)) {
      LOG.info("netctl agent on node {} starting: metrics on port {}, BIRD socket {}, datastore {}", name == null ? "(unknown)" : name, http.port(), birdSocket,
          kv == null ? "none" : kv.describe());
      timer.scheduleWithFixedDelay(round, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
      String why = stop.await();
      LOG.info("{}: stopping", why);
    } finally {
      timer.shutdownNow();
      if (kv != null) {
        kv.close();
      }
    }
    return ExitCode.OK;
  }

  /** This node's BIRD for one round: its protocols, hold times and BFD sessions, or "no socket" (unreachable). */
  private BirdSource birdSource() {
    BirdSource socket = BirdSource.socket(birdSocket, BIRD_TIMEOUT);
    return new BirdSource() {
      @Override
      public List<BirdProtocolStatus> protocols() {
        requireBirdSocket();
        return socket.protocols();
      }

      @Override
      public java.util.Map<String, Integer> holdTimes() {
        return socket.holdTimes();
      }

      @Override
      public List<BfdSession> bfdSessions() {
        requireBirdSocket();
        return socket.bfdSessions();
      }
    };
  }

  private void requireBirdSocket() {
    if (!Files.exists(birdSocket)) {
      throw new UnreachableException("no BIRD socket at " + birdSocket + " (mount /var/run/calico to read BIRD's protocols)");
    }
  }

  /** One round's request: this node's BIRD, TCP table and kernel routes, against one read of the datastore when there is one. */
  CheckRequest request(String name, KvStore kv) {
    CheckRequest.Builder r = CheckRequest.builder(EnumSet.of(CheckKind.SESSIONS, CheckKind.ROUTES), ctx.clock().instant()).tolerant(true)
        .restartMemory(restartMemory)
        .host(new HostRef.Node(name == null ? "this node" : name))
        .bird(birdSource(), null)
        .tcp(TcpSource.proc(procNet))
        .routes(RouteTableSource.kernel());
    if (kv == null) {
      r.noState("no datastore configured (--etcd-endpoints or $ETCD_ENDPOINTS): the other nodes' pools are unknown");
    } else if (name == null) {
      r.noState("this node's name is unknown (--node or $NODE_NAME)");
    } else {
      try {
        r.state(ClusterState.read(kv));
      } catch (StoreException e) {
        r.noState("datastore: " + e.getMessage());
      }
    }
    return r.build();
  }
}
