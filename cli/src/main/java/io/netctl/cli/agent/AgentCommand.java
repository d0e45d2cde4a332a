package io.netctl.cli.agent;

import io.netctl.cli.CliContext;
import io.netctl.cli.ExitCode;
import io.netctl.cli.Logging;
import io.netctl.cli.StopSignal;
import io.netctl.cli.options.ConfigOption;
import io.netctl.cli.options.DurationConverter;
import io.netctl.cli.options.StoreOptions;

import io.netctl.cli.agent.NodeCheck;
import io.netctl.cli.agent.NodeObserver;
import io.netctl.cli.config.NetctlConfig;
import io.netctl.cli.metrics.MetricsServer;
import io.netctl.cli.metrics.NetctlMetrics;
import io.netctl.ipam.BadInputException;
import io.netctl.ipam.store.KvStore;
import io.netctl.validator.Finding;
import io.netctl.validator.observe.BirdControlSocket;
import java.nio.file.Path;
import java.time.Duration;
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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code netctl agent}: per-node sessions and routes as metrics and findings. */
@Command(
    name = "agent",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    description = {
      "Run on every node (a DaemonSet): its BGP sessions and routes as metrics and findings.",
      "Every interval, reads the kernel's port-179",
      "sessions (/proc/net/tcp), BIRD's protocols through its control socket when mounted, and the",
      "kernel's routes to the other nodes' pools; export them on /metrics and log findings when they",
      "appear and resolve. Reads only; changes nothing."
    },
    footer = ExitCode.FOOTER + "%nRuns until SIGTERM or SIGINT (exit 0).%n")
public final class AgentCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(AgentCommand.class);

  private final CliContext ctx;

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

  @Mixin StoreOptions store;
  @Mixin ConfigOption config;

  AgentCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Logging.service();
    if (interval.isZero()) {
      throw new BadInputException("--interval must be more than 0");
    }
    NetctlConfig cfg = config.load(ctx);
    String name = node != null ? node : ctx.env().get("NODE_NAME");
    KvStore kv = store.configured(ctx) ? store.open(ctx) : null;
    NetctlMetrics metrics = new NetctlMetrics();
    NodeObserver observer = new NodeObserver(name, procNet, birdSocket, kv, cfg, ctx.clock());
    NodeCheck check = new NodeCheck();
    Set<String> current = new HashSet<>();
    Set<String> notRun = new HashSet<>();
    Runnable round = () -> {
      long start = System.nanoTime();
      try {
        NodeCheck.Result r = check.run(observer.observe());
        metrics.sessions(r.sessions());
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
      } catch (RuntimeException e) {
        metrics.checkFailed(Duration.ofNanos(System.nanoTime() - start));
        LOG.warn("agent round failed: {}", e.getMessage());
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

  /** For tests: the findings of a round, without the server. */
  static List<Finding> once(NodeObserver o) {
    return new NodeCheck().run(o.observe()).report().findings();
  }
}
