package io.netctl.cli.controller;

import io.netctl.cli.CliContext;
import io.netctl.cli.ExitCode;
import io.netctl.cli.Logging;
import io.netctl.cli.StopSignal;
import io.netctl.cli.config.NetctlConfig;
import io.netctl.cli.kube.KubeClients;
import io.netctl.cli.kube.KubeNodes;
import io.netctl.cli.kube.KubeSecrets;
import io.netctl.cli.kube.LeaseElection;
import io.netctl.cli.metrics.MetricsServer;
import io.netctl.cli.metrics.NetctlMetrics;
import io.netctl.cli.metrics.StatusPages;
import io.netctl.cli.options.Bounds;
import io.netctl.cli.options.ConfigOption;
import io.netctl.cli.options.GlobalOptions;
import io.netctl.cli.options.DurationConverter;
import io.netctl.cli.options.ListenAddress;
import io.netctl.cli.options.MonitorOptions;
import io.netctl.cli.options.PasswordFileOptions;
import io.netctl.cli.options.StoreOptions;
import io.netctl.ipam.Allocator;
import io.netctl.ipam.IpamReplica;
import io.netctl.ipam.store.KvStore;
import io.netctl.validator.observe.BmpFeed;
import io.netctl.validator.observe.LiveMonitorSessions;
import io.netctl.validator.routes.RouteChurn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code netctl controller}: the in-cluster controller. */
@Command(
    name = "controller",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    description = {
      "Run inside Kubernetes: pools for Nodes as they come and go, drift checks, metrics.",
      "Allocates a pool for every Node as it joins (host IP = its InternalIP), completes it in Calico once calico-node registers "
          + "the node's Calico Node (IPAM block, affinity, pool label), releases a deleted Node's pool after a grace period "
          + "when it is still gone and its block is empty, resyncs the full Node list, checks the network for drift every interval "
          + "(with the BGP password Secrets as calico-node reads them), "
          + "and exports Prometheus metrics on /metrics with /healthz and /readyz. Replicas elect a leader on a Lease; only the leader writes. "
          + "Repeated failures (an API server that refuses) are logged the first time and every 30th, one line each. "
          + "SIGTERM releases the lease and exits 0."
    },
    footer = ExitCode.FOOTER + "%nRuns until SIGTERM or SIGINT (exit 0). Exit 2: no kubeconfig and not in a cluster, a file that is no usable kubeconfig, "
        + "bad flags or netctl.yaml.%n")
