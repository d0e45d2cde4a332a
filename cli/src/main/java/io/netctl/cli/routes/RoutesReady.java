package io.netctl.cli.routes;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netctl.cli.CliContext;
import io.netctl.cli.ExitCode;
import io.netctl.cli.check.PoolWatch;
import io.netctl.cli.options.DurationConverter;
import io.netctl.cli.output.Json;
import io.netctl.cli.output.Progress;
import io.netctl.ipam.Allocation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The routes-ready gate of {@code allocate --wait-routes} and {@code wait-routes}, open for one run:
 * the sources ({@link PoolWatch}) are open from {@link WaitRoutesOptions#open} until {@link #close}.
 * It waits (with a progress line), prints one line per source (or, as JSON/YAML, {@code {"source",
 * "present", "nextHop", "seconds"}} per source) and gives the exit code: 0 when every source has
 * the pool, 1 when the wait timed out with a source still without it (named on stderr), 3 when no
 * source could be observed at all.
 */
public final class RoutesReady implements AutoCloseable {
  private final CliContext ctx;
  private final boolean quiet;
  private final PoolWatch watch;
  private final Duration timeout;

  RoutesReady(CliContext ctx, boolean quiet, PoolWatch watch, Duration timeout) {
    this.ctx = ctx;
    this.quiet = quiet;
    this.watch = watch;
    this.timeout = timeout;
  }

  /** Waits for {@code a}'s pool via its host IP at every source, timed from {@code start}, until {@code start} + the timeout. */
  public RouteWait.Outcome await(Allocation a, Instant start) {
    String what = "waiting for " + a.cidrText() + " via " + a.hostIpText() + " at ";
    try (Progress p = Progress.start(ctx, quiet, what + watch.describe())) {
      return RouteWait.await(() -> watch.look(a.cidr(), a.hostIp()), ctx.clock(), d -> Thread.sleep(d.toMillis()), start, timeout,
          missing -> p.update(what + missing));
    }
  }

  /** The per-source array of the JSON/YAML output. */
  public static ArrayNode json(RouteWait.Outcome o) {
    ArrayNode sources = Json.array();
    for (RouteWait.Result r : o.results()) {
      ObjectNode s = sources.addObject();
      s.put("source", r.source());
      s.put("present", r.present());
      s.put("nextHop", r.nextHop());
      if (r.seconds() == null) {
        s.putNull("seconds");
      } else {
        s.put("seconds", r.seconds());
      }
      s.put("observed", r.observed());
      if (!r.observed()) {
        s.put("reason", r.unobserved());
      }
    }
    return sources;
  }

  /** One line per source. */
  public void text(RouteWait.Outcome o) {
    for (RouteWait.Result r : o.results()) {
      String line;
      if (r.present()) {
        line = "present via " + r.nextHop() + " after " + String.format(Locale.ROOT, "%.1f", r.seconds()) + "s";
      } else if (!r.observed()) {
        line = "not observed: " + r.unobserved();
      } else {
        line = "missing after " + DurationConverter.format(timeout) + (r.nextHop() == null ? "" : " (seen via " + r.nextHop() + ", the wrong next hop)");
      }
      ctx.out().println("  " + r.source() + ": " + line);
    }
  }

  /** The exit code, with the one stderr line of a failed wait. */
  public int exit(Allocation a, RouteWait.Outcome o) {
    if (o.ready()) {
      return ExitCode.OK;
    }
    if (o.nothingObserved()) {
      ctx.err().println("netctl: nothing could be observed within " + DurationConverter.format(timeout) + ": "
          + String.join("; ", o.results().stream().map(r -> r.source() + ": " + r.unobserved()).toList()));
      return ExitCode.UNREACHABLE;
    }
    List<String> missing = o.missing();
    ctx.err().println("netctl: timed out after " + DurationConverter.format(timeout) + ": " + a.cidrText() + " via " + a.hostIpText() + " ("
        + a.node() + ") still missing at " + String.join(", ", missing) + " (the allocation stays; run again to keep waiting)");
    return ExitCode.PROBLEMS;
  }

  @Override
  public void close() {
    watch.close();
  }
}
