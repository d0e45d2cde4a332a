package io.netctl.cli;

import io.netctl.cli.options.GlobalOptions;
import io.netctl.cli.options.ReportFormats;
import io.netctl.cli.output.OutputFormat;
import io.netctl.ipam.BadInputException;
import io.netctl.ipam.Names;
import io.netctl.ipam.OneLine;
import io.netctl.ipam.RefusedException;
import io.netctl.ipam.UnreachableException;
import io.netctl.ipam.store.StoreCorruptException;
import io.netctl.ipam.store.StoreException;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/** The one factory of netctl's command tree, used by {@link Main} and by tests. */
public final class Netctl {
  private Netctl() {}

  /** Runs netctl with {@code args} in {@code ctx}; returns the exit code. Builds only the command the arguments name. */
  public static int run(CliContext ctx, String... args) {
    int code = treeFor(ctx, args).execute(args);
    ctx.out().flush();
    ctx.err().flush();
    return code;
  }

  /**
   * Runs netctl as the whole process ({@link Main}): as {@link #run}, with the library settings of
   * a one-shot process ({@link io.netctl.cli.startup.OneShot}), which change the JVM's system properties.
   */
  public static int runProcess(CliContext ctx, String... args) {
    int code = configure(CommandTree.forArgs(new ContextFactory(ctx), args, true), ctx).execute(args);
    ctx.out().flush();
    ctx.err().flush();
    return code;
  }

  /** The command tree a run with {@code args} builds: the root and the command they name. */
  static CommandLine treeFor(CliContext ctx, String... args) {
    return configure(CommandTree.forArgs(new ContextFactory(ctx), args), ctx);
  }

  /** The whole command tree (every command built), as completion scripts and documentation need it. */
  public static CommandLine commandLine(CliContext ctx) {
    return configure(CommandTree.full(new ContextFactory(ctx)), ctx);
  }

  private static CommandLine configure(CommandLine cl, CliContext ctx) {
    cl.setOut(ctx.out());
    cl.setErr(ctx.err());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionStrategy(parseResult -> {
      requireFormatOf(parseResult);
      return new CommandLine.RunLast().execute(parseResult);
    });
    cl.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          int code = exitCode(e);
          PrintWriter err = commandLine.getErr();
          if (code == ExitCode.INTERNAL) {
            err.println("netctl: internal error: " + e + " (a bug; set NETCTL_DEBUG=1 for details)");
          } else {
            err.println("netctl: " + OneLine.of(e.getMessage(), "error"));
          }
          if (ctx.env().containsKey("NETCTL_DEBUG")) {
            e.printStackTrace(err);
          }
          err.flush();
          return code;
        });
    cl.setParameterExceptionHandler(
        (ParameterException e, String[] args) -> {
          CommandLine c = e.getCommandLine();
          PrintWriter err = c.getErr();
          String msg = OneLine.of(e.getMessage(), "error");
          if (e.getCause() instanceof BadInputException b) {
            msg = OneLine.of(b.getMessage(), "error");
          }
          if (e instanceof MissingParameterException && c.getParseResult() != null && !c.getParseResult().unmatched().isEmpty()) {
            // "allocate -a": the missing NODE is the unknown option; say both
            msg = "Unknown option: '" + Names.printable(c.getParseResult().unmatched().get(0)) + "' (a name cannot start with '-'); " + msg;
          }
          if (e instanceof UnmatchedArgumentException u) {
            List<String> suggestions = u.getSuggestions();
            List<String> unmatched = u.getUnmatched();
            if (c.getParent() == null && !unmatched.isEmpty() && !unmatched.get(0).startsWith("-")
                && CommandTree.entry(unmatched.get(0)).isEmpty()) {
              msg = "unknown command \"" + io.netctl.ipam.Names.printable(unmatched.get(0)) + "\"";
              suggestions = CommandTree.suggestions(unmatched.get(0));
            }
            if (!suggestions.isEmpty()) {
              msg += " (did you mean " + String.join(" or ", suggestions) + "?)";
            }
          }
          err.println(c.getCommandSpec().qualifiedName() + ": " + msg + " (see '" + c.getCommandSpec().qualifiedName() + " --help')");
          err.flush();
          return ExitCode.BAD_INPUT;
        });
    return cl;
  }

  /**
   * A global option given on both sides of the command is bad input (as twice on one side); a
   * report format (-o junit) is for the commands that print reports, elsewhere bad input too. Both
   * before anything runs.
   */
  private static void requireFormatOf(ParseResult parseResult) {
    List<CommandLine> chain = parseResult.asCommandLineList();
    CommandLine leaf = chain.get(chain.size() - 1);
    java.util.Map<String, CommandLine> seen = new java.util.HashMap<>();
    for (CommandLine level : chain) {
      for (CommandLine.Model.OptionSpec o : level.getParseResult().matchedOptions()) {
        if (o.scopeType() == CommandLine.ScopeType.INHERIT && seen.putIfAbsent(o.longestName(), level) != null) {
          throw new ParameterException(leaf, "option '" + o.longestName() + "' is given twice (before and after the command): give it once");
        }
      }
    }
    GlobalOptions global = ((NetctlCommand) chain.get(0).getCommandSpec().userObject()).global();
    OutputFormat f = global.output().format();
    if (f.report() && !(leaf.getCommandSpec().userObject() instanceof ReportFormats)
        && !leaf.isUsageHelpRequested() && !leaf.isVersionHelpRequested()) {
      throw new ParameterException(leaf, "-o " + f + " is a report format of check and validate; "
          + leaf.getCommandSpec().qualifiedName() + " prints text, json or yaml");
    }
  }

  static int exitCode(Throwable e) {
    if (e instanceof BadInputException) {
      return ExitCode.BAD_INPUT;
    }
    if (e instanceof StoreCorruptException) {
      return ExitCode.UNREACHABLE;
    }
    if (e instanceof StoreException || e instanceof UnreachableException) {
      return ExitCode.UNREACHABLE;
    }
    if (e instanceof RefusedException) {
      return ExitCode.REFUSED;
    }
    return ExitCode.INTERNAL;
  }

  /**
   * Builds commands with a {@code (CliContext)} or {@code (CliContext, GlobalOptions)} constructor
   * when they have one; the global options are one instance per tree, shared by the root (which
   * parses them) and every command (which reads them).
   */
  private static final class ContextFactory implements IFactory {
    private final CliContext ctx;
    private GlobalOptions global;

    ContextFactory(CliContext ctx) {
      this.ctx = ctx;
    }

    private GlobalOptions global() throws Exception {
      if (global == null) {
        global = CommandLine.defaultFactory().create(GlobalOptions.class);
      }
      return global;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
      if (cls == GlobalOptions.class) {
        return cls.cast(global());
      }
      for (Constructor<?> c : cls.getDeclaredConstructors()) {
        Class<?>[] p = c.getParameterTypes();
        if (p.length == 1 && p[0] == CliContext.class) {
          c.setAccessible(true);
          return cls.cast(c.newInstance(ctx));
        }
        if (p.length == 2 && p[0] == CliContext.class && p[1] == GlobalOptions.class) {
          c.setAccessible(true);
          return cls.cast(c.newInstance(ctx, global()));
        }
      }
      return CommandLine.defaultFactory().create(cls);
    }
  }
}
