package io.netctl.cli;

import io.netctl.cli.about.CompletionCommand;
import io.netctl.cli.about.HelpCommand;
import io.netctl.cli.about.VersionCommand;
import io.netctl.cli.agent.AgentCommand;
import io.netctl.cli.allocation.AllocateCommand;
import io.netctl.cli.allocation.PoolsCommand;
import io.netctl.cli.allocation.WhoCommand;
import io.netctl.cli.allocation.HistoryCommand;
import io.netctl.cli.allocation.ReleaseCommand;
import io.netctl.cli.allocation.ShowCommand;
import io.netctl.cli.bgp.BgpCommand;
import io.netctl.cli.bgp.BmpCommand;
import io.netctl.cli.check.CheckCommand;
import io.netctl.cli.check.SnapshotCommand;
import io.netctl.cli.check.ValidateCommand;
import io.netctl.cli.controller.ControllerCommand;
import io.netctl.cli.lvs.LvsCommand;
import io.netctl.cli.routes.WaitRoutesCommand;
import io.netctl.cli.startup.OneShot;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine;

/**
 * netctl's top-level commands, and the command tree built for one run. Building a picocli command
 * reflects over its class and creates it (and so loads what its fields and static fields need), so
 * a run builds only the command its arguments name: {@code netctl allocate} never loads the BGP speaker,
 * Kubernetes or metrics code, and {@code netctl --version} builds no command at all. The root's
 * usage lists every command from {@link #TOP} (by name and one-line description) whether built or
 * not, and a mistyped command gets its suggestions from there too.
 */
public final class CommandTree {
  private CommandTree() {}

  /** A top-level command. */
  public record Entry(String name, Class<?> type) {
    /** The first line of the command's description, for the list of commands. */
    String summary() {
      Command c = type.getAnnotation(Command.class);
      return c == null || c.description().length == 0 ? "" : c.description()[0];
    }
  }

  /** In the order of {@code netctl --help}. */
  public static final List<Entry> TOP = List.of(
      new Entry("allocate", AllocateCommand.class),
      new Entry("release", ReleaseCommand.class),
      new Entry("show", ShowCommand.class),
      new Entry("pools", PoolsCommand.class),
      new Entry("who", WhoCommand.class),
      new Entry("history", HistoryCommand.class),
      new Entry("wait-routes", WaitRoutesCommand.class),
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
      new Entry("help", HelpCommand.class));

  /** The long-running commands, which log (with times) rather than print. */
  static final Set<String> SERVICES = Set.of("controller", "agent");

  /** Whether the run opens BGP or BMP sessions: bgp routes/watch, bmp listen, check --monitor/--bmp-listen. */
  static boolean speaksBgp(CommandSpec root, String[] args) {
    List<String> words = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--monitor") || a.startsWith("--bmp-listen")) {
        return true;
      }
      if (a.length() > 1 && a.startsWith("-")) {
        if (takesNextArg(root, a)) {
          i++;
        }
      } else {
        words.add(a);
      }
    }
    String path = String.join(" ", words.subList(0, Math.min(2, words.size())));
    return path.startsWith("bgp routes") || path.startsWith("bgp watch") || path.startsWith("bmp");
  }

  static Optional<Entry> entry(String name) {
    return TOP.stream().filter(e -> e.name().equals(name)).findFirst();
  }

  /** The whole tree (completion scripts, documentation tests). */
  static CommandLine full(IFactory factory) {
    CommandLine root = root(factory);
    TOP.forEach(e -> root.addSubcommand(e.name(), e.type()));
    return root;
  }

  /**
   * The tree for {@code args}: the root and the command the arguments name (for {@code help X}
   * also X; for {@code completion} everything).
   */
  static CommandLine forArgs(IFactory factory, String[] args) {
    return forArgs(factory, args, false);
  }

  /**
   * As {@link #forArgs(IFactory, String[])}; {@code process}: this run is the whole process (not a
   * test or the start-up training's shared JVM), so process-wide library settings apply too
   * ({@link OneShot}).
   */
  static CommandLine forArgs(IFactory factory, String[] args, boolean process) {
    CommandLine root = root(factory);
    List<String> named = commandWords(root.getCommandSpec(), args);
    Set<String> build = new LinkedHashSet<>(named);
    if (build.contains("completion")) {
      return full(factory);
    }
    if (!named.isEmpty() && SERVICES.contains(named.get(0))) {
      Logging.service(); // before their loggers exist
    } else if (process) {
      OneShot.settings(speaksBgp(root.getCommandSpec(), args));
    }
    for (String name : build) {
      entry(name).ifPresent(e -> root.addSubcommand(e.name(), e.type()));
    }
    return root;
  }

  private static CommandLine root(IFactory factory) {
    CommandLine root = new CommandLine(NetctlCommand.class, factory);
    root.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST_HEADING, help -> System.lineSeparator() + "Commands:" + System.lineSeparator());
    root.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, help -> commandList());
    return root;
  }

  /** The list of commands in the root's usage: name and summary, wrapped at 80 columns. */
  static String commandList() {
    int width = TOP.stream().mapToInt(e -> e.name().length()).max().orElse(0) + 4;
    StringBuilder b = new StringBuilder();
    for (Entry e : TOP) {
      String pad = " ".repeat(width);
      StringBuilder line = new StringBuilder("  " + e.name() + " ".repeat(width - 2 - e.name().length()));
      for (String word : e.summary().split(" ")) {
        if (line.length() + word.length() + 1 > 80 && line.length() > width) {
          b.append(line.toString().stripTrailing()).append(System.lineSeparator());
          line = new StringBuilder(pad);
        }
        line.append(word).append(' ');
      }
      b.append(line.toString().stripTrailing()).append(System.lineSeparator());
    }
    return b.toString();
  }

  /** Up to two names of {@link #TOP} close to {@code word} (a typo or a prefix), for "did you mean". */
  static List<String> suggestions(String word) {
    List<String> out = new ArrayList<>();
    for (Entry e : TOP) {
      if (out.size() < 2 && (distance(word, e.name()) <= Math.max(1, e.name().length() / 3) || (word.length() >= 2 && e.name().startsWith(word)))) {
        out.add(e.name());
      }
    }
    return out;
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      int[] cur = new int[b.length() + 1];
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
      }
      prev = cur;
    }
    return prev[b.length()];
  }

  /**
   * The words of {@code args} that are not global options or their values, up to two: the command
   * and, for {@code help}, the command it is about. Follows picocli's rules for the root's options:
   * {@code --opt value}, {@code --opt=value}, {@code -o value}, {@code -ovalue}, clustered flags.
   */
  static List<String> commandWords(CommandSpec root, String[] args) {
    List<String> words = new ArrayList<>();
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
      if (!a.equals("help")) {
        break;
      }
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
}
