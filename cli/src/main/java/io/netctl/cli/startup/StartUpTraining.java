package io.netctl.cli.startup;

import io.netctl.cli.CliContext;
import io.netctl.cli.ExitCode;
import io.netctl.cli.Logging;
import io.netctl.cli.Netctl;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The training run of the launcher's start-up cache (a class-data-sharing archive, or the JDK's
 * ahead-of-time cache on JDK 25+): runs, in one JVM, the command paths operators run, so the classes
 * of every path come from the cache. What it runs is chosen by a flavour, because an AOT cache loads
 * all its classes when the JVM starts (a CDS archive only maps them): {@code light} is help,
 * version, completion and bad input; {@code local} adds allocate/release/show/pools, bgp
 * plan/apply/show/render-rr and routes, check (also --monitor), validate, snapshot export, -o json
 * and yaml on an embedded store in {@code WORKDIR}; {@code etcd} runs those on etcd at {@code URL}
 * (the launcher starts a throw-away etcd on loopback for it); {@code all} is the three together.
 * Its output goes nowhere; what it prints is one line per command that ended with an internal error.
 *
 * <p>Usage: {@code java -XX:ArchiveClassesAtExit=... -cp netctl.jar io.netctl.cli.startup.StartUpTraining light|local|etcd|all WORKDIR [ETCD-URL]}.
 */
public final class StartUpTraining {
  private StartUpTraining() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2 || args.length > 3 || !List.of("light", "local", "etcd", "all").contains(args[0])
        || (args[0].equals("etcd") && args.length != 3)) {
      System.err.println("usage: StartUpTraining light|local|etcd|all WORKDIR [ETCD-URL]");
      return;
    }
    String flavour = args[0];
    Path work = Path.of(args[1]);
    Files.createDirectories(work);
    Logging.quietLibraries(false);
    Path conf = work.resolve("netctl.yaml");
    Files.writeString(conf, "routeReflectors:\n  - {name: rr-1, ip: 10.3.252.8, clusterId: 1.0.0.1}\n"
        + "directors:\n  - {name: lvs-1, ip: 10.3.214.10, group: internal}\n", StandardCharsets.UTF_8);
    Path change = work.resolve("change.yaml");
    Files.writeString(change, "changes:\n  - allocate: {node: train-c, hostIp: 192.0.2.3}\n  - release: {node: train-b}\n", StandardCharsets.UTF_8);
    Map<String, String> env = new HashMap<>();
    env.put("XDG_STATE_HOME", work.resolve("state").toString());
    env.put("HOME", work.toString());
    String c = conf.toString();

    List<String[]> runs = new ArrayList<>();
    if (flavour.equals("light") || flavour.equals("all")) {
      runs.addAll(List.of(
          new String[] {"--version"}, new String[] {"--help"}, new String[] {"-o", "json", "version"}, new String[] {"help", "allocate"},
          new String[] {"allocate", "--help"}, new String[] {"check", "--help"}, new String[] {"bgp", "plan", "--help"},
          new String[] {"completion", "bash"}, new String[] {"alocate", "x"}));
    }
    runs.add(new String[] {"allocate", "Bad_Name"});
    runs.add(new String[] {"-o", "junit", "pools"});
    if (flavour.equals("local") || flavour.equals("all")) {
      runs.addAll(paths(c, change.toString(), work, new String[] {"--store", work.resolve("store.json").toString()}));
      int closed = closedPort();
      runs.add(new String[] {"bgp", "routes", "--peer", "127.0.0.1", "--port", String.valueOf(closed), "--timeout", "2s", "--connect-timeout", "1s"});
      Path loopback = work.resolve("monitor.yaml"); // a reflector that refuses at once
      Files.writeString(loopback, "routeReflectors:\n  - {name: rr-1, ip: 127.0.0.1, clusterId: 1.0.0.1}\n", StandardCharsets.UTF_8);
      runs.add(new String[] {"-c", loopback.toString(), "--store", work.resolve("store.json").toString(), "check", "--monitor", "--scope", "routes",
          "--monitor-timeout", "2s", "--settle", "1s"});
    }
    if (flavour.equals("etcd") || (flavour.equals("all") && args.length == 3)) {
      runs.addAll(paths(c, change.toString(), work, new String[] {"--etcd-endpoints", args[2]}));
    }
    PrintWriter sink = new PrintWriter(Writer.nullWriter());
    CliContext ctx = new CliContext(sink, sink, java.io.InputStream.nullInputStream(), env, Clock.systemUTC());
    for (String[] run : runs) {
      int code = Netctl.runProcess(ctx, run); // the settings of the first one-shot run stay, as in a real run
      if (code == ExitCode.INTERNAL) {
        System.err.println("netctl start-up training: exit " + code + " from netctl " + String.join(" ", run));
      }
    }
  }

  /** A loopback port nothing listens on (connections to it are refused at once). */
  private static int closedPort() throws IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
  /** The command paths on one datastore ({@code store}: its global options). */
  private static List<String[]> paths(String conf, String change, Path work, String[] store) {
    String[][] commands = {
        {"allocate", "train-a", "--host-ip", "192.0.2.1"},
        {"-o", "json", "allocate", "train-b", "--host-ip", "192.0.2.2"},
        {"-o", "yaml", "show", "train-a"},
        {"pools"},
        {"-o", "json", "pools"},
        {"bgp", "plan"},
        {"bgp", "apply"},
        {"-o", "json", "bgp", "show"},
        {"bgp", "render-rr", "--rr", "rr-1"},
        {"check", "--scope", "config"},
        {"-o", "json", "check", "--scope", "config"},
        {"-o", "junit", "check", "--scope", "config"},
        {"validate", "--change", change},
        {"-o", "yaml", "validate", "--change", change},
        {"snapshot", "export", "--file", work.resolve("snapshot.json").toString()},
        {"release", "train-b"},
        {"release", "train-a"},
    };
    List<String[]> out = new ArrayList<>();
    for (String[] cmd : commands) {
      List<String> a = new ArrayList<>(List.of("--config", conf));
      a.addAll(List.of(store));
      a.addAll(List.of(cmd));
      out.add(a.toArray(String[]::new));
    }
    return out;
  }
}
