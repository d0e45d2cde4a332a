/**
 * The {@code netctl} command: one picocli command tree ({@link io.netctl.cli.NetctlCommand}),
 * built by one factory ({@link io.netctl.cli.Netctl#commandLine}) used by {@code main} and by
 * tests, shared options as mixins ({@link io.netctl.cli.StoreOptions}, {@link
 * io.netctl.cli.ConfigOption}, {@link io.netctl.cli.OutputOption}), and one mapping from
 * exceptions to the documented exit codes ({@link io.netctl.cli.ExitCode}).
 *
 * <p>Conventions for commands: a command is a class implementing {@code Callable<Integer>} with
 * a constructor taking {@link io.netctl.cli.CliContext} (stdout, stderr, environment, clock); it
 * writes only to the context's streams; it signals failures by throwing {@code
 * BadInputException} (2), {@code UnreachableException}/{@code StoreException} (3) or {@code
 * RefusedException} (4), and returns 0 or 1 (problems found) itself. Register it in {@link
 * io.netctl.cli.NetctlCommand} or its group command.
 */
package io.netctl.cli;
