package io.netctl.cli.lvs;

import io.netctl.cli.config.NetctlConfig;
import io.netctl.ipam.BadInputException;
import io.netctl.lvs.Director;
import io.netctl.lvs.RouteTable;
import io.netctl.lvs.iproute.IprouteTable;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/** {@code --director NAME} (from netctl.yaml) and {@code --netns NS}, shared by the lvs commands. */
public final class DirectorOption {
  @Option(names = "--director", required = true, paramLabel = "NAME", description = "The director (a name under directors: in netctl.yaml) whose table this is.")
  String name;

  @Option(names = "--netns", paramLabel = "NS", description = "Use the routing table of network namespace NS (ip -n NS) instead of this host's.")
  String netns;

  /** The configured director; an unknown name is bad input (exit 2). */
  public Director director(NetctlConfig cfg) {
    return cfg.director(name).orElseThrow(() -> {
      if (cfg.directors().isEmpty()) {
        return new BadInputException("unknown director \"" + io.netctl.ipam.Names.printable(name) + "\": no directors are configured in "
            + cfg.source() + " (add a directors: list to netctl.yaml)");
      }
      return new BadInputException("unknown director \"" + io.netctl.ipam.Names.printable(name) + "\": " + cfg.source() + " lists "
          + cfg.directors().stream().map(Director::name).collect(Collectors.joining(", ")));
    });
  }

  /** The kernel's tables this command works on. */
  public RouteTable table() {
    if (netns != null && !netns.matches("[A-Za-z0-9_.-]{1,64}")) {
      throw new BadInputException("invalid network namespace name \"" + io.netctl.ipam.Names.printable(netns) + "\"");
    }
    return IprouteTable.of(netns);
  }
}
