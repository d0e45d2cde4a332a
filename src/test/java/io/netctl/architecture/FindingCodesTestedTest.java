package io.netctl.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import io.netctl.validator.Code;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every finding code is asserted by some test: the test sources of the modules name it, as {@code
 * Code.NAME} or as its id at the start of a string literal ({@code "route-missing"}, {@code
 * "route-missing 10.3.240.0/27"}), outside comments. A new code without a test fails the build.
 */
class FindingCodesTestedTest {
  private static final List<String> TEST_TREES = List.of("ipam", "bgp", "lvs", "validator", "cli", "src/test");

  @Test
  void everyCodeIsNamedByATest() throws IOException {
    String tests = testSources(projectRoot());
    List<String> untested = new ArrayList<>();
    for (Code c : Code.values()) {
      Pattern asConstant = Pattern.compile("\\bCode\\." + c.name() + "\\b");
      Pattern asId = Pattern.compile("\"" + Pattern.quote(c.id()) + "[\" :]");
      if (!asConstant.matcher(tests).find() && !asId.matcher(tests).find()) {
        untested.add(c.id());
      }
    }
    assertThat(untested).as("finding codes no test names (add a test that asserts each)").isEmpty();
  }

  /** The project's root: the folder above this module with the parent pom. */
  static Path projectRoot() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !(Files.exists(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("validator")))) {
      p = p.getParent();
    }
    assertThat(p).as("the project root above " + Path.of("").toAbsolutePath()).isNotNull();
    return p;
  }

  /** Every test source file's text, comments removed. */
  private static String testSources(Path root) throws IOException {
    StringBuilder all = new StringBuilder();
    for (String tree : TEST_TREES) {
      Path dir = tree.equals("src/test") ? root.resolve("src/test/java") : root.resolve(tree).resolve("src/test/java");
      try (Stream<Path> files = Files.walk(dir)) {
        files.filter(f -> f.toString().endsWith(".java") && !f.getFileName().toString().equals("FindingCodesTestedTest.java")).forEach(f -> {
          try {
            all.append(withoutComments(Files.readString(f))).append('\n');
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
      }
    }
    assertThat(all).as("test sources under " + root).isNotEmpty();
    return all.toString();
  }

  private static String withoutComments(String java) {
    return java.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("(?m)^\\s*//.*$", " ");
  }
}
