package io.netctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every command's --help reads right: each paragraph of a description is whole sentences (picocli
 * wraps a paragraph; a line break inside a sentence shows as a sentence broken in two), and no
 * paragraph says the summary a second time.
 */
class HelpTextsTest {
  @TempDir Path home;

  static List<CommandLine> all(CommandLine root) {
    List<CommandLine> out = new ArrayList<>();
    out.add(root);
    root.getSubcommands().values().stream().distinct().forEach(c -> out.addAll(all(c)));
    return out;
  }

  @Test
  void descriptionsAreWholeSentencesAndNeverRepeatTheSummary() {
    for (CommandLine c : all(Netctl.commandLine(new CliHarness(home).context()))) {
      String name = c.getCommandSpec().qualifiedName();
      String[] description = c.getCommandSpec().usageMessage().description();
      Map<String, String> openings = new HashMap<>();
      for (String paragraph : description) {
        String p = paragraph.strip();
        if (p.isEmpty()) {
          continue;
        }
        assertThat(p).as(name + ": a paragraph that ends mid-sentence").matches("(?s).*[.:?)\\]]$");
        String[] words = p.split("\\s+");
        String opening = String.join(" ", Arrays.copyOf(words, Math.min(3, words.length))).toLowerCase(java.util.Locale.ROOT);
        assertThat(openings.put(opening, p)).as(name + ": two paragraphs open alike: \"" + p + "\"").isNull();
      }
    }
  }

  @Test
  void everyCommandsHelpPrintsAndEndsWithTheExitCodes() {
    for (CommandLine c : all(Netctl.commandLine(new CliHarness(home).context()))) {
      List<String> path = new ArrayList<>(Arrays.asList(c.getCommandSpec().qualifiedName().split(" ")));
      path.remove(0);
      if (path.contains("help")) {
        continue;
      }
      path.add("--help");
      CliHarness.Run r = new CliHarness(home).run(path.toArray(String[]::new));
      assertThat(r.code()).as(String.join(" ", path)).isZero();
      assertThat(r.out()).as(String.join(" ", path)).contains("Exit codes:");
    }
  }
}
