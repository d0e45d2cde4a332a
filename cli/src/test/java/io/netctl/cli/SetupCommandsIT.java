package io.netctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's two set-up commands, run exactly as printed: as root (these machines have no sudo),
 * and as a user (nobody) with and without sudo. The test script runs with --dry-run: everything
 * but the Maven run itself, which is this very suite.
 */
class SetupCommandsIT {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  @TempDir Path tmp;

  /** The commands of the README's set-up block, without their comments. */
  static List<String> readmeCommands() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    String section = readme.substring(readme.indexOf("## Set up on a fresh machine"));
    int start = section.indexOf("```sh\n") + 6;
    String block = section.substring(start, section.indexOf("\n```", start));
    List<String> out = new ArrayList<>();
    for (String line : block.split("\n")) {
      out.add(line.replaceAll("\\s+#.*$", "").strip());
    }
    return out;
  }

  record Result(int code, String out, String err) {}

  Result sh(List<String> command, Map<String, String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile());
    pb.environment().putAll(env);
    Path out = tmp.resolve("out-" + System.nanoTime());
    Path err = tmp.resolve("err-" + System.nanoTime());
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(command + " ends").isTrue();
    return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  /** {@code command} as user nobody with {@code path} as PATH. */
  List<String> asNobody(String path, String command) {
    return List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "env", "PATH=" + path, "HOME=" + tmp, "/bin/bash", "-c", command);
  }

  @Test
  void theReadmeShowsTheTwoCommandsThisTestRuns() throws Exception {
    assertThat(readmeCommands()).containsExactly("./netctl allocate node-x", "bash scripts/test.sh");
  }

  @Test
  void asRootBothRunAsPrinted() throws Exception {
    List<String> cmds = readmeCommands();
    Result allocate = sh(List.of("/bin/bash", "-c", cmds.get(0)), Map.of("XDG_STATE_HOME", tmp.resolve("state").toString()));
    assertThat(allocate.code()).as(allocate.toString()).isZero();
    assertThat(allocate.out()).contains("node-x 10.3.240.0/27 (no host IP yet): allocated");
    Result test = sh(List.of("/bin/bash", "-c", cmds.get(1) + " --dry-run"), Map.of());
    assertThat(test.code()).as(test.toString()).isZero();
    assertThat(test.out()).isEqualTo("mvn -B -ntp --fail-at-end -Dmaven.test.failure.ignore=true verify \n");
  }

  @Test
  void asAUserWithSudoTheTestScriptRunsItselfThroughSudo() throws Exception {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path calls = tmp.resolve("sudo-calls");
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
    Path sudo = bin.resolve("sudo");
    Files.writeString(sudo, "#!/bin/bash\necho \"$*\" >> " + calls + "\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(sudo, PosixFilePermissions.fromString("rwxr-xr-x"));
    Result r = sh(asNobody(bin + ":/usr/bin:/bin", readmeCommands().get(1) + " --dry-run -DskipITs"), Map.of());
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.err()).contains("running again through sudo");
    assertThat(Files.readString(calls)).isEqualTo("bash " + ROOT.resolve("scripts/test.sh") + " --dry-run -DskipITs\n");
  }

  @Test
  void asAUserWithoutSudoItSaysRunAsRootAndStops() throws Exception {
    Path bin = Files.createDirectories(tmp.resolve("nosudo"));
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    for (String tool : new String[] {"bash", "id", "dirname"}) {
      Path real = Files.exists(Path.of("/usr/bin", tool)) ? Path.of("/usr/bin", tool) : Path.of("/bin", tool);
      Files.createSymbolicLink(bin.resolve(tool), real.toRealPath());
    }
    Result r = sh(asNobody(bin.toString(), readmeCommands().get(1)), Map.of());
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("netctl's tests need root (network namespaces, CAP_NET_ADMIN) and sudo is not installed: "
        + "run 'bash scripts/test.sh' as root\n");
  }
}