public final class ControllerCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ControllerCommand.class);
  static final Path NAMESPACE_FILE = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");

  private final CliContext ctx;

  @Option(names = "--kubeconfig", paramLabel = "FILE", description = "kubeconfig to use (default: in-cluster service account, else $KUBECONFIG, else ~/.kube/config).")
  Path kubeconfig;

  @Option(names = "--listen", paramLabel = "[HOST]:PORT", defaultValue = ":9090", description = "Where /metrics, /healthz, /readyz and the status page /status (with /status.json) are served (default: ${DEFAULT-VALUE}).")
  String listen;

  @Option(names = "--node-selector", paramLabel = "SELECTOR", description = "Manage only Nodes matching this label selector, e.g. node-role.kubernetes.io/worker.")
  String nodeSelector;

  @Option(names = "--annotate-nodes", description = "Annotate each Node with its pool (netctl.io/pool); needs the patch verb on nodes.")
  boolean annotateNodes;

  @Option(names = "--release-grace", paramLabel = "DURATION", defaultValue = "10m", converter = DurationConverter.class,
      description = "How long a deleted Node's pool is kept before it is released (default: ${DEFAULT-VALUE}).")
  Duration releaseGrace;

  @Option(names = "--history-keep", paramLabel = "DURATION", defaultValue = "365d", converter = DurationConverter.class,
      description = "Once a day the leader merges allocation-history entries of spans that ended longer ago than this into one record per pool (who and history still answer); 0 turns it off (default: ${DEFAULT-VALUE}).")
  Duration historyKeep;

  @Option(names = "--resync", paramLabel = "DURATION", defaultValue = "5m", converter = DurationConverter.class,
      description = "How often the full Node list is reconciled against the allocations (default: ${DEFAULT-VALUE}).")
  Duration resync;

  @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
      description = "How often the drift check runs (default: ${DEFAULT-VALUE}).")
  Duration interval;

  @Option(names = "--lease-name", paramLabel = "NAME", defaultValue = "netctl-controller", description = "The coordination.k8s.io Lease (default: ${DEFAULT-VALUE}).")
  String leaseName;

  @Option(names = "--lease-namespace", paramLabel = "NS",
      description = "The Lease's namespace (default: $POD_NAMESPACE, else the service account's namespace, else netctl).")
  String leaseNamespace;

  @Option(names = "--lease-duration", paramLabel = "DURATION", defaultValue = "15s", converter = DurationConverter.class,
      description = "How long a lease holds without renewal; a standby takes over within it, and a leader that cannot renew stops writing"
          + " after two thirds of it (default: ${DEFAULT-VALUE}).")
  Duration leaseDuration;

  @Option(names = "--monitor", description = "Keep a monitor session to every route reflector: per-peer session metrics, the route checks in the drift loop, and the routes-ready gate (Node condition NetctlRoutesReady, netctl_route_propagation_seconds); the reflectors must accept netctl: netctl.yaml monitors.")
  boolean monitor;

  @Mixin MonitorOptions monitorOptions;

  @Option(names = "--bmp-listen", paramLabel = "[ADDR:]PORT", description = "Listen for the route reflectors' BMP feeds (FRR, GoBGP): their clients' sessions and routes in the drift loop, the per-peer metrics and the routes-ready gate.")
  String bmpListen;

  @Option(names = "--identity", paramLabel = "NAME", description = "This replica's name in the Lease (default: $POD_NAME, else HOSTNAME-PID).")
  String identity;

  @Option(names = "--calico-namespace", paramLabel = "NS", defaultValue = "kube-system",
      description = "calico-node's namespace, where its confd reads BGP password Secrets (its NAMESPACE; default: ${DEFAULT-VALUE}).")
  String calicoNamespace;

  @Option(names = "--calico-service-account", paramLabel = "NAME", defaultValue = "calico-node",
      description = "calico-node's service account, which must be allowed to read those Secrets (default: ${DEFAULT-VALUE}).")
  String calicoServiceAccount;

  @Mixin PasswordFileOptions passwordFiles;

  private final StoreOptions store;
  private final ConfigOption config;

  ControllerCommand(CliContext ctx, GlobalOptions global) {
    this.ctx = ctx;
    this.store = global.store();
    this.config = global.config();
  }

  @Override
  public Integer call() {
    Logging.service();
    validate();
    NetctlConfig cfg = config.load(ctx);
    String ns = namespace();
    String id = identity();
    try (KubeClients.Connected kube = KubeClients.connect(kubeconfig, ctx.env());
        KvStore kv = store.openLongRunning(ctx);
        StopSignal stop = new StopSignal()) {
      NetctlMetrics metrics = new NetctlMetrics();
      LeaderFence fence = new LeaderFence(id, leaseDuration);
      IpamReplica replica = new IpamReplica(kv);
      Allocator allocator = Allocator.mirrored(kv, cfg.ipam(), ctx.clock(), replica);
      KubeNodes nodes = new KubeNodes(kube.client(), nodeSelector, kube.describe());
      Reconciler reconciler = new Reconciler(allocator, nodes, ctx.clock(), releaseGrace, annotateNodes, fence::mayWrite, counters(metrics));
      RouteChurn churn = new RouteChurn(ctx.clock(), cfg.ipam().ranges(), cfg.routeFlapping().window());
      LiveMonitorSessions monitors = monitor
          ? new LiveMonitorSessions(cfg.bgp(), monitorOptions.options(ctx, Duration.ofSeconds(30), Duration.ofSeconds(2)), churn) : null;
      BmpFeed.Live bmp = bmpListen == null ? null : new BmpFeed.Live(ListenAddress.parse(bmpListen, "--bmp-listen"), churn,
          router -> cfg.bgp().routeReflectors().stream().filter(r -> r.ip().toCanonicalString().equals(router)).map(r -> r.name() + " (BMP)")
              .findFirst().orElse(router + " (BMP)"));
      KubeSecrets secrets = new KubeSecrets(kube.client(), calicoNamespace, calicoServiceAccount);
      DriftLoop drift = new DriftLoop(new NetworkDriftCheck(kv, cfg.intent(), monitors, bmp, secrets, passwordFiles.read(cfg.bgp()), ctx.clock())
              .withChurn(monitors == null && bmp == null ? null : churn),
          reconciler::findings, metrics, ctx.clock());
      Controller controller = new Controller(fence, reconciler, drift, nodes, metrics);
      RoutePropagation propagation = new RoutePropagation(
          () -> replica.state().allocations().values().stream().map(io.netctl.ipam.IpamState.Stored::value).toList(),
          monitors, bmp, cfg.bgp().routeReflectors(), nodes, metrics, ctx.clock(), fence::mayWrite);
      replica.onCalicoNode(controller::calicoNodeChanged);
      LeaseElection election = new LeaseElection(kube.client(), ns, leaseName, id);
      try (MetricsServer http = MetricsServer.start(listen, metrics, () -> readiness(nodes, drift), new StatusPages(drift::picture))) {
        LOG.info("netctl controller {} starting: datastore {}, Kubernetes {}, lease {}/{}, metrics on port {}", id, kv.describe(), kube.describe(), ns,
            leaseName, http.port());
        nodes.start(controller, resync);
        controller.start(resync, interval);
        controller.keepHistory(new HistoryKeeper(kv, ctx.clock(), historyKeep, fence::mayWrite));
        propagation.start(Duration.ofSeconds(1));
        election.start(controller, leaseDuration);
        String why = stop.await();
        LOG.info("{}: stopping; releasing the lease", why);
        controller.resign();
        election.close();
        propagation.close();
        if (monitors != null) {
          monitors.close();
        }
        if (bmp != null) {
          bmp.close();
        }
        nodes.close();
        controller.close();
        replica.close();
      }
      LOG.info("netctl controller {} stopped", id);
    }
    return ExitCode.OK;
  }

  private static String readiness(KubeNodes nodes, DriftLoop drift) {
    if (!nodes.synced()) {
      return "the Node informer has not synced yet (API server unreachable?)";
    }
    if (drift.lastError() != null) {
      return "datastore: " + drift.lastError();
    }
    return null;
  }

  private static ReconcileCounters counters(NetctlMetrics m) {
    return new ReconcileCounters() {
      @Override
      public void tick() {
        m.tick();
      }

      @Override
      public void allocation(String result) {
        m.allocation(result);
      }

      @Override
      public void release(String result) {
        m.release(result);
      }
    };
  }

  private void validate() {
    MetricsServer.address(listen);
    if (bmpListen != null) {
      ListenAddress.parse(bmpListen, "--bmp-listen");
    }
    Bounds.duration("--resync", resync, Duration.ofSeconds(1), Duration.ofHours(24));
    Bounds.duration("--interval", interval, Duration.ofSeconds(1), Duration.ofHours(24));
    Bounds.duration("--lease-duration", leaseDuration, Duration.ofSeconds(1), Duration.ofMinutes(10));
    Bounds.duration("--release-grace", releaseGrace, Duration.ZERO, Duration.ofDays(30));
    if (!historyKeep.isZero()) {
      Bounds.duration("--history-keep", historyKeep, Duration.ofDays(1), Duration.ofDays(366));
    }
  }

  private String namespace() {
    if (leaseNamespace != null) {
      return leaseNamespace;
    }
    String env = ctx.env().get("POD_NAMESPACE");
    if (env != null && !env.isBlank()) {
      return env;
    }
    try {
      if (Files.isRegularFile(NAMESPACE_FILE)) {
        return Files.readString(NAMESPACE_FILE).strip();
      }
    } catch (java.io.IOException e) {
      // fall through to the default
    }
    return "netctl";
  }

  private String identity() {
    if (identity != null) {
      return identity;
    }
    String pod = ctx.env().get("POD_NAME");
    if (pod != null && !pod.isBlank()) {
      return pod;
    }
    String host = ctx.env().getOrDefault("HOSTNAME", "netctl");
    return host + "-" + ProcessHandle.current().pid();
  }
}
