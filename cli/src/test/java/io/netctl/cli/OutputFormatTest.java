package io.netctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netctl.cli.output.OutputFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code -o/--output} is the output format on every command: text, json, yaml, and for check and
 * validate also junit; YAML is the same document as JSON; {@code --report-file} takes the report
 * file that {@code -o FILE} used to.
 */
class OutputFormatTest {
  static final ObjectMapper M = new ObjectMapper();
  @TempDir Path home;
  CliHarness cli;
  Path conf;

  @BeforeEach
  void network() throws Exception {
    cli = new CliHarness(home);
    conf = home.resolve("netctl.yaml");
    Files.writeString(conf, "routeReflectors:\n  - {name: rr-1, ip: 10.3.252.8, clusterId: 1.0.0.1}\n"
        + "directors:\n  - {name: lvs-1, ip: 10.3.214.10}\n");
    assertThat(cli.run("-c", conf.toString(), "allocate", "node-a", "--host-ip", "10.3.0.1").code()).isZero();
    assertThat(cli.run("-c", conf.toString(), "bgp", "apply").code()).isZero();
  }

  static Stream<Arguments> everyCommandAndFormat() {
    List<Arguments> out = new ArrayList<>();
    for (String command : GlobalOptionsTest.COMMANDS.keySet()) {
      for (OutputFormat f : OutputFormat.values()) {
        out.add(Arguments.of(command, f));
      }
    }
    return out.stream();
  }

  @ParameterizedTest
  @MethodSource("everyCommandAndFormat")
  void everyCommandTakesEveryFormatName(String command, OutputFormat format) {
    List<String> args = new ArrayList<>(List.of(command.split(" ")));
    args.addAll(GlobalOptionsTest.COMMANDS.get(command));
    args.addAll(List.of("-o", format.name()));
    picocli.CommandLine cl = Netctl.treeFor(cli.context(), args.toArray(String[]::new));
    cl.parseArgs(args.toArray(String[]::new));
    assertThat(((NetctlCommand) cl.getCommandSpec().userObject()).global().output().format()).isEqualTo(format);
  }

  /** Runs {@code netctl -o json ARGS} and {@code netctl ARGS -o yaml}: the same document. */
  void yamlIsJson(int code, String... args) throws Exception {
    List<String> json = new ArrayList<>(List.of("-c", conf.toString(), "-o", "json"));
    json.addAll(List.of(args));
    List<String> yaml = new ArrayList<>(List.of(args));
    yaml.addAll(List.of("-c", conf.toString(), "-o", "yaml"));
    CliHarness.Run j = cli.run(json.toArray(String[]::new));
    CliHarness.Run y = cli.run(yaml.toArray(String[]::new));
    assertThat(j.code()).as(j.toString()).isEqualTo(code);
    assertThat(y.code()).as(y.toString()).isEqualTo(code);
    Object fromJson = M.readValue(j.out(), Object.class);
    Object fromYaml = new Yaml().load(y.out());
    assertThat((com.fasterxml.jackson.databind.JsonNode) M.valueToTree(fromYaml)).as("netctl %s -o yaml\n%s", String.join(" ", args), y.out())
        .isEqualTo((com.fasterxml.jackson.databind.JsonNode) M.valueToTree(fromJson));
    assertThat(y.out()).doesNotStartWith("{");
  }

  @Test
  void yamlIsTheJsonDocumentOnEveryCommandThatPrintsOne() throws Exception {
    yamlIsJson(0, "allocate", "node-a");
    yamlIsJson(0, "show", "node-a");
    yamlIsJson(0, "pools");
    yamlIsJson(0, "bgp", "plan");
    yamlIsJson(0, "bgp", "apply");
    yamlIsJson(0, "bgp", "show");
    yamlIsJson(0, "bgp", "render-rr", "--rr", "rr-1");
    yamlIsJson(0, "check", "--scope", "config");
    Path change = home.resolve("change.yaml");
    Files.writeString(change, "changes:\n  - allocate: {node: node-b, hostIp: 10.3.0.2}\n");
    yamlIsJson(0, "validate", "--change", change.toString());
    yamlIsJson(0, "version");
    CliHarness.Run a = cli.run("-o", "yaml", "allocate", "node-c");
    assertThat(new Yaml().<java.util.Map<String, Object>>load(a.out())).containsEntry("node", "node-c").containsEntry("outcome", "created");
    CliHarness.Run r = cli.run("release", "node-c", "-o", "yaml");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(new Yaml().<java.util.Map<String, Object>>load(r.out())).containsEntry("node", "node-c").containsKey("deletedKeys");
  }

