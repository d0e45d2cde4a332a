package io.netctl.cli;

import io.netctl.cli.kube.MockApi;
import io.netctl.ipam.Allocator;
import io.netctl.ipam.IpamConfig;
import io.netctl.ipam.store.EtcdSettings;
import io.netctl.ipam.store.EtcdStore;
import io.netctl.ipam.store.Txn;
import io.netctl.lab.EtcdCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What {@code netctl controller} runs against in the controller ITs: a real etcd for the test
 * class, and for each test fabric8's mock API server (CRUD mode), an emptied etcd with a store and
 * an allocator to read what the controller wrote, and the controllers the test started in-process
 * ({@link ServiceRun}), stopped after it. {@code @RegisterExtension static final ControllerFixture
 * fixture = new ControllerFixture();}
 */
final class ControllerFixture implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
  private Path dir;
  private EtcdCluster etcd;
  private MockApi api;
  private EtcdStore store;
  private Allocator reader;
  private final List<ServiceRun> controllers = new ArrayList<>();

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    dir = Files.createTempDirectory("netctl-controller");
    etcd = EtcdCluster.start(1);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (etcd != null) {
      etcd.close();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    api = new MockApi(dir);
    store = new EtcdStore(new EtcdSettings(etcd.endpoints(), null, null, null, io.netctl.lab.EtcdCluster.CLIENT_TIMEOUT));
    Txn.Builder wipe = Txn.builder();
    store.range("/").kvs().forEach(wipe::delete);
    store.commit(wipe.build());
    reader = new Allocator(store, IpamConfig.DEFAULT, Clock.systemUTC());
  }

  @Override
  public void afterEach(ExtensionContext context) {
    controllers.forEach(ServiceRun::close);
    controllers.clear();
    store.close();
    api.close();
  }

  /** The mock Kubernetes API of this test. */
  MockApi api() {
    return api;
  }

  /** The etcd store, emptied before each test. */
  EtcdStore store() {
    return store;
  }

  /** The scratch folder of the test class (kubeconfigs, netctl.yaml). */
  Path dir() {
    return dir;
  }

  /** Reads the allocations the controller wrote. */
  Allocator reader() {
    return reader;
  }

  /**
   * Starts {@code netctl controller} in-process against the mock API and etcd, serving HTTP on
   * {@code port} (waited for): identity {@code identity}, its lease in namespace netctl for {@code
   * leaseDuration}, reconcile every 1 s, full resync every 2 s, then the {@code extra} flags.
   */
  ServiceRun controller(String identity, int port, Clock clock, String leaseDuration, String... extra) {
    return controller(api.kubeconfig(), identity, port, clock, leaseDuration, extra);
  }

  /** As {@link #controller(String, int, Clock, String, String...)}, reaching the API through {@code kubeconfig}. */
  ServiceRun controller(Path kubeconfig, String identity, int port, Clock clock, String leaseDuration, String... extra) {
    List<String> args = new ArrayList<>(List.of("controller", "--kubeconfig", kubeconfig.toString(),
        "--etcd-endpoints", etcd.endpointsFlag(), "--listen", "127.0.0.1:" + port, "--identity", identity,
        "--lease-namespace", "netctl", "--lease-duration", leaseDuration, "--interval", "1s", "--resync", "2s"));
    args.addAll(List.of(extra));
    ServiceRun run = ServiceRun.start(Map.of("HOME", dir.toString()), clock, args.toArray(String[]::new));
    controllers.add(run);
    run.awaitHttp(port);
    return run;
  }
}
