package io.netctl.cli.bgp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netctl.bgp.session.BgpSession;
import io.netctl.bgp.session.BgpSpeaker;
import io.netctl.bgp.session.SessionConfig;
import io.netctl.bgp.session.SessionEvent;
import io.netctl.bgp.session.SessionListener;
import io.netctl.bgp.session.SessionState;
import io.netctl.bgp.wire.Open;
import io.netctl.cli.CliContext;
import io.netctl.cli.ExitCode;
import io.netctl.cli.config.NetctlConfig;
import io.netctl.cli.options.ConfigOption;
import io.netctl.cli.options.Bounds;
import io.netctl.cli.options.GlobalOptions;
import io.netctl.cli.options.DurationConverter;
import io.netctl.cli.options.OutputOption;
import io.netctl.cli.output.Json;
import io.netctl.ipam.BadInputException;
import io.netctl.validator.routes.RouteChurn;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code netctl bgp watch}: a live session's state changes and route events, until interrupted. */
@Command(
    name = "watch",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    description = {
      "Stream a BGP neighbour's session state and route events until interrupted.",
      "Keeps a BGP session to --peer and streams its state changes and announce/withdraw events, as text or JSON lines, until "
          + "interrupted (Ctrl-C closes the session with a Cease NOTIFICATION) or --duration has passed. The session reconnects by itself, "
          + "backing off from 1 s to 60 s. With --stats it counts each managed pool's announcements and withdrawals after the initial "
          + "table and, at the end, prints them and a route-flapping finding for each pool over netctl.yaml's routeFlapping limit."
    },
    footer = ExitCode.FOOTER)
public final class BgpWatchCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Mixin BgpPeerOptions peer;

  @Option(names = "--duration", paramLabel = "DUR", converter = DurationConverter.class,
      description = "Stop after this long (default: until interrupted).")
  Duration duration;

  @Option(names = "--stats", description = "Count each managed pool's announcements and withdrawals after the initial table; print the counts and any route-flapping finding at the end.")
  boolean stats;

  private final ConfigOption config;
  private final OutputOption output;
  /** The session whose events are printed (its peer's OPEN is shown when it reaches Established). */
  private volatile BgpSession session;

  BgpWatchCommand(CliContext ctx, GlobalOptions global) {
    this.ctx = ctx;
    this.config = global.config();
    this.output = global.output();
  }

  @Override
  public Integer call() {
    NetctlConfig cfg = config.load(ctx);
    SessionConfig c = peer.toConfig(cfg);
    if (duration != null) {
      Bounds.duration("--duration", duration, Duration.ofMillis(100), Duration.ofDays(30));
    }
    CountDownLatch interrupted = new CountDownLatch(1);
    RouteChurn churn = stats ? new RouteChurn(ctx.clock(), cfg.ipam().ranges(), cfg.routeFlapping().window()) : null;
    SessionListener counter = churn == null ? SessionListener.NONE : churn.listener(c.peerName());
    AtomicBoolean statsPrinted = new AtomicBoolean(!stats);
    Runnable printStats = () -> {
      if (statsPrinted.compareAndSet(false, true)) {
        synchronized (this) { // not between the lines of an event
          WatchStats.print(ctx, output, churn, cfg.routeFlapping());
        }
      }
    };
    try (BgpSpeaker speaker = new BgpSpeaker()) {
      BgpSession session = speaker.session(c, e -> {
        print(e);
        counter.onEvent(e);
      });
      this.session = session;
      Thread hook = new Thread(() -> {
        session.stop("netctl watch interrupted").orTimeout(2, TimeUnit.SECONDS).exceptionally(e -> null).join();
        printStats.run(); // the JVM is exiting: print here, the main thread may not get to it
        interrupted.countDown();
      }, "netctl-watch-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      session.start();
      try {
        String why = "netctl watch done";
        try {
          if (duration == null) {
            interrupted.await();
          } else {
            interrupted.await(duration.toMillis(), TimeUnit.MILLISECONDS);
          }
        } catch (InterruptedException e) {
          why = "netctl watch interrupted"; // the waiting thread interrupted (an embedding program, tests): stop like Ctrl-C
        }
        session.stop(why).orTimeout(2, TimeUnit.SECONDS).exceptionally(e -> null).join();
        printStats.run();
      } finally {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // the hook is running: it stops the session
        }
      }
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage());
    }
    return ExitCode.OK;
  }

  private synchronized void print(SessionEvent e) {
    String time = ctx.clock().instant().toString();
    if (output.structured()) {
      ObjectNode o = Json.object();
      o.put("time", time);
      o.put("peer", e.peer());
      if (e instanceof SessionEvent.StateChanged s) {
        o.put("event", "state");
        o.put("from", s.from().title());
        o.put("to", s.to().title());
        if (s.reason() == null) {
          o.putNull("reason");
        } else {
          o.put("reason", s.reason());
        }
        Open peerOpen = establishedOpen(s);
        if (peerOpen != null) {
          BgpOutput.restartJson(o, peerOpen);
        }
      } else if (e instanceof SessionEvent.RouteAnnounced a) {
        o.put("event", "announce");
        o.setAll(BgpOutput.json(a.route()));
      } else if (e instanceof SessionEvent.RouteWithdrawn w) {
        o.put("event", "withdraw");
        BgpOutput.withdrawnJson(o, w.prefix(), w.pathId());
      } else if (e instanceof SessionEvent.EndOfRib eor) {
        o.put("event", "end-of-rib");
        o.put("family", eor.family().toString());
        o.put("routes", eor.routes());
      } else if (e instanceof SessionEvent.RibCleared rc) {
        o.put("event", "rib-cleared");
        o.put("routes", rc.routes());
      } else if (e instanceof SessionEvent.UpdateError ue) {
        o.put("event", "update-error");
        o.put("action", ue.finding().action().name());
        o.put("error", ue.finding().error().toString());
        o.put("detail", ue.finding().detail());
      }
      output.printEvent(ctx.out(), o);
    } else {
      String line;
      if (e instanceof SessionEvent.StateChanged s) {
        line = "state " + s.to().title() + " (was " + s.from().title() + ")" + (s.reason() == null ? "" : ": " + s.reason());
        Open peerOpen = establishedOpen(s);
        if (peerOpen != null) {
          line += "; peer " + BgpOutput.restartText(peerOpen);
        }
      } else if (e instanceof SessionEvent.RouteAnnounced a) {
        line = "+ " + BgpOutput.line(a.route());
      } else if (e instanceof SessionEvent.RouteWithdrawn w) {
        line = "- " + BgpOutput.withdrawn(w.prefix(), w.pathId());
      } else if (e instanceof SessionEvent.EndOfRib eor) {
        line = "end-of-rib " + eor.family() + " (" + eor.routes() + " routes)";
      } else if (e instanceof SessionEvent.RibCleared rc) {
        line = "session down, routes dropped: " + rc.routes();
      } else if (e instanceof SessionEvent.UpdateError ue) {
        line = "malformed UPDATE (" + ue.finding().action() + "): " + ue.finding().error() + ": " + ue.finding().detail();
      } else {
        line = e.toString();
      }
      ctx.out().println(time + " " + e.peer() + " " + line);
    }
    ctx.out().flush();
  }

  /** The peer's OPEN when this change reached Established, else null. */
  private Open establishedOpen(SessionEvent.StateChanged s) {
    BgpSession current = session;
    return s.to() == SessionState.ESTABLISHED && current != null ? current.peerOpen() : null;
  }
}
