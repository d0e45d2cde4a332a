package io.netctl.cli.allocation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netctl.cli.CliContext;
import io.netctl.cli.ExitCode;
import io.netctl.cli.options.ConfigOption;
import io.netctl.cli.options.GlobalOptions;
import io.netctl.cli.options.OutputOption;
import io.netctl.cli.options.StoreOptions;
import io.netctl.cli.output.Json;
import io.netctl.cli.output.Table;
import io.netctl.ipam.Allocation;
import io.netctl.ipam.Allocator;
import io.netctl.ipam.MalformedRecord;
import io.netctl.ipam.PoolUse;
import io.netctl.ipam.store.KvStore;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code netctl pools}. */
@Command(
    name = "pools",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    description = "List every allocation with the addresses in use in its IPAM block, and the use of each range: used, unavailable (held by foreign IPPools or blocks, or by records that cannot be read), free.",
    footer = ExitCode.FOOTER)
public final class PoolsCommand implements Callable<Integer> {
  private final CliContext ctx;

  private final StoreOptions store;
  private final ConfigOption config;
  private final OutputOption output;

  PoolsCommand(CliContext ctx, GlobalOptions global) {
    this.ctx = ctx;
    this.store = global.store();
    this.config = global.config();
    this.output = global.output();
  }

  @Override
  public Integer call() {
    var cfg = config.load(ctx);
    try (KvStore kv = store.open(ctx)) {
      Allocator.PoolsReport r = new Allocator(kv, cfg.ipam(), ctx.clock()).pools();
      if (output.structured()) {
        ObjectNode o = Json.object();
        ArrayNode all = o.putArray("allocations");
        r.allocations().forEach(a -> all.add(Json.allocation(a)));
        ArrayNode ranges = o.putArray("ranges");
        for (Allocator.RangeUse u : r.ranges()) {
          ranges.addObject().put("cidr", u.cidr()).put("total", u.total()).put("used", u.used())
              .put("unavailable", u.unavailable()).put("free", u.free());
        }
        ArrayNode addresses = o.putArray("addresses");
        for (PoolUse u : r.uses()) {
          ObjectNode x = addresses.addObject().put("node", u.node()).put("cidr", u.cidrText());
          if (u.hasBlock()) {
            x.put("inUse", u.inUse()).put("total", u.total()).put("percent", u.percent());
          } else {
            x.putNull("inUse").put("total", u.total()).putNull("percent");
          }
        }
        ArrayNode malformed = o.putArray("malformed");
        for (MalformedRecord m : r.malformed()) {
          malformed.addObject().put("key", m.key()).put("node", m.owner()).put("cidr", m.cidr()).put("problem", m.problem());
        }
        output.print(ctx.out(), o);
        return ExitCode.OK;
      }
      Map<String, PoolUse> uses = new HashMap<>();
      r.uses().forEach(u -> uses.put(u.node(), u));
      Table t = new Table("NODE", "CIDR", "HOST IP", "ADDRESSES IN USE", "CREATED");
      for (Allocation a : r.allocations()) {
        PoolUse u = uses.get(a.node());
        String use = u == null ? "-" : u.hasBlock() ? u.inUse() + "/" + u.total() + " (" + u.percent() + "%)" : "pending";
        t.row(a.node(), a.cidrText(), a.hostIp() == null ? "-" : a.hostIpText(), use, a.createdAt().toString());
      }
      if (r.allocations().isEmpty()) {
        ctx.out().println("no allocations");
      } else {
        t.print(ctx.out());
      }
      ctx.out().println();
      Table u = new Table("RANGE", "TOTAL", "USED", "UNAVAILABLE", "FREE");
      for (Allocator.RangeUse x : r.ranges()) {
        u.row(x.cidr(), String.valueOf(x.total()), String.valueOf(x.used()), String.valueOf(x.unavailable()), String.valueOf(x.free()));
      }
      u.print(ctx.out());
      if (!r.malformed().isEmpty()) {
        ctx.out().println();
        ctx.out().println("UNREADABLE RECORDS (their pools count as unavailable; netctl check reports them as record-malformed)");
        r.malformed().forEach(m -> ctx.out().println("  " + m.describe()));
      }
    }
    return ExitCode.OK;
  }
}