  @Test
  void reportFormatsOnlyWhereThereIsAReport() throws Exception {
    CliHarness.Run pools = cli.run("-o", "junit", "pools");
    assertThat(pools.code()).isEqualTo(2);
    assertThat(pools.errLines()).containsExactly("netctl pools: -o junit is a report format of check and validate; netctl pools prints text, json or yaml"
        + " (see 'netctl pools --help')");
    CliHarness.Run allocate = cli.run("allocate", "node-z", "-o", "junit");
    assertThat(allocate.code()).isEqualTo(2);
    assertThat(cli.run("show", "node-z").code()).as("nothing was written").isEqualTo(4);
    CliHarness.Run check = cli.run("-c", conf.toString(), "check", "--scope", "config", "-o", "junit");
    assertThat(check.code()).as(check.toString()).isZero();
    assertThat(check.out()).startsWith("<?xml").contains("<testsuite");
  }

  @Test
  void formatIsASynonymOfOutputOnCheckAndValidate() throws Exception {
    CliHarness.Run f = cli.run("-c", conf.toString(), "check", "--scope", "config", "--format", "json");
    CliHarness.Run o = cli.run("-c", conf.toString(), "check", "--scope", "config", "-o", "json");
    assertThat(M.readTree(f.out())).isEqualTo(M.readTree(o.out()));
    CliHarness.Run both = cli.run("-c", conf.toString(), "-o", "json", "check", "--scope", "config", "--format", "json");
    assertThat(both.code()).isZero();
    CliHarness.Run disagree = cli.run("-c", conf.toString(), "-o", "yaml", "check", "--scope", "config", "-f", "junit");
    assertThat(disagree.code()).isEqualTo(2);
    assertThat(disagree.errLines()).containsExactly("netctl: -o yaml and --format junit disagree (--format is another name for -o): give one");
  }

  @Test
  void theReportFileHasItsOwnOption() throws Exception {
    CliHarness.Run old = cli.run("-c", conf.toString(), "check", "--scope", "config", "-o", "report.json");
    assertThat(old.code()).isEqualTo(2);
    assertThat(old.errLines()).hasSize(1);
    assertThat(old.err()).contains("\"report.json\" is not an output format").contains("--report-file FILE");
    assertThat(home.resolve("json")).doesNotExist();
    Path file = home.resolve("report.json");
    CliHarness.Run r = cli.run("-c", conf.toString(), "check", "--scope", "config", "-o", "json", "--report-file", file.toString());
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(M.readTree(file.toFile()).get("summary").get("errors").asInt()).isZero();
    assertThat(r.err()).contains("(report in " + file + ")");
    CliHarness.Run y = cli.run("-c", conf.toString(), "check", "--scope", "config", "-o", "yaml", "--report-file", file.toString());
    assertThat(y.code()).isZero();
    assertThat(Files.readString(file)).startsWith("summary:");
  }

  @Test
  void snapshotExportWritesAFileOrStdout() throws Exception {
    Path file = home.resolve("state.json");
    CliHarness.Run toFile = cli.run("snapshot", "export", "--file", file.toString());
    assertThat(toFile.code()).as(toFile.toString()).isZero();
    assertThat(toFile.out()).isEmpty();
    assertThat(toFile.err()).contains("written to " + file);
    CliHarness.Run toStdout = cli.run("-o", "json", "snapshot", "export");
    assertThat(M.readTree(toStdout.out())).isEqualTo(M.readTree(file.toFile()));
    assertThat(cli.run("-c", conf.toString(), "check", "--scope", "config", "--snapshot", file.toString()).code()).isZero();
    CliHarness.Run yaml = cli.run("snapshot", "export", "-o", "yaml");
    assertThat(yaml.code()).isEqualTo(2);
    assertThat(yaml.errLines()).containsExactly("netctl: snapshot export writes JSON, the format --snapshot reads: use -o json (or no -o)");
    CliHarness.Run noDir = cli.run("snapshot", "export", "--file", home.resolve("no/such/dir/s.json").toString());
    assertThat(noDir.code()).isEqualTo(2);
    assertThat(noDir.errLines()).hasSize(1);
    assertThat(noDir.err()).startsWith("netctl: cannot write the snapshot to ");
  }
}
