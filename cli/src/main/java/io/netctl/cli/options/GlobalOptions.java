package io.netctl.cli.options;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The options every command takes, before or after the subcommand (like kubectl's and etcdctl's
 * global flags): configuration, datastore, output format and {@code --quiet}. The root command holds
 * the one instance (picocli's inherited options copy them to every subcommand and write into it);
 * commands receive it in their constructor. A command that does not use one of them ignores it.
 */
public final class GlobalOptions {
  @Mixin ConfigOption config = new ConfigOption();
  @Mixin StoreOptions store = new StoreOptions();
  @Mixin OutputOption output = new OutputOption();

  @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, description = "No progress lines on stderr (they only appear on a terminal).")
  boolean quiet;

  public ConfigOption config() {
    return config;
  }

  public StoreOptions store() {
    return store;
  }

  public OutputOption output() {
    return output;
  }

  public boolean quiet() {
    return quiet;
  }
}
