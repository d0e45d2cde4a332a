package io.netctl.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code netctl --version} and {@code netctl version}. */
public final class Version implements IVersionProvider {
  public static final String VERSION = "0.1.0";

  @Override
  public String[] getVersion() {
    return new String[] {"netctl " + VERSION, "Java " + Runtime.version()};
  }
}
