package io.netctl.cli.bgp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netctl.bgp.rib.Route;
import io.netctl.bgp.session.BgpSpeaker;
import io.netctl.bgp.session.RouteCollector;
import io.netctl.bgp.session.SessionConfig;
import io.netctl.bgp.wire.Addresses;
import io.netctl.cli.CliContext;
import io.netctl.cli.ExitCode;
import io.netctl.cli.options.ConfigOption;
import io.netctl.cli.options.Bounds;
import io.netctl.cli.options.GlobalOptions;
import io.netctl.cli.options.DurationConverter;
import io.netctl.cli.options.OutputOption;
import io.netctl.cli.output.Json;
import io.netctl.cli.output.Progress;
import io.netctl.cli.output.Table;
import io.netctl.ipam.BadInputException;
import io.netctl.ipam.UnreachableException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code netctl bgp routes}: what a BGP neighbour (e.g. a route reflector) advertises, right now. */
@Command(
    name = "routes",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    description = {
      "Print the routes a BGP neighbour (e.g. a route reflector) advertises, then close.",
      "Opens a BGP session to --peer as an ordinary neighbour, waits for its End-of-RIB (or, for a peer that sends none, until no UPDATE "
          + "came for --settle), prints the routes it advertised and closes with a Cease. A route reflector shows every reflected route "
          + "with ORIGINATOR_ID and CLUSTER_LIST. Exit 3 with the reason when no session comes up: connection refused, timed out, a NOTIFICATION."
    },
    footer = ExitCode.FOOTER)
public final class BgpRoutesCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Mixin BgpPeerOptions peer;

  @Option(names = "--timeout", paramLabel = "DUR", defaultValue = "30s", converter = DurationConverter.class,
      description = "Give up after this long in all (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = "--settle", paramLabel = "DUR", defaultValue = "2s", converter = DurationConverter.class,
      description = "Without End-of-RIB, done when no UPDATE came for this long (default: ${DEFAULT-VALUE}).")
  Duration settle;

  private final ConfigOption config;
  private final OutputOption output;
  private final GlobalOptions global;

  BgpRoutesCommand(CliContext ctx, GlobalOptions global) {
    this.ctx = ctx;
    this.config = global.config();
    this.output = global.output();
    this.global = global;
  }

  @Override
  public Integer call() {
    SessionConfig c = peer.toConfig(config.load(ctx));
    Bounds.duration("--timeout", timeout, Duration.ofMillis(100), Duration.ofHours(1));
    Bounds.duration("--settle", settle, Duration.ofMillis(100), Duration.ofMinutes(10));
    RouteCollector.Result result;
    try (BgpSpeaker speaker = new BgpSpeaker();
        Progress p = Progress.start(ctx, global.quiet(), "waiting for " + c.peerName() + "'s routes (session, End-of-RIB; at most " + timeout.toSeconds() + "s)")) {
      result = RouteCollector.collect(speaker, c, timeout, settle);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage());
    }
    if (result instanceof RouteCollector.Failed f) {
      throw new UnreachableException("no BGP session with " + c.peerName() + ": " + f.reason());
    }
    RouteCollector.Collected got = (RouteCollector.Collected) result;
    List<Route> routes = got.rib().routes();
    String how = got.endOfRib() ? "End-of-RIB received" : "no End-of-RIB; no UPDATE for " + settle.toMillis() + " ms";
    if (output.structured()) {
      ObjectNode o = Json.object();
      o.put("peer", Addresses.text(c.peer().getAddress()));
      o.put("peerAs", got.peerOpen().asNumber());
      o.put("peerRouterId", Addresses.dotted(got.peerOpen().bgpId()));
      o.put("endOfRib", got.endOfRib());
      o.put("elapsedMs", got.elapsed().toMillis());
      BgpOutput.restartJson(o, got.peerOpen());
      var arr = o.putArray("routes");
      routes.forEach(r -> arr.add(BgpOutput.json(r)));
      output.print(ctx.out(), o);
    } else {
      Table t = new Table(BgpOutput.header(routes).toArray(String[]::new));
      routes.forEach(r -> t.row(BgpOutput.row(r, routes).toArray(String[]::new)));
      t.print(ctx.out());
      ctx.out().printf("%d routes from %s (router id %s); %s after %d ms%n", routes.size(), c.peerName(),
          Addresses.dotted(got.peerOpen().bgpId()), how, got.elapsed().toMillis());
      ctx.out().println("peer " + BgpOutput.restartText(got.peerOpen()));
    }
    return ExitCode.OK;
  }
}
