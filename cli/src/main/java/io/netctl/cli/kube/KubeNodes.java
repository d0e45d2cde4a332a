package io.netctl.cli.kube;

import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv4.IPv4Address;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.netctl.cli.RepeatedFailures;
import io.netctl.cli.controller.Controller;
import io.netctl.cli.controller.NodeConditions;
import io.netctl.cli.controller.NodeDirectory;
import io.netctl.cli.controller.NodeInfo;
import io.netctl.ipam.OneLine;
import io.netctl.ipam.UnreachableException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Nodes from the API server: an informer (optionally restricted by a label selector) that feeds
 * the {@link Controller}, and the {@link NodeDirectory} the reconciler asks before it releases
 * (a live GET by name, not the informer's cache). A refusing API server is logged once per outage
 * with the reason, and the informer retries with back-off; {@link #synced()} tells readiness.
 */
public final class KubeNodes implements NodeDirectory, NodeConditions, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KubeNodes.class);

  private final KubernetesClient client;
  private final String selector;
  private final String describe;
  private SharedIndexInformer<Node> informer;
  private final RepeatedFailures failures = new RepeatedFailures();

  public KubeNodes(KubernetesClient client, String selector, String describe) {
    this.client = client;
    this.selector = selector == null || selector.isBlank() ? null : selector;
    this.describe = describe;
  }

  private FilterWatchListDeletable<Node, NodeList, Resource<Node>> selected() {
    return selector == null ? client.nodes() : client.nodes().withLabelSelector(selector);
  }

  /** Starts the informer; events go to {@code controller}. Returns at once, also when the API server is down. */
  public void start(Controller controller, Duration resync) {
    informer = selected().runnableInformer(resync.toMillis());
    informer.exceptionHandler((started, t) -> {
      long n = failures.failed();
      if (n > 0) {
        LOG.warn("Kubernetes {} refused or unreachable ({}): {}; retrying with back-off", describe, n, OneLine.withCause(t));
      }
      return true;
    });
    informer.addEventHandler(new ResourceEventHandler<Node>() {
      @Override
      public void onAdd(Node n) {
        recovered();
        controller.nodeChanged(info(n));
      }

      @Override
      public void onUpdate(Node old, Node n) {
        recovered();
        controller.nodeChanged(info(n));
      }

      @Override
      public void onDelete(Node n, boolean finalStateUnknown) {
        recovered();
        controller.nodeDeleted(n.getMetadata().getName());
      }

      @Override
      public void onList(String resourceVersion, boolean initial) {
        recovered();
      }
    });
    informer.start().whenComplete((v, e) -> {
      if (e == null) {
        controller.synced();
        LOG.info("watching Nodes{} on {}", selector == null ? "" : " (" + selector + ")", describe);
      }
    });
  }

  private void recovered() {
    long n = failures.recovered();
    if (n > 0) {
      LOG.info("Kubernetes {} reachable again after {} failure(s)", describe, n);
    }
  }

  public boolean synced() {
    return informer != null && informer.hasSynced();
  }

  @Override
  public Presence presence(String node) {
    try {
      return client.nodes().withName(node).get() == null ? Presence.ABSENT : Presence.PRESENT;
    } catch (KubernetesClientException e) {
      LOG.warn("cannot look up node {} on {}: {}", node, describe, OneLine.withCause(e));
      return Presence.UNKNOWN;
    }
  }

  @Override
  public List<NodeInfo> list() {
    try {
      return selected().list().getItems().stream().map(KubeNodes::info).toList();
    } catch (KubernetesClientException e) {
      throw new UnreachableException("cannot list Nodes on " + describe + ": " + OneLine.withCause(e), e);
    }
  }

  @Override
  public void annotate(String node, String pool) {
    String patch = "{\"metadata\":{\"annotations\":{\"" + NodeInfo.POOL_ANNOTATION + "\":\"" + pool + "\"}}}";
    try {
      client.nodes().withName(node).patch(PatchContext.of(PatchType.JSON_MERGE), patch);
    } catch (KubernetesClientException e) {
      LOG.warn("cannot annotate node {} with its pool {}: {}", node, pool, OneLine.withCause(e));
    }
  }

  /**
   * A JSON patch (RFC 6902) of the Node's status subresource that touches only this condition:
   * replaces it where it is (guarded by a {@code test} of its type at that index, so a concurrent
   * change of the list by kubelet fails the patch rather than overwriting another condition; the next
   * look retries), else appends it. The transition time moves only when the status does. RBAC:
   * nodes/status patch.
   */
  @Override
  public boolean routesReady(String node, boolean ready, String reason, String message, java.time.Instant at) {
    try {
      Node n = client.nodes().withName(node).get();
      if (n == null) {
        return false;
      }
      List<io.fabric8.kubernetes.api.model.NodeCondition> now = n.getStatus() == null ? null : n.getStatus().getConditions();
      String status = ready ? "True" : "False";
      String time = at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
      int index = -1;
      for (int i = 0; now != null && i < now.size(); i++) {
        if (ROUTES_READY.equals(now.get(i).getType())) {
          index = i;
        }
      }
      String since = index >= 0 && status.equals(now.get(index).getStatus()) && now.get(index).getLastTransitionTime() != null
          ? now.get(index).getLastTransitionTime() : time;
      var condition = io.netctl.cli.output.Json.object().put("type", ROUTES_READY).put("status", status).put("reason", reason)
          .put("message", message).put("lastTransitionTime", since).put("lastHeartbeatTime", time);
      var ops = io.netctl.cli.output.Json.array();
      if (index >= 0) {
        ops.addObject().put("op", "test").put("path", "/status/conditions/" + index + "/type").put("value", ROUTES_READY);
        ops.addObject().put("op", "replace").put("path", "/status/conditions/" + index).set("value", condition);
      } else if (now != null && !now.isEmpty()) {
        ops.addObject().put("op", "add").put("path", "/status/conditions/-").set("value", condition);
      } else if (n.getStatus() != null) {
        ops.addObject().put("op", "add").put("path", "/status/conditions").set("value", io.netctl.cli.output.Json.array().add(condition));
      } else {
        ops.addObject().put("op", "add").put("path", "/status").set("value", io.netctl.cli.output.Json.object()
            .set("conditions", io.netctl.cli.output.Json.array().add(condition)));
      }
      client.nodes().withName(node).subresource("status").patch(PatchContext.of(PatchType.JSON), io.netctl.cli.output.Json.write(ops));
      return true;
    } catch (KubernetesClientException e) {
      LOG.warn("cannot set condition {} on node {}: {}", ROUTES_READY, node, OneLine.withCause(e));
      return false;
    }
  }

  /** The netctl view of a Node: its first IPv4 InternalIP, the skip label, the pool annotation, its pod capacity. */
  public static NodeInfo info(Node n) {
    IPv4Address ip = null;
    if (n.getStatus() != null && n.getStatus().getAddresses() != null) {
      for (NodeAddress a : n.getStatus().getAddresses()) {
        if ("InternalIP".equals(a.getType()) && a.getAddress() != null) {
          var parsed = new IPAddressString(a.getAddress()).getAddress();
          if (parsed != null && parsed.isIPv4() && !parsed.isPrefixed()) {
            ip = parsed.toIPv4();
            break;
          }
        }
      }
    }
    Map<String, String> labels = n.getMetadata().getLabels();
    Map<String, String> annotations = n.getMetadata().getAnnotations();
    boolean skip = labels != null && NodeInfo.SKIP_VALUE.equals(labels.get(NodeInfo.SKIP_LABEL));
    return new NodeInfo(n.getMetadata().getName(), ip, skip, annotations == null ? null : annotations.get(NodeInfo.POOL_ANNOTATION), podCapacity(n));
  }

  /** {@code status.capacity.pods} as a whole number, or null when the kubelet reports none (or no number). */
  static Integer podCapacity(Node n) {
    if (n.getStatus() == null || n.getStatus().getCapacity() == null || n.getStatus().getCapacity().get("pods") == null) {
      return null;
    }
    try {
      return io.fabric8.kubernetes.api.model.Quantity.getAmountInBytes(n.getStatus().getCapacity().get("pods")).intValueExact();
    } catch (ArithmeticException | IllegalArgumentException e) {
      return null;
    }
  }

  @Override
  public void close() {
    if (informer != null) {
      informer.close();
    }
  }
}
