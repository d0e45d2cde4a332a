package io.netctl.cli;

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
import picocli.CommandLine.IFactory;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine;

/** The one factory of netctl's command tree, used by {@link Main} and by tests. */
public final class Netctl {
  private Netctl() {}

  /** Runs netctl with {@code args} in {@code ctx}; returns the exit code. */
  public static int run(CliContext ctx, String... args) {
    int code = commandLine(ctx).execute(args);
    ctx.out().flush();
    ctx.err().flush();
    return code;
  }

  public static CommandLine commandLine(CliContext ctx) {
    CommandLine cl = new CommandLine(NetctlCommand.class, new ContextFactory(ctx));
    cl.setOut(ctx.out());
    cl.setErr(ctx.err());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
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

  /** Builds commands with a {@link CliContext} constructor when they have one. */
  private record ContextFactory(CliContext ctx) implements IFactory {
    @Override
    public <K> K create(Class<K> cls) throws Exception {
      for (Constructor<?> c : cls.getDeclaredConstructors()) {
        if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == CliContext.class) {
          c.setAccessible(true);
          return cls.cast(c.newInstance(ctx));
        }
      }
      return CommandLine.defaultFactory().create(cls);
    }
  }
}
