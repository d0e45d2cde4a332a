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
import io.netctl.ipam.Allocator;
import io.netctl.ipam.Names;
import io.netctl.ipam.store.KvStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code netctl release NODE}. */
@Command(
    name = "release",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    description = {
      "Free NODE's pool and its Calico objects.",
      "netctl's record and Calico's IPPool, IPAM block and affinity go in one transaction. "
          + "Refused while Calico's block has addresses in use (pods), or while a record of NODE cannot be read, unless --force."
    },
    footer = ExitCode.FOOTER)
public final class ReleaseCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(index = "0", paramLabel = "NODE", description = "Kubernetes node name.")
  String node;

  @Option(names = "--force", description = "Release even when the block has addresses in use (their pods lose their routes), "
      + "or when NODE's record cannot be read (it goes with the keys that name NODE).")
  boolean force;

  private final StoreOptions store;
  private final ConfigOption config;
  private final OutputOption output;

  ReleaseCommand(CliContext ctx, GlobalOptions global) {
    this.ctx = ctx;
    this.store = global.store();
    this.config = global.config();
    this.output = global.output();
  }

  @Override
  public Integer call() {
    Names.node(node);
    var cfg = config.load(ctx);
    try (KvStore kv = store.open(ctx)) {
      Allocator.ReleaseResult r = new Allocator(kv, cfg.ipam(), ctx.clock()).release(node, force);
      if (r.released() == null) {
        printMalformed(r);
        return ExitCode.OK;
      }
      if (output.structured()) {
        ObjectNode o = Json.allocation(r.released());
        ArrayNode keys = o.putArray("deletedKeys");
        r.deletedKeys().forEach(keys::add);
        o.put("addressesInUse", r.addressesInUse());
        ArrayNode notes = o.putArray("notes");
        r.notes().forEach(notes::add);
        output.print(ctx.out(), o);
      } else {
        ctx.out().println(node + " " + r.released().cidrText() + ": released (" + r.deletedKeys().size() + " keys deleted"
            + (r.addressesInUse() > 0 ? ", " + r.addressesInUse() + " addresses were in use: forced" : "") + ")");
        r.notes().forEach(n -> ctx.out().println("  note: " + n));
      }
    }
    return ExitCode.OK;
  }

  /** A forced release of a record that could not be read: what was deleted. */
  private void printMalformed(Allocator.ReleaseResult r) {
    if (output.structured()) {
      ObjectNode o = Json.object();
      o.put("node", node);
      o.put("malformed", r.malformed().describe());
      ArrayNode keys = o.putArray("deletedKeys");
      r.deletedKeys().forEach(keys::add);
      o.put("addressesInUse", r.addressesInUse());
      ArrayNode notes = o.putArray("notes");
      r.notes().forEach(notes::add);
      output.print(ctx.out(), o);
      return;
    }
    ctx.out().println(node + ": unreadable record removed (" + r.deletedKeys().size() + " keys deleted): " + r.malformed().describe());
    r.notes().forEach(n -> ctx.out().println("  note: " + n));
  }
}
