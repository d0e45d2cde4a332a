package io.netctl.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The scripts work on a fresh machine: every Maven call in bench/ and scripts/ runs online (a fresh
 * machine's local repository is empty, so {@code -o} would fail there), and scripts/test.sh checks
 * every tool the tests start.
 */
class ScriptsTest {
  static final Path ROOT = Path.of("..", "..").toAbsolutePath().normalize();
  static final Pattern OFFLINE = Pattern.compile("\\bmvn\\b[^\\n]*\\s(-o|--offline)(\\s|$)");

  @Test
  void everyMavenCallInTheScriptsRunsOnline() throws IOException {
    List<String> offline = new ArrayList<>();
    for (String dir : List.of("bench", "scripts", ".ci")) {
      try (Stream<Path> files = Files.list(ROOT.resolve(dir))) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          List<String> lines = Files.readAllLines(f);
          for (int i = 0; i < lines.size(); i++) {
            if (OFFLINE.matcher(lines.get(i)).find()) {
              offline.add(ROOT.relativize(f) + ":" + (i + 1) + ": " + lines.get(i).strip());
            }
          }
        }
      }
    }
    assertThat(offline).as("Maven calls with -o (offline) in the scripts").isEmpty();
  }

  @Test
  void theTestScriptChecksEveryToolTheTestsStart() throws IOException {
    String script = Files.readString(ROOT.resolve("scripts/test.sh"));
    for (String tool : List.of("etcd", "etcdctl", "bird", "birdc", "/usr/lib/frr/bgpd", "gobgpd", "gobgp", "ip", "ss", "python3", "setpriv",
        "openssl", "java", "mvn", "/usr/bin/chromium", "/usr/bin/chromedriver")) {
      assertThat(script).as("scripts/test.sh checks " + tool).containsPattern("(?m)^check " + Pattern.quote(tool) + " ");
    }
  }
}
