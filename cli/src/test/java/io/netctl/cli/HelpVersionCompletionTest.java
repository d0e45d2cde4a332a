package io.netctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code netctl help [COMMAND...]}, {@code version}, {@code --help}/{@code --version}, mistyped commands and {@code completion bash|zsh}. */
class HelpVersionCompletionTest {
  @TempDir Path home;
  CliHarness cli;

  @BeforeEach
  void setUp() {
    cli = new CliHarness(home);
  }

  @Test
  void helpListsEveryCommandAndTheGlobalOptions() {
    for (String[] args : new String[][] {{"--help"}, {"-h"}, {"help"}, {}}) {
      CliHarness.Run r = cli.run(args);
      assertThat(r.code()).as(String.join(" ", args)).isZero();
      assertThat(r.out()).startsWith("Usage: netctl [GLOBAL OPTIONS] COMMAND [OPTIONS] [ARGUMENTS]")
          .contains("--etcd-endpoints=URLS").contains("-o, --output=FORMAT").contains("-q, --quiet").contains("Exit codes:");
      for (CommandTree.Entry e : CommandTree.TOP) {
        assertThat(r.out()).as("netctl %s lists %s", String.join(" ", args), e.name()).containsPattern("(?m)^  " + e.name() + " +\\S");
      }
    }
  }

  @Test
  void helpOfACommandIsItsUsage() {
    CliHarness.Run help = cli.run("help", "bgp", "plan");
    CliHarness.Run flag = cli.run("bgp", "plan", "--help");
    assertThat(help.code()).isZero();
    assertThat(help.out()).startsWith("Usage: netctl bgp plan").isEqualTo(flag.out());
    assertThat(cli.run("help", "allocate").out()).startsWith("Usage: netctl allocate").contains("--host-ip");
    CliHarness.Run nope = cli.run("help", "bgp", "plna");
    assertThat(nope.code()).isEqualTo(2);
    assertThat(nope.errLines()).hasSize(1);
    assertThat(nope.err()).startsWith("netctl: no command \"plna\" in netctl bgp (commands: ").contains("plan");
  }

  @Test
  void versionAsFlagAndCommand() throws Exception {
    for (String[] args : new String[][] {{"--version"}, {"-V"}, {"version"}, {"-c", "nope.yaml", "version"}}) {
      CliHarness.Run r = cli.run(args);
      assertThat(r.code()).as(String.join(" ", args)).isZero();
      assertThat(r.out()).startsWith("netctl " + Version.VERSION + "\nJava ");
    }
    CliHarness.Run json = cli.run("version", "-o", "json");
    assertThat(new ObjectMapper().readTree(json.out()).get("version").asText()).isEqualTo(Version.VERSION);
  }

  @Test
  void aMistypedCommandGetsSuggestions() {
    CliHarness.Run r = cli.run("--store", home.resolve("s.json").toString(), "alocate", "node-x");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.errLines()).containsExactly("netctl: unknown command \"alocate\" (did you mean allocate?) (see 'netctl --help')");
    assertThat(cli.run("vallidate").err()).contains("did you mean validate?");
    assertThat(cli.run("frobnicate").err()).startsWith("netctl: unknown command \"frobnicate\" (see 'netctl --help')");
  }

  /** Completes {@code words} (the last one being typed) with the generated script in a real bash. */
  List<String> complete(Path script, String... words) throws Exception {
    StringBuilder line = new StringBuilder("source " + script + "; COMP_WORDS=(");
    for (String w : words) {
      line.append('"').append(w).append("\" ");
    }
    line.append("); COMP_CWORD=").append(words.length - 1).append("; COMP_LINE=\"").append(String.join(" ", words))
        .append("\"; COMP_POINT=${#COMP_LINE}; _complete_netctl; printf '%s\\n' \"${COMPREPLY[@]}\"");
    // stderr: compopt says it runs outside a completion; only the replies count
    Process p = new ProcessBuilder("bash", "-c", line.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    List<String> lines = new ArrayList<>();
    for (String l : out.split("\n")) {
      if (!l.isBlank()) {
        lines.add(l.strip());
      }
    }
    return lines;
  }

  @Test
  void bashCompletionCompletesCommandsOptionsAndFormats() throws Exception {
    CliHarness.Run r = cli.run("completion", "bash");
    assertThat(r.code()).as(r.toString()).isZero();
    Path script = home.resolve("netctl.bash");
    Files.writeString(script, r.out());
    assertThat(complete(script, "netctl", "al")).containsExactly("allocate");
    assertThat(complete(script, "netctl", "bgp", "re")).containsExactlyInAnyOrder("render-rr");
    assertThat(complete(script, "netctl", "bgp", "plan", "--etcd-e")).contains("--etcd-endpoints");
    assertThat(complete(script, "netctl", "check", "-o", "j")).contains("json", "junit");
    assertThat(complete(script, "netctl", "pools", "--out")).contains("--output");
  }

  @Test
  void zshCompletionIsTheBashScriptThroughBashcompinit() {
    CliHarness.Run zsh = cli.run("completion", "zsh");
    assertThat(zsh.code()).isZero();
    assertThat(zsh.out()).startsWith("autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n")
        .contains("complete -F _complete_netctl");
    CliHarness.Run bad = cli.run("completion", "fish");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.errLines()).hasSize(1);
  }
}
