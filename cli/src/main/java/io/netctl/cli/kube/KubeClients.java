package io.netctl.cli.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.netctl.cli.config.InputFiles;
import io.netctl.ipam.BadInputException;
import io.netctl.ipam.OneLine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

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
    String text = InputFiles.read(file, from);
    requireKubeconfig(text, from + " " + file);
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

  /**
   * Checks that {@code text} is a kubeconfig netctl can follow: clusters, contexts, a
   * current-context naming a context whose cluster has a server. fabric8 reads any YAML as a
   * kubeconfig and falls back to the in-cluster default API server: a file that is no kubeconfig
   * would make the controller run on against an API server nobody named.
   *
   * @return the server of the current context
   * @throws BadInputException naming the file and what is missing
   */
  static String requireKubeconfig(String text, String what) {
    Object root;
    try {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    } catch (YAMLException e) {
      throw new BadInputException(what + ": not a usable kubeconfig (malformed YAML: " + OneLine.of(e.getMessage(), "unreadable") + ")");
    }
    if (!(root instanceof Map<?, ?> top)) {
      throw new BadInputException(what + ": not a usable kubeconfig (expected a mapping with clusters, contexts and current-context)");
    }
    List<Map<?, ?>> clusters = named(top.get("clusters"));
    List<Map<?, ?>> contexts = named(top.get("contexts"));
    if (clusters.isEmpty() || contexts.isEmpty()) {
      throw new BadInputException(what + ": not a usable kubeconfig (it has no " + (clusters.isEmpty() ? "clusters" : "contexts") + ")");
    }
    Object current = top.get("current-context");
    if (!(current instanceof String name) || name.isBlank()) {
      throw new BadInputException(what + ": not a usable kubeconfig (no current-context; set one with kubectl config use-context NAME)");
    }
    Map<?, ?> context = find(contexts, name, what + ": current-context " + name + " names no context");
    Object clusterName = context.get("context") instanceof Map<?, ?> c ? c.get("cluster") : null;
    Map<?, ?> cluster = find(clusters, String.valueOf(clusterName), what + ": context " + name + " names cluster " + clusterName + ", which is not in clusters");
    Object server = cluster.get("cluster") instanceof Map<?, ?> c ? c.get("server") : null;
    if (!(server instanceof String url) || url.isBlank()) {
      throw new BadInputException(what + ": cluster " + clusterName + " has no server");
    }
    return url.strip();
  }

  private static List<Map<?, ?>> named(Object list) {
    List<Map<?, ?>> out = new ArrayList<>();
    if (list instanceof List<?> l) {
      for (Object o : l) {
        if (o instanceof Map<?, ?> m && m.get("name") != null) {
          out.add(m);
        }
      }
    }
    return out;
  }

  private static Map<?, ?> find(List<Map<?, ?>> entries, String name, String otherwise) {
    return entries.stream().filter(m -> name.equals(String.valueOf(m.get("name")))).findFirst()
        .orElseThrow(() -> new BadInputException(otherwise));
  }

  /** Bounded requests, so a refusing API server is a log line and a retry, never a hang. */
  private static void tune(Config c) {
    c.setRequestTimeout(10_000);
    c.setRequestRetryBackoffLimit(2);
    c.setRequestRetryBackoffInterval(500);
  }

}
