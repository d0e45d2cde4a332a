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
import io.netctl.ipam.Allocator;
import io.netctl.ipam.BadInputException;
import io.netctl.ipam.Names;
import io.netctl.ipam.store.KvStore;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
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
          + "Idempotent: a node that has a pool gets the same one back."
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

  private final StoreOptions store;
  private final ConfigOption config;
  private final OutputOption output;

  AllocateCommand(CliContext ctx, GlobalOptions global) {
    this.ctx = ctx;
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
    try (KvStore kv = store.open(ctx)) {
      Allocator.AllocationResult r = new Allocator(kv, cfg.ipam(), ctx.clock()).allocate(node, ip, updateHostIp);
      if (output.structured()) {
        ObjectNode o = Json.allocation(r.allocation());
        o.put("outcome", r.outcome().name().toLowerCase(Locale.ROOT));
        o.put("pending", r.pending());
        ArrayNode skipped = o.putArray("skipped");
        r.skipped().forEach(s -> skipped.addObject().put("cidr", s.cidr()).put("reason", s.reason()));
        output.print(ctx.out(), o);
      } else {
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
      }
    }
    return ExitCode.OK;
  }
}
