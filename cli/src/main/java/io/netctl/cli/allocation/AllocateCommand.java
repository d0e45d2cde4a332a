package io.netctl.cli.allocation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import inet.ipaddr.ipv4.IPv4Address;
import io.netctl.cli.CliContext;
import io.netctl.cli.ExitCode;
import io.netctl.cli.options.ConfigOption;
import io.netctl.cli.options.GlobalOptions;
import io.netctl.cli.options.OutputOption;
import io.netctl.cli.options.StoreOptions;
import io.netctl.cli.output.Json;
import io.netctl.cli.routes.RouteWait;
import io.netctl.cli.routes.RoutesReady;
import io.netctl.cli.routes.WaitRoutesOptions;
import io.netctl.ipam.Allocator;
import io.netctl.ipam.BadInputException;
import io.netctl.ipam.Names;
import io.netctl.ipam.store.KvStore;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code netctl allocate NODE}. */
@Command(
    name = "allocate",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    description = {
      "Give NODE the lowest free pool (a /27 by default) and make it live in Calico.",
      "The pool comes from the configured ranges, in file order; under contention with other allocators it is one of the lowest free pools. "
          + "netctl's record and the Calico IPPool are written in one transaction; once calico-node has registered the Calico Node NODE, "
          + "the same transaction also writes the IPAM block, its confirmed affinity and the Node's label netctl.io/ippool (the pool's selector). "
          + "Before that the allocation is pending (kube-controllers' IPAM GC releases the blocks of hosts without a Calico Node), "
          + "and allocating again, or the controller, completes it. "
          + "Idempotent: a node that has a pool gets the same one back.",
      "With --wait-routes DUR it then waits until the pool is present with next hop = the host IP at every route reflector and director "
          + "the observation flags reach (as netctl wait-routes does, timed from the allocation's commit): exit 1 at the timeout naming each one "
          + "still without it (the allocation stays made; running the same command again is safe), 3 when none could be observed. "
          + "--monitor-timeout, --settle and --bmp-wait (bounds of check's one-shot reads) are refused (exit 2): it watches up to --wait-routes DUR."
    },
    footer = ExitCode.FOOTER)
public final class AllocateCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(index = "0", paramLabel = "NODE", description = "Kubernetes node name (DNS-1123).")
  String node;

  @Option(names = "--host-ip", paramLabel = "IP", description = "The node's IPv4 address: the next hop of its pool on LVS directors. Can be added later by allocating again.")
  String hostIp;

  @Option(names = "--update-host-ip", description = "Allow replacing a different host IP already recorded for NODE.")
  boolean updateHostIp;

  @Mixin WaitRoutesOptions waitRoutes;

  private final GlobalOptions global;
  private final StoreOptions store;
  private final ConfigOption config;
  private final OutputOption output;

  AllocateCommand(CliContext ctx, GlobalOptions global) {
    this.ctx = ctx;
    this.global = global;
    this.store = global.store();
    this.config = global.config();
    this.output = global.output();
  }

  @Override
  public Integer call() {
    Names.node(node);
    if (updateHostIp && hostIp == null) {
      throw new BadInputException("--update-host-ip replaces the recorded host IP with --host-ip IP: give --host-ip too");
    }
    IPv4Address ip = hostIp == null ? null : Names.hostIp("host IP", hostIp);
    var cfg = config.load(ctx);
    waitRoutes.validate(cfg);
    if (!waitRoutes.requested()) {
      return allocate(cfg, ip, null);
    }
    try (RoutesReady gate = waitRoutes.open(ctx, global.quiet(), cfg)) {
      return allocate(cfg, ip, gate);
    }
  }

  private int allocate(io.netctl.cli.config.NetctlConfig cfg, IPv4Address ip, RoutesReady gate) {
    Allocator.AllocationResult r;
    Instant before;
    try (KvStore kv = store.open(ctx)) {
      Allocator allocator = new Allocator(kv, cfg.ipam(), ctx.clock());
      if (gate != null && ip == null && allocator.show(node).map(a -> a.hostIp() == null).orElse(true)) {
        throw new BadInputException("--wait-routes waits for the pool via the node's host IP: give --host-ip IP");
      }
      before = ctx.clock().instant();
      r = allocator.allocate(node, ip, updateHostIp);
    }
    if (!output.structured()) {
      text(r);
    }
    RouteWait.Outcome routes = null;
    if (gate != null) {
      // timed from the commit that made the pool or set its next hop (from just before it: the record keeps whole seconds only);
      // for an allocation that was there, from now
      boolean made = r.outcome() == Allocator.Outcome.CREATED || r.outcome() == Allocator.Outcome.HOST_IP_SET
          || r.outcome() == Allocator.Outcome.HOST_IP_UPDATED;
      Instant start = made ? before : ctx.clock().instant();
      routes = gate.await(r.allocation(), start);
    }
    if (output.structured()) {
      ObjectNode o = Json.allocation(r.allocation());
      o.put("outcome", r.outcome().name().toLowerCase(Locale.ROOT));
      o.put("pending", r.pending());
      ArrayNode skipped = o.putArray("skipped");
      r.skipped().forEach(s -> skipped.addObject().put("cidr", s.cidr()).put("reason", s.reason()));
      if (routes != null) {
        o.put("routesReady", routes.ready());
        o.set("sources", RoutesReady.json(routes));
      }
      output.print(ctx.out(), o);
    } else if (routes != null) {
      ctx.out().println("  routes " + (routes.ready() ? "ready" : "not ready") + ":");
      gate.text(routes);
    }
    return routes == null ? ExitCode.OK : gate.exit(r.allocation(), routes);
  }

  private void text(Allocator.AllocationResult r) {
    var a = r.allocation();
    String host = a.hostIp() == null ? "no host IP yet" : "host IP " + a.hostIpText();
    String what =
        switch (r.outcome()) {
          case CREATED -> "allocated";
          case EXISTING -> "already allocated";
          case HOST_IP_SET -> "host IP recorded";
          case HOST_IP_UPDATED -> "host IP updated";
          case COMPLETED -> "completed in Calico (IPAM block, affinity, the Calico Node's pool label)";
        };
    ctx.out().println(a.node() + " " + a.cidrText() + " (" + host + "): " + what);
    if (r.pending()) {
      ctx.out().println("  pending: no Calico Node " + a.node() + " yet; its IPAM block and affinity are created once calico-node has"
          + " registered it (netctl controller does it then; without it, run netctl allocate " + a.node() + " again)");
    }
    r.skipped().forEach(s -> ctx.out().println("  skipped " + s.cidr() + ": " + s.reason()));
    ctx.out().flush();
  }
}
