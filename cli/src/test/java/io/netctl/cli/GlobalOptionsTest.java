package io.netctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netctl.cli.options.GlobalOptions;
import io.netctl.cli.output.OutputFormat;
import io.netctl.ipam.store.EtcdSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * The global options ({@code --config}, {@code --store}, {@code --etcd-*}, {@code -o}, {@code -q})
 * are accepted before and after the command by every command, and land in the one {@link
 * GlobalOptions} the commands read; a few commands are run to show it end to end.
 */
class GlobalOptionsTest {
  /** Every command (a leaf of the tree) and the least it needs to parse. A new command must be added here. */
  static final Map<String, List<String>> COMMANDS = new TreeMap<>(Map.ofEntries(
      Map.entry("allocate", List.of("node-x")),
      Map.entry("release", List.of("node-x")),
      Map.entry("show", List.of("node-x")),
      Map.entry("pools", List.of()),
      Map.entry("who", List.of("10.3.240.7")),
      Map.entry("history", List.of("node-x")),
      Map.entry("wait-routes", List.of("node-x")),
      Map.entry("bgp plan", List.of()),
      Map.entry("bgp apply", List.of()),
      Map.entry("bgp show", List.of()),
      Map.entry("bgp render-rr", List.of("--rr", "rr-1")),
      Map.entry("bgp routes", List.of("--peer", "192.0.2.1")),
      Map.entry("bgp watch", List.of("--peer", "192.0.2.1")),
      Map.entry("bmp listen", List.of()),
      Map.entry("lvs plan", List.of("--director", "lvs-1")),
      Map.entry("lvs sync", List.of("--director", "lvs-1")),
      Map.entry("lvs coverage", List.of("--director", "lvs-1", "-")),
      Map.entry("check", List.of()),
      Map.entry("validate", List.of("--change", "change.yaml")),
      Map.entry("snapshot export", List.of()),
      Map.entry("controller", List.of()),
      Map.entry("agent", List.of()),
      Map.entry("completion", List.of("bash")),
      Map.entry("version", List.of()),
      Map.entry("help", List.of())));

