package io.netctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.netctl.cli.config.ConfigLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every manifest in deploy/ parses with fabric8 and keeps the invariants the operations docs promise. */
class DeployManifestsTest {
  static final Path DEPLOY = Path.of("..", "deploy");
  static List<HasMetadata> all = new ArrayList<>();

  @BeforeAll
  static void load() throws IOException {
    try (Stream<Path> files = Files.list(DEPLOY)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        for (String doc : Files.readString(f).split("(?m)^---\\s*$")) {
          if (doc.lines().anyMatch(l -> l.startsWith("kind:"))) {
            Object o = Serialization.unmarshal(doc);
            assertThat(o).as(f + " parses to a Kubernetes object").isInstanceOf(HasMetadata.class);
            all.add((HasMetadata) o);
          }
        }
      }
    }
  }

  static <T> List<T> of(Class<T> kind) {
    return all.stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  static <T> T one(Class<T> kind) {
    List<T> l = of(kind);
    assertThat(l).as(kind.getSimpleName()).hasSize(1);
    return l.get(0);
  }

  @Test
  void everyKindIsThere() {
    assertThat(all).extracting(HasMetadata::getKind).contains("Namespace", "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role",
        "RoleBinding", "ConfigMap", "Deployment", "DaemonSet", "Service", "PrometheusRule");
    // netctl's own objects in its namespace; only the BGP Secret's Roles live in calico-node's (kube-system)
    assertThat(all.stream().filter(o -> !o.getKind().startsWith("Cluster") && !o.getKind().equals("Namespace")))
        .allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).as(o.getKind() + " " + o.getMetadata().getName())
            .isEqualTo(o.getMetadata().getName().endsWith("-bgp-secret") ? "kube-system" : "netctl"));
    assertThat(one(GenericKubernetesResource.class).getKind()).isEqualTo("PrometheusRule");
  }

  @Test
  void rbacHasNoWildcardsAndOnlyWhatTheControllerUses() {
    List<PolicyRule> rules = new ArrayList<>(one(ClusterRole.class).getRules());
    of(Role.class).forEach(r -> rules.addAll(r.getRules()));
    for (PolicyRule r : rules) {
      assertThat(r.getVerbs()).doesNotContain("*");
      assertThat(r.getResources()).doesNotContain("*");
      assertThat(r.getApiGroups()).doesNotContain("*");
    }
    PolicyRule nodes = one(ClusterRole.class).getRules().get(0);
    assertThat(one(ClusterRole.class).getRules()).hasSize(2);
    assertThat(nodes.getResources()).containsExactly("nodes");
    assertThat(nodes.getVerbs()).containsExactlyInAnyOrder("get", "list", "watch", "patch");
    PolicyRule status = one(ClusterRole.class).getRules().get(1);
    assertThat(status.getResources()).as("the NetctlRoutesReady condition").containsExactly("nodes/status");
    assertThat(status.getVerbs()).containsExactly("patch");
    PolicyRule leases = role("netctl-controller-lease").getRules().get(0);
    assertThat(leases.getApiGroups()).containsExactly("coordination.k8s.io");
    assertThat(leases.getResources()).containsExactly("leases");
    assertThat(leases.getVerbs()).doesNotContain("delete", "list", "watch");
  }

  static Role role(String name) {
    return of(Role.class).stream().filter(r -> r.getMetadata().getName().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no Role " + name));
  }

  static RoleBinding binding(String name) {
    return of(RoleBinding.class).stream().filter(r -> r.getMetadata().getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no RoleBinding " + name));
  }

  @Test
  void calicoNodeMayReadExactlyTheBgpSecretNetctlYamlNamesAndTheControllerMayCompareIt() {
    var cfg = ConfigLoader.parse("configmap.yaml netctl.yaml", one(ConfigMap.class).getData().get("netctl.yaml"));
    String secret = cfg.bgp().password().name();
    // confd (secret_watcher.go) list+watches the Secret by name in its namespace, kube-system in Calico's etcd manifests
    Role calico = role("calico-node-bgp-secret");
    assertThat(calico.getMetadata().getNamespace()).isEqualTo("kube-system");
    assertThat(calico.getRules()).singleElement().satisfies(r -> {
      assertThat(r.getApiGroups()).containsExactly("");
      assertThat(r.getResources()).containsExactly("secrets");
      assertThat(r.getResourceNames()).containsExactly(secret);
      assertThat(r.getVerbs()).containsExactlyInAnyOrder("get", "list", "watch");
    });
    RoleBinding calicoBinding = binding("calico-node-bgp-secret");
    assertThat(calicoBinding.getMetadata().getNamespace()).isEqualTo("kube-system");
    assertThat(calicoBinding.getRoleRef().getName()).isEqualTo("calico-node-bgp-secret");
    assertThat(calicoBinding.getSubjects()).singleElement().satisfies(s -> {
      assertThat(s.getKind()).isEqualTo("ServiceAccount");
      assertThat(s.getName()).isEqualTo("calico-node");
      assertThat(s.getNamespace()).isEqualTo("kube-system");
    });
    Role controller = role("netctl-controller-bgp-secret");
    assertThat(controller.getMetadata().getNamespace()).isEqualTo("kube-system");
    assertThat(controller.getRules()).hasSize(2);
    assertThat(controller.getRules().get(0).getResourceNames()).containsExactly(secret);
    assertThat(controller.getRules().get(0).getVerbs()).containsExactly("get");
    assertThat(controller.getRules().get(1).getResources()).containsExactly("localsubjectaccessreviews");
    assertThat(controller.getRules().get(1).getVerbs()).containsExactly("create");
    assertThat(binding("netctl-controller-bgp-secret").getSubjects()).singleElement()
        .satisfies(s -> assertThat(s.getNamespace() + "/" + s.getName()).isEqualTo("netctl/netctl-controller"));
    // no Secret access anywhere else
    assertThat(one(ClusterRole.class).getRules()).noneMatch(r -> r.getResources().contains("secrets"));
    assertThat(of(Role.class)).filteredOn(r -> !r.getMetadata().getName().endsWith("-bgp-secret"))
        .allSatisfy(r -> assertThat(r.getRules()).noneMatch(x -> x.getResources().contains("secrets")));
  }

  @Test
  void theControllerDeploymentIsHardenedProbedAndItsArgsAreRealOptions() {
    Deployment d = one(Deployment.class);
    assertThat(d.getSpec().getReplicas()).isEqualTo(2);
    PodSpec pod = d.getSpec().getTemplate().getSpec();
    assertThat(pod.getAffinity().getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()).isNotEmpty();
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getServiceAccountName()).isEqualTo("netctl-controller");
    Container c = pod.getContainers().get(0);
    assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    hasResourcesAndProbes(c);
    assertThat(c.getArgs().get(0)).isEqualTo("controller");
    parses(c.getArgs());
    assertThat(c.getArgs()).contains("--listen=:9090");
    assertThat(c.getPorts().get(0).getContainerPort()).isEqualTo(9090);
    // etcd TLS from a Secret, mounted where the args say
    assertThat(pod.getVolumes()).filteredOn(v -> v.getSecret() != null).extracting(v -> v.getSecret().getSecretName()).containsExactly("netctl-etcd-tls");
    assertThat(c.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/etc/netctl/etcd"));
    assertThat(c.getArgs()).contains("--etcd-cert=/etc/netctl/etcd/tls.crt");
    assertThat(c.getEnv()).anySatisfy(e -> assertThat(e.getName()).isEqualTo("POD_NAME"));
  }

  @Test
  void theAgentDaemonSetUsesTheHostNetworkAndReadsBirdsSocketReadOnly() {
    DaemonSet ds = one(DaemonSet.class);
    PodSpec pod = ds.getSpec().getTemplate().getSpec();
    assertThat(pod.getHostNetwork()).isTrue();
    Container c = pod.getContainers().get(0);
    assertThat(c.getVolumeMounts()).anySatisfy(m -> {
      assertThat(m.getMountPath()).isEqualTo("/var/run/calico");
      assertThat(m.getReadOnly()).isTrue();
    });
    assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    hasResourcesAndProbes(c);
    assertThat(c.getArgs().get(0)).isEqualTo("agent");
    parses(c.getArgs());
    assertThat(c.getImage()).isEqualTo(one(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
  }

  @Test
  void metricsServicesAreScrapedOnTheContainersPorts() {
    Map<String, Integer> ports = Map.of("controller", 9090, "agent", 9091);
    List<Service> services = of(Service.class);
    assertThat(services).hasSize(2);
    for (Service s : services) {
      String component = s.getSpec().getSelector().get("app.kubernetes.io/component");
      assertThat(s.getMetadata().getAnnotations()).containsEntry("prometheus.io/scrape", "true").containsEntry("prometheus.io/path", "/metrics")
          .containsEntry("prometheus.io/port", String.valueOf(ports.get(component)));
      assertThat(s.getSpec().getPorts().get(0).getPort()).isEqualTo(ports.get(component));
    }
  }

  @Test
  void theConfigMapHoldsAValidNetctlYaml() {
    ConfigMap cm = one(ConfigMap.class);
    var cfg = ConfigLoader.parse("configmap.yaml netctl.yaml", cm.getData().get("netctl.yaml"));
    assertThat(cfg.bgp().routeReflectors()).hasSize(2);
    assertThat(cfg.ipam().blockSize()).isEqualTo(27);
  }

  @Test
  void theDockerfileRunsTheShadedJarAsANonRootUser() throws IOException {
    String docker = Files.readString(DEPLOY.resolve("Dockerfile"));
    assertThat(docker).contains("FROM eclipse-temurin:17-jre").contains("COPY cli/target/netctl.jar").contains("USER 65532");
    assertThat(docker).containsPattern("ENTRYPOINT \\[.*\"-jar\", \"/opt/netctl/netctl.jar\"\\]");
    assertThat(one(Deployment.class).getSpec().getTemplate().getSpec().getSecurityContext().getRunAsUser()).isEqualTo(65532L);
  }

  static void hasResourcesAndProbes(Container c) {
    assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
    assertThat(c.getResources().getLimits()).containsKeys("cpu", "memory");
    Probe live = c.getLivenessProbe();
    Probe ready = c.getReadinessProbe();
    assertThat(live.getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(ready.getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(live.getHttpGet().getPort().getStrVal()).isEqualTo(c.getPorts().get(0).getName());
  }

  /** The container's args are options netctl really has: picocli parses them without error. */
  static void parses(List<String> args) {
    CliContext ctx = new CliContext(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), System.in, Map.of(), Clock.systemUTC());
    Netctl.commandLine(ctx).parseArgs(args.toArray(String[]::new));
  }
}
