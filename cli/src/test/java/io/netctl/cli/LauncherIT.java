package io.netctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./netctl} launcher and its start-up cache (issue 12): on the first run of a JVM it
 * makes the cache (an AOT cache on JDK 25+, a CDS archive before) and later runs load netctl's
 * classes from it, including the etcd client's for a run against etcd (trained on a throw-away
 * etcd); with {@code NETCTL_CACHE=0} it makes and uses none and netctl works the same; on the JDK
 * that runs the tests (17 on this project's machines) as well as on the one the launcher picks.
 * Whether a class came from the cache is what the JVM's own class-load log says.
 */
class LauncherIT {
  static final Path LAUNCHER = Path.of("..", "netctl").toAbsolutePath().normalize();
  static final Path JAR = Path.of("target", "netctl.jar").toAbsolutePath();
  @TempDir Path work;
  final List<Process> started = new ArrayList<>();

  @AfterEach
  void stop() {
    for (Process p : started) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }

  record Run(int code, String out, String err, List<String> classLog) {
    /** The class-load log's line for {@code name}, e.g. "[info][class,load] a.B source: shared objects file (top)". */
    String loaded(String name) {
      return classLog.stream().filter(l -> l.contains("] " + name + " source:")).findFirst().orElse("(not loaded) " + name);
    }
  }

  Run netctl(Map<String, String> env, String... args) throws Exception {
    Path log = work.resolve("class-load-" + System.nanoTime() + ".log");
    List<String> cmd = new ArrayList<>(List.of("bash", LAUNCHER.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(work.resolve("err.txt").toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("NETCTL_") || k.startsWith("ETCD_"));
    pb.environment().put("NETCTL_JAR", JAR.toString());
    pb.environment().put("NETCTL_CACHE_DIR", work.resolve("cache").toString());
    pb.environment().put("NETCTL_JAVA_OPTS", "-Xlog:class+load=info:file=" + log);
    pb.environment().put("XDG_STATE_HOME", work.resolve("state").toString());
    pb.environment().putAll(env);
    Process p = pb.start();
    started.add(p);
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    // a first run trains the cache (a training run and maybe a throw-away etcd): a minute at most
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("netctl ends").isTrue();
    String err = Files.readString(work.resolve("err.txt"));
    List<String> classLog = Files.exists(log) ? Files.readAllLines(log) : List.of();
    return new Run(p.exitValue(), out, err, classLog);
  }

  List<Path> caches() throws IOException {
    Path dir = work.resolve("cache");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }

  static String suffix(int feature) {
    return feature >= 25 ? ".aot" : ".jsa";
  }

  static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Makes the cache on the first run, then loads netctl's and the etcd client's classes from it. */
  void cacheIsMadeAndUsed(Map<String, String> env, int feature) throws Exception {
    Run first = netctl(env, "allocate", "node-a");
    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.out()).startsWith("node-a 10.3.240.0/27");
    assertThat(caches()).as("the cache the first run made").isNotEmpty()
        .allSatisfy(c -> assertThat(c.getFileName().toString()).endsWith(suffix(feature)));

    Run second = netctl(env, "allocate", "node-b");
    assertThat(second.code()).as(second.err()).isZero();
    assertThat(second.out()).startsWith("node-b 10.3.240.32/27");
    assertThat(second.loaded("io.netctl.cli.Netctl")).contains("source: shared objects file");
    assertThat(second.loaded("io.netctl.ipam.store.FileStore")).contains("source: shared objects file");

    // against etcd (a closed port: the client starts, connects and fails): the etcd client's
    // classes come from the cache too, trained on a throw-away etcd
    String url = "http://127.0.0.1:" + closedPort();
    netctl(env, "show", "node-a", "--etcd-endpoints", url, "--etcd-timeout", "1s"); // may make the etcd cache (JDK 25+)
    Run etcd = netctl(env, "--etcd-endpoints", url, "--etcd-timeout", "1s", "show", "node-a");
    assertThat(etcd.code()).as(etcd.err()).isEqualTo(3);
    assertThat(etcd.err()).startsWith("netctl: ").doesNotContain("Exception");
    assertThat(etcd.loaded("io.etcd.jetcd.ClientBuilder")).contains("source: shared objects file");
    assertThat(etcd.loaded("io.netctl.ipam.store.EtcdStore")).contains("source: shared objects file");
  }

  @Test
  void onTheJdkItPicksTheCacheItMakesIsUsed() throws Exception {
    Run version = netctl(Map.of(), "--version");
    assertThat(version.code()).as(version.err()).isZero();
    String jvm = version.out().lines().skip(1).findFirst().orElseThrow(); // "Java 25.0.1+8-LTS ..." or "Java 17..."
    int feature = Integer.parseInt(jvm.replaceFirst("^\\D*(\\d+).*$", "$1"));
    assertThat(feature).isGreaterThanOrEqualTo(Runtime.version().feature());
    cacheIsMadeAndUsed(Map.of(), feature);
  }

  @Test
  void onTheJdkRunningTheTestsTheCacheItMakesIsUsed() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    cacheIsMadeAndUsed(Map.of("NETCTL_JAVA", java), Runtime.version().feature());
  }

  @Test
  void withoutTheCacheNetctlWorksAndMakesNone() throws Exception {
    for (String java : new String[] {"", Path.of(System.getProperty("java.home"), "bin", "java").toString()}) {
      Map<String, String> env = java.isEmpty() ? Map.of("NETCTL_CACHE", "0") : Map.of("NETCTL_CACHE", "0", "NETCTL_JAVA", java);
      String node = java.isEmpty() ? "node-p" : "node-q";
      Run r = netctl(env, "allocate", node);
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.out()).startsWith(node + " 10.3.240.");
      assertThat(r.loaded("io.netctl.cli.Netctl")).doesNotContain("shared objects file").contains("source: file:");
    }
    assertThat(caches()).isEmpty();
  }

  @Test
  void aMissingJarIsBadInputNotABuild() throws Exception {
    Run r = netctl(Map.of("NETCTL_JAR", work.resolve("none.jar").toString()), "--version");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("netctl: NETCTL_JAR=" + work.resolve("none.jar") + ": no such file\n");
  }
}