  @TempDir Path home;
  CliHarness cli;
  Path conf;

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliHarness(home);
    conf = home.resolve("custom.yaml");
    Files.writeString(conf, "asNumber: 64600\nranges: [10.9.0.0/24]\n");
  }

  static Stream<String> commands() {
    return COMMANDS.keySet().stream();
  }

  @Test
  void theTableHoldsEveryCommand() {
    List<String> leaves = new ArrayList<>();
    leaves(Netctl.commandLine(cli.context()), "", leaves);
    assertThat(new TreeSet<>(leaves)).isEqualTo(COMMANDS.keySet());
  }

  private static void leaves(CommandLine c, String path, List<String> out) {
    if (c.getSubcommands().isEmpty()) {
      out.add(path.strip());
      return;
    }
    c.getSubcommands().forEach((name, sub) -> leaves(sub, path + " " + name, out));
  }

  /** Parses {@code args} on the tree {@code netctl ARGS} would build and returns the run's global options. */
  GlobalOptions parse(List<String> args) {
    CommandLine cl = Netctl.treeFor(cli.context(), args.toArray(String[]::new));
    cl.parseArgs(args.toArray(String[]::new));
    return ((NetctlCommand) cl.getCommandSpec().userObject()).global();
  }

  List<String> etcdGlobals() {
    return List.of("--config", conf.toString(), "-o", "yaml", "-q", "--etcd-endpoints", "http://127.0.0.1:2379,http://127.0.0.2:2379",
        "--etcd-cacert", "ca.pem", "--etcd-cert", "c.pem", "--etcd-key", "k.pem", "--etcd-timeout", "7s");
  }

  void assertEtcdGlobals(GlobalOptions g, String where) {
    assertThat(g.output().format()).as(where).isEqualTo(OutputFormat.yaml);
    assertThat(g.quiet()).as(where).isTrue();
    assertThat(g.config().load(cli.context()).bgp().asNumber()).as(where).isEqualTo(64600);
    EtcdSettings s = g.store().etcdSettings(cli.context()).orElseThrow();
    assertThat(s.endpoints()).as(where).containsExactly(URI.create("http://127.0.0.1:2379"), URI.create("http://127.0.0.2:2379"));
    assertThat(s.cacert()).as(where).isEqualTo(Path.of("ca.pem"));
    assertThat(s.cert()).as(where).isEqualTo(Path.of("c.pem"));
    assertThat(s.key()).as(where).isEqualTo(Path.of("k.pem"));
    assertThat(s.timeout()).as(where).isEqualTo(Duration.ofSeconds(7));
  }

  @ParameterizedTest
  @MethodSource("commands")
  void everyGlobalOptionBeforeTheCommand(String command) {
    List<String> args = new ArrayList<>(etcdGlobals());
    args.addAll(List.of(command.split(" ")));
    args.addAll(COMMANDS.get(command));
    assertEtcdGlobals(parse(args), "netctl " + String.join(" ", args));
  }

  @ParameterizedTest
  @MethodSource("commands")
  void everyGlobalOptionAfterTheCommand(String command) {
    List<String> args = new ArrayList<>(List.of(command.split(" ")));
    args.addAll(COMMANDS.get(command));
    args.addAll(etcdGlobals());
    assertEtcdGlobals(parse(args), "netctl " + String.join(" ", args));
  }

  @ParameterizedTest
  @MethodSource("commands")
  void globalOptionsOnBothSidesAndTheStoreFile(String command) {
    List<String> args = new ArrayList<>(List.of("-c", conf.toString(), "--store", home.resolve("s.json").toString()));
    args.addAll(List.of(command.split(" ")));
    args.addAll(COMMANDS.get(command));
    args.addAll(List.of("--output=json", "--quiet"));
    GlobalOptions g = parse(args);
    assertThat(g.output().format()).isEqualTo(OutputFormat.json);
    assertThat(g.quiet()).isTrue();
    assertThat(g.store().configured(cli.context())).isTrue();
    assertThat(g.store().etcdSettings(cli.context())).isEmpty();
    assertThat(g.config().load(cli.context()).ipam().ranges().toString()).contains("10.9.0.0/24");
  }

  @Test
  void allocateTakesConfigAndStoreOnEitherSide() throws Exception {
    Path store = home.resolve("elsewhere.json");
    CliHarness.Run before = cli.run("--config", conf.toString(), "--store", store.toString(), "-o", "json", "allocate", "node-x");
    assertThat(before.code()).as(before.toString()).isZero();
    assertThat(before.out()).contains("\"cidr\" : \"10.9.0.0/27\"");
    assertThat(store).exists();
    assertThat(home.resolve("netctl/store.json")).doesNotExist();
    CliHarness.Run after = cli.run("allocate", "node-y", "--config", conf.toString(), "--store", store.toString());
    assertThat(after.code()).as(after.toString()).isZero();
    assertThat(after.out()).startsWith("node-y 10.9.0.32/27");
    CliHarness.Run split = cli.run("-c", conf.toString(), "pools", "--store", store.toString(), "-o", "json");
    assertThat(split.out()).contains("node-x").contains("node-y");
  }

  @Test
  void aCommandThatDoesNotUseAGlobalOptionIgnoresIt() throws Exception {
    Path store = home.resolve("s.json");
    assertThat(cli.run("--store", store.toString(), "allocate", "node-x").code()).isZero();
    CliHarness.Run export = cli.run("snapshot", "export", "--config", conf.toString(), "--store", store.toString());
    assertThat(export.code()).as(export.toString()).isZero();
    assertThat(export.out()).contains("node-x");
    CliHarness.Run version = cli.run("--store", store.toString(), "--etcd-timeout", "1s", "-c", conf.toString(), "version");
    assertThat(version.code()).as(version.toString()).isZero();
    assertThat(version.out()).startsWith("netctl ");
  }

  @Test
  void valuesThatLookLikeCommandsAreStillValues() throws Exception {
    // "pools" is the value of --store here, and "show" the command
    Path dir = Files.createDirectories(home.resolve("pools"));
    assertThat(cli.run("--store", dir.toString(), "allocate", "node-x").code()).isZero();
    CliHarness.Run r = cli.run("--store", dir.toString(), "-qo", "json", "show", "node-x");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("\"node\" : \"node-x\"");
  }

  @Test
  void globalOptionsTwiceAreBadInput() {
    CliHarness.Run r = cli.run("-o", "json", "pools", "-o", "yaml");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.err()).contains("--output");
  }
}
