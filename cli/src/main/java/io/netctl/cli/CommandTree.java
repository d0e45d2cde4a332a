package io.netctl.cli;

import io.netctl.cli.agent.AgentCommand;
import io.netctl.cli.allocation.AllocateCommand;
import io.netctl.cli.allocation.PoolsCommand;
import io.netctl.cli.allocation.ReleaseCommand;
import io.netctl.cli.allocation.ShowCommand;
import io.netctl.cli.bgp.BgpCommand;
import io.netctl.cli.bgp.BmpCommand;
import io.netctl.cli.check.CheckCommand;
import io.netctl.cli.check.SnapshotCommand;
import io.netctl.cli.check.ValidateCommand;
import io.netctl.cli.controller.ControllerCommand;
import io.netctl.cli.lvs.LvsCommand;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * netctl's top-level commands, and the command tree built for one run. Building a picocli command
 * reflects over its class and creates it (and so loads what its fields and static fields need), so
 * a run builds only the command its arguments name — {@code netctl allocate} never loads the BGP,
 * Kubernetes or metrics code, and {@code netctl --version} loads no command at all. The others
 * are listed by name (and, when the root's help may be printed, their one-line descriptions), so
 * usage, suggestions for typos and {@code netctl help} look as if the whole tree were there.
 */
final class CommandTree {
  private CommandTree() {}

  /** A top-level command. */
  record Entry(String name, Class<?> type) {}

  /** In the order of {@code netctl --help}. */
  static final List<Entry> TOP = List.of(
      new Entry("allocate", AllocateCommand.class),
      new Entry("release", ReleaseCommand.class),
      new Entry("show", ShowCommand.class),
      new Entry("pools", PoolsCommand.class),
      new Entry("bgp", BgpCommand.class),
      new Entry("bmp", BmpCommand.class),
      new Entry("lvs", LvsCommand.class),
      new Entry("check", CheckCommand.class),
      new Entry("validate", ValidateCommand.class),
      new Entry("snapshot", SnapshotCommand.class),
      new Entry("controller", ControllerCommand.class),
      new Entry("agent", AgentCommand.class),
      new Entry("completion", CompletionCommand.class),
      new Entry("version", VersionCommand.class),
      new Entry("help", CommandLine.HelpCommand.class));

  /** The whole tree (completion scripts, documentation tests). */
  static CommandLine full(IFactory factory) {
    CommandLine root = new CommandLine(NetctlCommand.class, factory);
    for (Entry e : TOP) {
      root.addSubcommand(e.name(), e.type());
    }
    return root;
  }

  /**
   * The tree for {@code args}: the root with the command the arguments name (for {@code help X}:
   * also X; for {@code completion}: everything); every other command a stand-in that carries its
   * name. {@code unloaded} runs when a stand-in is reached after all (the scan of the arguments
   * disagreed with picocli's parse): it must run the arguments on the full tree.
   */
  static CommandLine forArgs(IFactory factory, String[] args, Callable<Integer> unloaded) {
    CommandLine root = new CommandLine(NetctlCommand.class, factory);
    List<String> named = commandWords(root.getCommandSpec(), args);
    Set<String> build = new HashSet<>();
    if (!named.isEmpty()) {
      build.add(named.get(0));
      if (named.get(0).equals("help") && named.size() > 1) {
        build.add(named.get(1));
      }
    }
    if (build.contains("completion")) {
      TOP.forEach(e -> build.add(e.name()));
    }
    boolean describe = named.isEmpty() || named.get(0).equals("help");
    for (Entry e : TOP) {
      if (build.contains(e.name())) {
        root.addSubcommand(e.name(), e.type());
      } else {
        root.addSubcommand(e.name(), standIn(e, describe, unloaded));
      }
    }
    return root;
  }

  /** Whether {@code spec} is a stand-in for a command this run did not build. */
  static boolean isStandIn(CommandSpec spec) {
    return spec.userObject() instanceof Unloaded;
  }

  /**
   * The words of {@code args} that are not global options or their values, up to two: the command
   * and, for {@code help}, the command it is about. Follows picocli's rules for the root's options:
   * {@code --opt value}, {@code --opt=value}, {@code -o value}, {@code -ovalue}, clustered flags.
   */
  static List<String> commandWords(CommandSpec root, String[] args) {
    List<String> words = new java.util.ArrayList<>();
    for (int i = 0; i < args.length && words.size() < 2; i++) {
      String a = args[i];
      if (a.equals("--")) {
        break;
      }
      if (a.length() > 1 && a.startsWith("-")) {
        if (takesNextArg(root, a)) {
          i++;
        }
        continue;
      }
      words.add(a);
    }
    return words;
  }

  private static boolean takesNextArg(CommandSpec root, String a) {
    if (a.startsWith("--")) {
      OptionSpec o = a.contains("=") ? null : root.findOption(a);
      return o != null && o.arity().max() > 0;
    }
    OptionSpec whole = root.findOption(a);
    if (whole != null) {
      return whole.arity().max() > 0;
    }
    for (int c = 1; c < a.length(); c++) { // -qo json, -ojson
      OptionSpec o = root.findOption(a.charAt(c));
      if (o == null) {
        return false;
      }
      if (o.arity().max() > 0) {
        return c == a.length() - 1;
      }
    }
    return false;
  }

  private static CommandSpec standIn(Entry e, boolean describe, Callable<Integer> unloaded) {
    CommandSpec s = CommandSpec.wrapWithoutInspection(new Unloaded(unloaded));
    s.name(e.name());
    if (describe) {
      Command c = e.type().getAnnotation(Command.class);
      if (c != null && c.description().length > 0) {
        s.usageMessage().description(c.description()[0]);
      }
    }
    return s;
  }

  /** The user object of a stand-in: runs the arguments on the full tree. */
  private record Unloaded(Callable<Integer> fallback) implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
      return fallback.call();
    }
  }
}
