package io.netctl.cli.options;

import io.netctl.cli.CliContext;
import io.netctl.cli.config.ConfigLoader;
import io.netctl.cli.config.NetctlConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code --config FILE}: netctl.yaml; else {@code $NETCTL_CONFIG}; else the built-in defaults. A global
 * option (before or after the subcommand), part of {@link GlobalOptions}.
 */
public final class ConfigOption {
  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      scope = ScopeType.INHERIT,
      description = "netctl.yaml (default: $NETCTL_CONFIG, else built-in defaults: ranges 10.3.240.0/21, 10.3.216.0/21, /27 per host, AS 64512).")
  Path file;

  private NetctlConfig loaded;

  public NetctlConfig load(CliContext ctx) {
    if (loaded == null) {
      Path p = file;
      if (p == null) {
        String env = ctx.env().get("NETCTL_CONFIG");
        p = env == null || env.isBlank() ? null : Path.of(env);
      }
      loaded = p == null ? NetctlConfig.defaults() : ConfigLoader.load(p);
    }
    return loaded;
  }
}
