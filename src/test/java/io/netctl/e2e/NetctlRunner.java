package io.netctl.e2e;

import io.netctl.lab.Lab;
import io.netctl.lab.Proc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the netctl jar inside a lab namespace, as an operator on that host would. */
final class NetctlRunner {
  private final Path jar;
  private final List<String> common;

  NetctlRunner(List<String> commonFlags) {
    this.jar = Path.of(System.getProperty("netctl.jar", "../../cli/target/netctl.jar")).toAbsolutePath().normalize();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("the netctl jar is missing at " + jar + ": run the tests through Maven (mvn verify) so the cli module is packaged first");
    }
    this.common = List.copyOf(commonFlags);
  }

  /** The command line of {@code netctl ARGS COMMON-FLAGS}. */
  String[] command(String... args) {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
    cmd.addAll(List.of(args));
    cmd.addAll(common);
    return cmd.toArray(String[]::new);
  }

  /** {@code netctl ARGS COMMON-FLAGS} in {@code host}'s namespace. */
  Proc.Result run(Lab.Host host, String... args) {
    return host.exec(command(args));
  }

  Proc.Result ok(Lab.Host host, String... args) {
    return run(host, args).requireOk("netctl " + String.join(" ", args));
  }
}
