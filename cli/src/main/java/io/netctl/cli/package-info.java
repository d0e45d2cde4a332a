/**
 * The {@code netctl} command: one picocli command tree ({@link io.netctl.cli.NetctlCommand}),
 * built by one factory ({@link io.netctl.cli.Netctl#commandLine}) used by {@code main} and by
 * tests, shared options as mixins ({@code io.netctl.cli.options}), commands grouped by area
 * ({@code allocation}, {@code bgp}, {@code lvs}, {@code check}, and the in-cluster {@code controller}, {@code
 * agent}, {@code kube}, {@code metrics}), and one mapping from
 * exceptions to the documented exit codes ({@link io.netctl.cli.ExitCode}).
 *
 * <p>Conventions for commands: a command is a class implementing {@code Callable<Integer>} with
 * a constructor taking {@link io.netctl.cli.CliContext} (stdout, stderr, environment, clock); it
 * writes only to the context's streams; it signals failures by throwing {@code
 * BadInputException} (2), {@code UnreachableException}/{@code StoreException} (3) or {@code
 * RefusedException} (4), and returns 0 or 1 (problems found) itself. Register it in {@link
 * io.netctl.cli.NetctlCommand} or its group command, in the package of its area.
 */
package io.netctl.cli;
