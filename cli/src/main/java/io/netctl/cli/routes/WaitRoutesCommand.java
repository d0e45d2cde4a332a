package io.netctl.cli.routes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netctl.cli.CliContext;
import io.netctl.cli.ExitCode;
import io.netctl.cli.check.ObservationOptions;
import io.netctl.cli.options.Bounds;
import io.netctl.cli.options.ConfigOption;
import io.netctl.cli.options.DurationConverter;
import io.netctl.cli.options.GlobalOptions;
import io.netctl.cli.options.OutputOption;
import io.netctl.cli.options.StoreOptions;
import io.netctl.cli.output.Json;
import io.netctl.ipam.Allocation;
import io.netctl.ipam.Allocator;
import io.netctl.ipam.Names;
import io.netctl.ipam.RefusedException;
import io.netctl.ipam.store.KvStore;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code netctl wait-routes NODE --timeout DURATION}: the routes-ready gate for a node already allocated. */
@Command(
    name = "wait-routes",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    description = {
      "Wait until NODE's pool is present with next hop = its host IP at every route reflector and director observed.",
      "Observes as netctl check does: --monitor (netctl's own sessions to the reflectors), --bmp-listen (the reflectors' BMP feeds), "
          + "--local or --routes FILE --as DIRECTOR (a director's kernel table). Prints how long each took, counted from the start of the wait. "
          + "Exit 0 when every source has it, 1 at the timeout naming each one still without it (a source never observed counts as without it), "
          + "3 when no source could be observed. --monitor-timeout, --settle and --bmp-wait (bounds of check's one-shot reads) are refused (exit 2): "
          + "the sources are watched until --timeout."
    },
    footer = ExitCode.FOOTER)
public final class WaitRoutesCommand implements Callable<Integer> {
  private final CliContext ctx;
  private final GlobalOptions global;

  @Parameters(index = "0", paramLabel = "NODE", description = "Kubernetes node name (DNS-1123) with an allocation and a host IP.")
  String node;

  @Option(names = "--timeout", paramLabel = "DUR", defaultValue = "2m", converter = DurationConverter.class,
      description = "How long to wait (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Mixin ObservationOptions observation;

  private final StoreOptions store;
  private final ConfigOption config;
  private final OutputOption output;

  WaitRoutesCommand(CliContext ctx, GlobalOptions global) {
    this.ctx = ctx;
    this.global = global;
    this.store = global.store();
    this.config = global.config();
    this.output = global.output();
  }

  @Override
  public Integer call() {
    Names.node(node);
    Bounds.duration("--timeout", timeout, Duration.ofSeconds(1), Duration.ofHours(1));
    observation.refuseReadBounds("wait-routes", "--timeout");
    var cfg = config.load(ctx);
    observation.validateWait(cfg);
    Allocation a;
    try (KvStore kv = store.open(ctx)) {
      a = new Allocator(kv, cfg.ipam(), ctx.clock()).show(node)
          .orElseThrow(() -> new RefusedException(RefusedException.Reason.NO_ALLOCATION, node + " has no allocation: allocate it first (netctl allocate "
              + node + " --host-ip IP --wait-routes " + DurationConverter.format(timeout) + ")"));
    }
    if (a.hostIp() == null) {
      throw new RefusedException(RefusedException.Reason.NO_ALLOCATION, node + " has no host IP yet, so its pool's next hop is unknown: record it with netctl allocate "
          + node + " --host-ip IP");
    }
    try (RoutesReady gate = new RoutesReady(ctx, global.quiet(), observation.poolWatch(ctx, cfg), timeout)) {
      RouteWait.Outcome o = gate.await(a, ctx.clock().instant());
      if (output.structured()) {
        ObjectNode doc = Json.allocation(a);
        doc.put("ready", o.ready());
        doc.set("sources", RoutesReady.json(o));
        output.print(ctx.out(), doc);
      } else {
        ctx.out().println(a.node() + " " + a.cidrText() + " via " + a.hostIpText() + ": " + (o.ready() ? "routes ready" : "routes not ready"));
        gate.text(o);
      }
      return gate.exit(a, o);
    }
  }
}
