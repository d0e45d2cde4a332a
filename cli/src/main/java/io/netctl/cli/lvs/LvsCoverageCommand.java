package io.netctl.cli.lvs;

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
import io.netctl.ipam.BadInputException;
import io.netctl.ipam.store.KvStore;
import io.netctl.lvs.Director;
import io.netctl.lvs.RouteTable;
import io.netctl.lvs.RouteTarget;
import io.netctl.lvs.ipvs.Coverage;
import io.netctl.lvs.ipvs.IpvsadmListing;
import io.netctl.lvs.sync.PoolAllocations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code netctl lvs coverage --director NAME FILE}. */
@Command(
    name = "coverage",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    description = {
      "Check that a director routes to every IPVS real server inside the container ranges.",
      "Reads 'ipvsadm -Ln' output from FILE ('-': standard input) and reports each real server whose pool is not allocated, "
          + "has no host IP, or has no route of netctl's via that host in the director's table. Exit 1 when any is not covered."
    },
    footer = ExitCode.FOOTER)
public final class LvsCoverageCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Mixin DirectorOption target;

  @Parameters(index = "0", paramLabel = "FILE", description = "Output of 'ipvsadm -Ln' (numeric), or '-' for standard input.")
  String file;

  private final StoreOptions store;
  private final ConfigOption config;
  private final OutputOption output;

  LvsCoverageCommand(CliContext ctx, GlobalOptions global) {
    this.ctx = ctx;
    this.store = global.store();
    this.config = global.config();
    this.output = global.output();
  }

  @Override
  public Integer call() {
    var cfg = config.load(ctx);
    Director d = target.director(cfg);
    IpvsadmListing listing = IpvsadmListing.parse(file.equals("-") ? "stdin" : file, read());
    RouteTable table = target.table();
    PoolAllocations allocations;
    try (KvStore kv = store.open(ctx)) {
      allocations = PoolAllocations.read(kv);
    }
    Coverage c = Coverage.check(listing, cfg.ipam().ranges(), allocations.allocations(), table.list(), RouteTarget.of(d));
    if (output.structured()) {
      ObjectNode o = Json.object();
      o.set("director", LvsOutput.director(d));
      o.put("where", table.describe());
      o.put("services", listing.services().size());
      o.put("inRanges", c.servers().size());
      o.put("outside", c.outside());
      o.put("uncovered", c.uncovered());
      ArrayNode a = o.putArray("realServers");
      for (Coverage.Server s : c.servers()) {
        ObjectNode x = a.addObject();
        x.put("address", s.address().toCanonicalString());
        ArrayNode eps = x.putArray("endpoints");
        s.endpoints().forEach(eps::add);
        x.put("pool", s.pool() == null ? null : s.pool().toString());
        x.put("node", s.node());
        x.put("via", s.via() == null ? null : s.via().toCanonicalString());
        x.put("kernel", s.kernel() == null ? null : s.kernel().describe());
        x.put("covered", s.covered());
        x.put("problem", s.covered() ? null : s.problem().text());
      }
      output.print(ctx.out(), o);
    } else {
      ctx.out().println("director " + d.name() + ", " + table.describe() + ": " + listing.services().size() + " virtual services, "
          + LvsOutput.plural(c.servers().size(), "real-server address") + " in the container ranges (" + c.outside() + " outside)");
      if (c.uncovered() > 0) {
        Table t = new Table("REAL SERVER", "POOL", "NODE", "WANT", "KERNEL", "PROBLEM", "USED BY");
        for (Coverage.Server s : c.servers()) {
          if (!s.covered()) {
            t.row(s.address().toCanonicalString(), s.pool() == null ? "-" : s.pool().toString(), s.node() == null ? "-" : s.node(),
                s.via() == null ? "-" : "via " + s.via().toCanonicalString(), s.kernel() == null ? "-" : s.kernel().describe(),
                s.problem().text(), String.join(", ", s.endpoints()));
          }
        }
        t.print(ctx.out());
      }
      ctx.out().println(c.uncovered() == 0 ? "covered: every real server in the container ranges has netctl's route via its host"
          : LvsOutput.plural(c.uncovered(), "real-server address") + " not covered");
    }
    return c.uncovered() == 0 ? ExitCode.OK : ExitCode.PROBLEMS;
  }

  private String read() {
    try {
      if (file.equals("-")) {
        return new String(ctx.in().readAllBytes(), StandardCharsets.UTF_8);
      }
      return Files.readString(Path.of(file), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new BadInputException(file + ": no such file");
    } catch (java.nio.charset.MalformedInputException e) {
      throw new BadInputException(file + ": not a text file (expected the output of ipvsadm -Ln)");
    } catch (IOException e) {
      throw new BadInputException(file + ": cannot read (" + e.getMessage() + ")");
    }
  }
}
