package io.netctl.cli;

/** {@code netctl}: the process entry point. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    Logging.quietLibraries(System.getenv().containsKey("NETCTL_DEBUG"));
    int code = Netctl.runProcess(CliContext.system(), args);
    System.exit(code);
  }
}
