package io.netctl.cli.bgp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netctl.bgp.bmp.BmpCollector;
import io.netctl.bgp.bmp.BmpEvent;
import io.netctl.cli.CliContext;
import io.netctl.cli.ExitCode;
import io.netctl.cli.options.Bounds;
import io.netctl.cli.options.GlobalOptions;
import io.netctl.cli.options.DurationConverter;
import io.netctl.cli.options.OutputOption;
import io.netctl.cli.output.Json;
import io.netctl.ipam.UnreachableException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code netctl bmp listen}: a BMP station that streams what routers report. */
@Command(
    name = "listen",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    description = {
      "Collect BMP (RFC 7854) from routers and stream sessions and route events.",
      "Listens for BMP connections from routers (FRR bgpd -M bmp, GoBGP bmp-servers) and streams router and peer up/down and route "
          + "announce/withdraw events per monitored peer and view (pre-policy, post-policy, loc-rib), as text or JSON lines, "
          + "until interrupted or --duration has passed."
    },
    footer = ExitCode.FOOTER)
public final class BmpListenCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = "--address", paramLabel = "IP", defaultValue = "0.0.0.0", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String address;

  @Option(names = "--port", paramLabel = "N", defaultValue = "11019", description = "Port to listen on (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--duration", paramLabel = "DUR", converter = DurationConverter.class,
      description = "Stop after this long (default: until interrupted).")
  Duration duration;

  private final OutputOption output;

  BmpListenCommand(CliContext ctx, GlobalOptions global) {
    this.ctx = ctx;
    this.output = global.output();
  }

  @Override
  public Integer call() {
    var ip = BgpPeerOptions.ip(address, "--address");
    Bounds.number("--port", port, 0, 65535);
    if (duration != null) {
      Bounds.duration("--duration", duration, Duration.ofMillis(100), Duration.ofDays(30));
    }
    CountDownLatch stop = new CountDownLatch(1);
    try (BmpCollector collector = new BmpCollector(this::print)) {
      InetSocketAddress bound;
      try {
        bound = collector.listen(new InetSocketAddress(ip, port));
      } catch (Exception e) {
        throw new UnreachableException("cannot listen on " + address + ":" + port + ": " + e.getMessage());
      }
      ctx.err().println("netctl: BMP collector listening on " + bound.getAddress().getHostAddress() + ":" + bound.getPort());
      ctx.err().flush();
      Thread hook = new Thread(stop::countDown, "netctl-bmp-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        if (duration == null) {
          stop.await();
        } else {
          stop.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        }
      } catch (InterruptedException e) {
        // the waiting thread interrupted (an embedding program, tests): stop like Ctrl-C
      } finally {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // exiting anyway
        }
      }
    }
    return ExitCode.OK;
  }

  private synchronized void print(BmpEvent e) {
    String time = ctx.clock().instant().toString();
    ObjectNode o = Json.object();
    o.put("time", time);
    o.put("router", e.router());
    String text;
    if (e instanceof BmpEvent.RouterUp u) {
      o.put("event", "router-up");
      o.put("sysName", u.sysName());
      o.put("sysDescr", u.sysDescr());
      text = "router up: " + u.sysName() + " (" + u.sysDescr() + ")";
    } else if (e instanceof BmpEvent.RouterDown d) {
      o.put("event", "router-down");
      o.put("reason", d.reason());
      text = "router down: " + d.reason();
    } else if (e instanceof BmpEvent.PeerUp u) {
      o.put("event", "peer-up");
      peer(o, u.peer());
      o.remove("view");
      if (u.receivedOpen() == null) { // the router sent no received OPEN (FRR 8.4: a bare header)
        o.putNull("peerRouterId");
        text = "peer up " + u.peer().address() + " AS " + u.peer().asNumber() + "; the peer's OPEN not reported";
      } else {
        o.put("peerRouterId", io.netctl.bgp.wire.Addresses.dotted(u.receivedOpen().bgpId()));
        BgpOutput.restartJson(o, u.receivedOpen()); // what the monitored peer announced in its OPEN
        text = "peer up " + u.peer().address() + " AS " + u.peer().asNumber() + "; peer " + BgpOutput.restartText(u.receivedOpen());
      }
    } else if (e instanceof BmpEvent.PeerDown d) {
      o.put("event", "peer-down");
      peer(o, d.peer());
      o.remove("view");
      o.put("reason", d.reason());
      o.put("routesDropped", d.routesDropped());
      text = "peer down " + d.peer().address() + " AS " + d.peer().asNumber() + ": " + d.reason() + " (routes dropped: " + d.routesDropped() + ")";
    } else if (e instanceof BmpEvent.RouteAnnounced a) {
      o.put("event", "announce");
      peer(o, a.peer());
      o.setAll(BgpOutput.json(a.route()));
      text = a.peer() + " + " + BgpOutput.line(a.route());
    } else if (e instanceof BmpEvent.RouteWithdrawn w) {
      o.put("event", "withdraw");
      peer(o, w.peer());
      BgpOutput.withdrawnJson(o, w.prefix(), w.pathId());
      text = w.peer() + " - " + BgpOutput.withdrawn(w.prefix(), w.pathId());
    } else if (e instanceof BmpEvent.EndOfRib eor) {
      o.put("event", "end-of-rib");
      peer(o, eor.peer());
      o.put("family", eor.family().toString());
      text = eor.peer() + " end-of-rib " + eor.family();
    } else if (e instanceof BmpEvent.Statistics s) {
      o.put("event", "statistics");
      peer(o, s.peer());
      var st = o.putObject("stats");
      s.stats().forEach(x -> st.put(String.valueOf(x.type()), x.value()));
      text = s.peer() + " statistics " + s.stats().stream().map(x -> x.type() + "=" + x.value()).toList();
    } else {
      text = e.toString();
    }
    if (output.structured()) {
      output.printEvent(ctx.out(), o);
    } else {
      ctx.out().println(time + " " + e.router() + " " + text);
    }
    ctx.out().flush();
  }

  private static void peer(ObjectNode o, io.netctl.bgp.bmp.MonitoredPeer p) {
    o.put("peer", p.address());
    o.put("peerAs", p.asNumber());
    o.put("view", p.view().toString());
  }
}
