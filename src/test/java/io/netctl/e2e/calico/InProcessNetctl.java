package io.netctl.e2e.calico;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netctl.cli.CliContext;
import io.netctl.cli.Netctl;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code netctl} commands run in this JVM (its one CommandLine factory), against etcd, with captured output. */
final class InProcessNetctl {
  static final ObjectMapper M = new ObjectMapper();
  private final Map<String, String> env = new HashMap<>();

  InProcessNetctl(Path home, String etcdEndpoints, Path config) {
    env.put("HOME", home.toString());
    env.put("XDG_STATE_HOME", home.toString());
    env.put("ETCD_ENDPOINTS", etcdEndpoints);
    env.put("NETCTL_CONFIG", config.toString());
  }

  record Run(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  /** The bound on every etcd request, for the tests' store and netctl's ({@code --etcd-timeout}): generous, as a shared machine may be slow. */
  static final java.time.Duration ETCD_TIMEOUT = java.time.Duration.ofSeconds(60);

  /** Runs {@code netctl ARGS --etcd-timeout 60s}. */
  Run run(String... args) {
    String[] withTimeout = java.util.Arrays.copyOf(args, args.length + 2);
    withTimeout[args.length] = "--etcd-timeout";
    withTimeout[args.length + 1] = ETCD_TIMEOUT.toSeconds() + "s";
    args = withTimeout;
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext ctx = new CliContext(new PrintWriter(out, true), new PrintWriter(err, true), new ByteArrayInputStream(new byte[0]), env,
        Clock.systemUTC());
    int code = Netctl.run(ctx, args);
    return new Run(code, out.toString(), err.toString());
  }

  /** {@code netctl check --scope config --format json}: its exit code and findings as {@code code subject (severity)}. */
  record Check(int code, List<String> findings, JsonNode report) {}

  Check checkConfig() {
    Run r = run("check", "--scope", "config", "--format", "json");
    try {
      JsonNode j = M.readTree(r.out());
      List<String> f = new java.util.ArrayList<>();
      j.get("findings").forEach(x -> f.add(x.get("code").asText() + " " + x.get("subject").asText() + " (" + x.get("severity").asText() + ")"));
      return new Check(r.code(), f, j);
    } catch (IOException e) {
      throw new UncheckedIOException("check printed no JSON: " + r, e);
    }
  }
}
