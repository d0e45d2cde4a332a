package io.netctl.cli;

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
 * ahead-of-time cache on JDK 25+): runs, in one JVM, the command paths operators run — help and
 * version, allocate/release/show/pools, bgp plan/apply/show/render-rr, check, validate, snapshot
 * export, -o json and yaml, bad input — on an embedded store in {@code WORKDIR}, and again on etcd
 * when an endpoint is given (the launcher starts a throw-away etcd on loopback for it), so the
 * classes of every path come from the cache. Its output goes nowhere; what it prints is one line per
 * command that ended with an unexpected exit code.
 *
 * <p>Usage: {@code java -XX:ArchiveClassesAtExit=... -cp netctl.jar io.netctl.cli.StartUpTraining WORKDIR [ETCD-URL]}.
 */
public final class StartUpTraining {
  private StartUpTraining() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: StartUpTraining WORKDIR [ETCD-URL]");
      return;
    }
    Path work = Path.of(args[0]);
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

    List<String[]> runs = new ArrayList<>(List.of(
        new String[] {"--version"}, new String[] {"--help"}, new String[] {"-o", "json", "version"}, new String[] {"help", "allocate"},
        new String[] {"check", "--help"}, new String[] {"alocate", "x"}, new String[] {"allocate", "Bad_Name"},
        new String[] {"-o", "junit", "pools"}));
    runs.addAll(paths(c, change.toString(), work, new String[] {"--store", work.resolve("store.json").toString()}));
    if (args.length == 2) {
      runs.addAll(paths(c, change.toString(), work, new String[] {"--etcd-endpoints", args[1]}));
    }
    PrintWriter sink = new PrintWriter(Writer.nullWriter());
    CliContext ctx = new CliContext(sink, sink, java.io.InputStream.nullInputStream(), env, Clock.systemUTC());
    for (String[] run : runs) {
      int code = Netctl.run(ctx, run);
      if (code == ExitCode.INTERNAL || code == ExitCode.UNREACHABLE) {
        System.err.println("netctl start-up training: exit " + code + " from netctl " + String.join(" ", run));
      }
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
