package io.netctl.cli.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.netctl.ipam.BadInputException;
import io.netctl.ipam.OneLine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Builds the Kubernetes client: from {@code --kubeconfig}, else the in-cluster service account
 * (when {@code KUBERNETES_SERVICE_HOST} is set and the token is mounted), else {@code $KUBECONFIG}
 * or {@code ~/.kube/config}. With none of them it is bad input, in one line; fabric8's own fallback
 * to {@code localhost:8080} is never used.
 */
public final class KubeClients {
  static final Path TOKEN = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token");

  private KubeClients() {}

  /** Where the client connects, for messages. */
  public record Connected(KubernetesClient client, String describe) implements AutoCloseable {
    @Override
    public void close() {
      client.close();
    }
  }

  public static Connected connect(Path kubeconfig, Map<String, String> env) {
    if (kubeconfig != null) {
      return fromFile(kubeconfig, "--kubeconfig");
    }
    if (env.get("KUBERNETES_SERVICE_HOST") != null && Files.exists(TOKEN)) {
      Config c = new io.fabric8.kubernetes.client.ConfigBuilder().build();
      tune(c);
      return new Connected(new KubernetesClientBuilder().withConfig(c).build(), "in-cluster API " + c.getMasterUrl());
    }
    String fromEnv = env.get("KUBECONFIG");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromFile(Path.of(fromEnv.split(java.io.File.pathSeparator)[0]), "$KUBECONFIG");
    }
    String home = env.get("HOME");
    if (home != null && Files.isRegularFile(Path.of(home, ".kube", "config"))) {
      return fromFile(Path.of(home, ".kube", "config"), "~/.kube/config");
    }
    throw new BadInputException("no Kubernetes API to talk to: not running in a cluster (no KUBERNETES_SERVICE_HOST and service account token)"
        + " and no kubeconfig (--kubeconfig FILE, $KUBECONFIG or ~/.kube/config)");
  }

  private static Connected fromFile(Path file, String from) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new BadInputException(from + " " + file + ": no such file");
    } catch (IOException e) {
      throw new BadInputException(from + " " + file + ": cannot read (" + e.getMessage() + ")");
    }
    Config c;
    try {
      c = Config.fromKubeconfig(text);
    } catch (RuntimeException e) {
      // fabric8 lets YAML parser exceptions through as they are
      throw new BadInputException(from + " " + file + ": not a usable kubeconfig (" + OneLine.of(e.getMessage(), "unreadable") + ")");
    }
    if (c.getMasterUrl() == null || c.getMasterUrl().isBlank()) {
      throw new BadInputException(from + " " + file + ": no server in its current context");
    }
    tune(c);
    return new Connected(new KubernetesClientBuilder().withConfig(c).build(), "API " + c.getMasterUrl() + " (" + from + ")");
  }

  /** Bounded requests, so a refusing API server is a log line and a retry, never a hang. */
  private static void tune(Config c) {
    c.setRequestTimeout(10_000);
    c.setRequestRetryBackoffLimit(2);
    c.setRequestRetryBackoffInterval(500);
  }

}
