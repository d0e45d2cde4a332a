package io.netctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netctl.cli.kube.MockApi;
import io.netctl.lab.EtcdCluster;
import io.netctl.lab.Poll;
import io.netctl.lab.Proc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The controller as a process (the shaded jar, as the container runs it) against an API server
 * that refuses: its stderr holds netctl's one-line messages (the informer's and the lease's
 * failures, the first and every 30th), never a stack trace; and a file that is no kubeconfig
 * ends it at once with exit 2 and one line.
 */
class ControllerLogsIT {
  static final Path JAR = Path.of("target", "netctl.jar");
  @TempDir Path dir;

  List<String> netctl(String... args) {
    List<String> cmd = new java.util.ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-jar", JAR.toString()));
    cmd.addAll(List.of(args));
    return cmd;
  }

  @Test
  void aRefusingApiServerIsLoggedInOneLineMessagesWithoutStackTraces() throws Exception {
    Path kc = Files.writeString(dir.resolve("kubeconfig"), MockApi.kubeconfig("http://127.0.0.1:" + EtcdCluster.freePort()));
    int port = EtcdCluster.freePort();
    try (Proc.Daemon ctl = Proc.start(netctl("controller", "--kubeconfig", kc.toString(), "--store", dir.resolve("store.json").toString(),
        "--listen", "127.0.0.1:" + port, "--lease-duration", "2s", "--resync", "2s", "--interval", "1s"), dir.resolve("controller.log"), Map.of("HOME",
        dir.toString()))) {
      Poll.until(Duration.ofSeconds(60), "the informer's and the lease's first failures logged", () -> {
        String log = ctl.logText();
        assertThat(ctl.alive()).as(log).isTrue();
        return log.contains("refused or unreachable (1)") && log.contains("leader election keeps retrying");
      });
      ctl.stop(Duration.ofSeconds(20));
      assertThat(ctl.exitCode()).as(ctl.logText()).isZero();
      String log = ctl.logText();
      assertThat(log).as("no stack trace").doesNotContainPattern("(?m)^\\s+at \\S").doesNotContain("Exception in thread");
      assertThat(log.lines().filter(l -> l.contains("refused or unreachable (")).count()).as(log).isEqualTo(1);
    }
  }

  @Test
  void aFileThatIsNoKubeconfigEndsItAtOnceWithExit2() throws Exception {
    Path notKube = Files.writeString(dir.resolve("values.yaml"), "replicas: 3\nimage: netctl\n");
    try (Proc.Daemon ctl = Proc.start(netctl("controller", "--kubeconfig", notKube.toString(), "--store", dir.resolve("store.json").toString()),
        dir.resolve("bad.log"), Map.of("HOME", dir.toString()))) {
      Poll.until(Duration.ofSeconds(60), "netctl exits", () -> !ctl.alive());
      assertThat(ctl.exitCode()).isEqualTo(2);
      assertThat(ctl.logText()).isEqualTo("netctl: --kubeconfig " + notKube + ": not a usable kubeconfig (it has no clusters)\n");
    }
    assertThat(dir.resolve("store.json")).doesNotExist();
  }
}
