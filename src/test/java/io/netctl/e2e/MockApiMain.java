package io.netctl.e2e;

import io.netctl.cli.kube.MockApi;
import java.nio.file.Path;
import java.util.Map;

/**
 * fabric8's mock API server (CRUD mode) as a process of its own, so that it can run inside a lab
 * namespace next to a controller there: {@code MockApiMain DIR NODE=IP...} creates the Nodes,
 * prints {@code KUBECONFIG <path>} and serves until killed.
 */
public final class MockApiMain {
  private MockApiMain() {}

  public static void main(String[] args) throws Exception {
    MockApi api = new MockApi(Path.of(args[0]));
    for (int i = 1; i < args.length; i++) {
      String[] kv = args[i].split("=", 2);
      api.createNode(kv[0], kv[1], Map.of());
    }
    System.out.println("KUBECONFIG " + api.kubeconfig());
    System.out.flush();
    Thread.currentThread().join(); // serve until the test stops this process (by its pid)
  }
}
