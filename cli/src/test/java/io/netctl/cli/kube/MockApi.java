package io.netctl.cli.kube;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * fabric8's mock API server in CRUD mode on loopback, with a kubeconfig pointing at it: the
 * Kubernetes API of the tests (no kube-apiserver can run here).
 */
public final class MockApi implements AutoCloseable {
  private final KubernetesMockServer server;
  private final KubernetesClient client;
  private final Path kubeconfig;

  public MockApi(Path dir) {
    server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
    try {
      server.init(InetAddress.getLoopbackAddress(), 0);
      client = server.createClient();
      kubeconfig = dir.resolve("kubeconfig-" + server.getPort());
      Files.writeString(kubeconfig, kubeconfig(client.getMasterUrl().toString()));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A kubeconfig with one cluster at {@code url} and no credentials. */
  public static String kubeconfig(String url) {
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: mock
          cluster:
            server: %s
        contexts:
        - name: mock
          context:
            cluster: mock
            user: nobody
        current-context: mock
        users:
        - name: nobody
          user: {}
        """.formatted(url);
  }

  public KubernetesClient client() {
    return client;
  }

  public Path kubeconfig() {
    return kubeconfig;
  }

  public Node createNode(String name, String internalIp, Map<String, String> labels) {
    NodeBuilder b = new NodeBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata();
    if (internalIp != null) {
      b.withNewStatus().addNewAddress().withType("InternalIP").withAddress(internalIp).endAddress()
          .addNewAddress().withType("Hostname").withAddress(name).endAddress().endStatus();
    }
    return client.nodes().resource(b.build()).create();
  }

  /**
   * Sets a Node's InternalIP as the kubelet would. A controller may update the Node (an annotation)
   * between this edit's read and its write; the API server then answers 409, and the edit is made
   * again on the new version, as every Kubernetes client does.
   */
  public void setInternalIp(String name, String ip) {
    for (int attempt = 1; ; attempt++) {
      try {
        client.nodes().withName(name).edit(n -> new NodeBuilder(n).editStatus().withAddresses()
            .addNewAddress().withType("InternalIP").withAddress(ip).endAddress().endStatus().build());
        return;
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 20) {
          throw e;
        }
      }
    }
  }

  public void deleteNode(String name) {
    client.nodes().withName(name).delete();
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
