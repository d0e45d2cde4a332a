package io.netctl.cli;

import io.netctl.cli.options.GlobalOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The root of the command tree. It holds the global options ({@link GlobalOptions}: accepted before
 * and after the subcommand); its subcommands are listed in {@link CommandTree}, which builds only
 * the one a run names.
 */
@Command(
    name = "netctl",
    customSynopsis = "netctl [GLOBAL OPTIONS] COMMAND [OPTIONS] [ARGUMENTS]",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false,
    description = {
      "Network controller and validator for a Calico/BIRD/LVS Kubernetes platform: per-host /27 pools, Calico BGP configuration, "
          + "LVS director routes, and checks that the network is exactly what the allocations and topology say.",
      "The global options below are accepted before or after the command, by every command."
    },
    footer = ExitCode.FOOTER
        + "%nDatastore: etcd when --etcd-endpoints or $ETCD_ENDPOINTS is set, else the embedded file store.%n"
        + "Configuration: --config FILE or $NETCTL_CONFIG (netctl.yaml), else built-in defaults.%n"
        + "Shell completion: source <(netctl completion bash), or completion zsh.%n")
public final class NetctlCommand implements Runnable {
  @Spec CommandSpec spec;

  @Mixin GlobalOptions global;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  GlobalOptions global() {
    return global;
  }
}
