package io.netctl.cli;

/** netctl's exit codes, the same for every command. */
public final class ExitCode {
  private ExitCode() {}

  /** Success; for check, validate and plan commands: no problem found / in sync. */
  public static final int OK = 0;
  /** Problems found (check, validate) or differences found (plan), like diff(1). */
  public static final int PROBLEMS = 1;
  /** Bad input: flags, names, addresses, netctl.yaml, change files. Nothing was written. */
  public static final int BAD_INPUT = 2;
  /** The datastore or a peer (BGP neighbour, BIRD socket, API server) is unreachable. Nothing was written. */
  public static final int UNREACHABLE = 3;
  /** Refused by the current state: exhausted, in use, conflicting concurrent change. Nothing was written. */
  public static final int REFUSED = 4;
  /** An internal error: a bug in netctl (NETCTL_DEBUG=1 prints the stack trace). */
  public static final int INTERNAL = 5;

  /** The table shown in every command's --help. */
  public static final String FOOTER =
      "%nExit codes:%n"
          + "  0  ok (check/validate/plan: nothing wrong, in sync)%n"
          + "  1  problems found (check/validate) or differences found (plan)%n"
          + "  2  bad input (flags, names, addresses, netctl.yaml); nothing written%n"
          + "  3  datastore or peer unreachable; nothing written%n"
          + "  4  refused by the current state (exhausted, in use, conflict); nothing written%n"
          + "  5  internal error (a bug; NETCTL_DEBUG=1 shows details)%n";
}
