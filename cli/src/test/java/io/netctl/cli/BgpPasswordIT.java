package io.netctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.netctl.bgp.calico.SecretRef;
import io.netctl.cli.config.ConfigLoader;
import io.netctl.cli.config.NetctlConfig;
import io.netctl.cli.kube.KubeSecrets;
import io.netctl.cli.kube.MockApi;
import io.netctl.ipam.store.EtcdSettings;
import io.netctl.ipam.store.EtcdStore;
import io.netctl.ipam.store.KvStore;
import io.netctl.lab.Bird;
import io.netctl.lab.EtcdExtension;
import io.netctl.lab.Lab;
import io.netctl.lab.Poll;
import io.netctl.validator.CheckKind;
import io.netctl.validator.CheckRequest;
import io.netctl.validator.Checker;
import io.netctl.validator.Finding;
import io.netctl.validator.HostRef;
import io.netctl.validator.observe.BirdSource;
import io.netctl.validator.observe.SecretSource;
import io.netctl.validator.ClusterState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node-RR password end to end, in network namespaces: a BIRD reflector runs what {@code bgp
 * render-rr --password-file} prints; a BIRD node runs what confd would render from the applied
 * objects and the Secret as calico-node reads it (fabric8's mock API in CRUD mode, read through
 * the controller's {@link KubeSecrets}). Without the Secret confd renders no password: the session
 * fails (the kernel drops the segments for their missing TCP-MD5 signature) and the check — the
 * controller's, with the reflector's BIRD socket — names the password as the cause. With the Secret
 * made from the same file, the same bytes: Established, and no finding.
 */
class BgpPasswordIT {
  @RegisterExtension static EtcdExtension etcd = new EtcdExtension(1);
  static final SecretRef REF = new SecretRef("bgp-secrets", "rr-password");

  @TempDir Path home;

  @Test
  void aPasswordCalicoNodeCannotReadFailsTheSessionAndCheckNamesItTheSameBytesEstablishIt() throws Exception {
    Path config = Files.writeString(home.resolve("netctl.yaml"), """
        asNumber: 64512
        ranges: [10.3.240.0/21]
        routeReflectors:
          - {name: rr-1, ip: 172.31.0.1, clusterId: 1.0.0.1}
        bgpPassword: {secretKeyRef: {name: bgp-secrets, key: rr-password}}
        """);
    NetctlConfig cfg = ConfigLoader.load(config);
    CliHarness cli = new CliHarness(home).env("NETCTL_CONFIG", config.toString()).env("ETCD_ENDPOINTS", etcd.cluster().endpointsFlag());
    try (Lab lab = Lab.create("bgp-pw"); KvStore store = new EtcdStore(EtcdSettings.plain(etcd.cluster().endpoints()).withTimeout(Duration.ofSeconds(60)));
        MockApi api = new MockApi(home)) {
      Lab.Host rrHost = lab.host("rr", "172.31.0.1/24");
      Lab.Host aHost = lab.host("a", "172.31.0.2/24");
      assertThat(cli.run("allocate", "node-a", "--host-ip", "172.31.0.2").code()).isZero();
      BgpRouteReflectorIT.calicoNode(store, "node-a", "172.31.0.2/24");
      assertThat(cli.run("allocate", "node-a").code()).isZero(); // completes the allocation now that the Calico Node exists
      CliHarness.Run apply = cli.run("bgp", "apply");
      assertThat(apply.code()).as(apply.toString()).isZero();

      // the password file as docs/calico.md makes it (printf '%s': no trailing newline); render-rr reads it byte for byte
      Path pw = Files.writeString(lab.dir().resolve("rr-password"), "s3cret-rr");
      CliHarness.Run render = cli.run("bgp", "render-rr", "--rr", "rr-1", "--password-file", REF.name() + "/" + REF.key() + "=" + pw);
      assertThat(render.code()).as(render.toString()).isZero();
      assertThat(render.out()).contains("password \"s3cret-rr\";");
      Bird rr = Bird.start(rrHost, render.out());

      // calico-node's view of the Secret, as the controller reads it; there is no Secret yet
      KubeSecrets secrets = new KubeSecrets(api.client(), "kube-system", "calico-node");
      Map<SecretRef, String> rendered = Map.of(REF, "s3cret-rr");
      String withoutPassword = BgpRouteReflectorIT.ConfdClientConfig.render(store, "172.31.0.2", "10.3.240.0/27", asConfdReadsThem(secrets));
      assertThat(withoutPassword).doesNotContain("password \"").contains("# no password: the Secret cannot be read");
      Bird a = Bird.start(aHost, withoutPassword);

      // the session fails: segments reach the other side and its kernel drops them for their TCP-MD5 signature
      Poll.until(Duration.ofSeconds(60), "a segment dropped for its TCP-MD5 signature (missing at rr or unexpected at a)",
          () -> md5Drops(rrHost, "TCPMD5NotFound") + md5Drops(aHost, "TCPMD5Unexpected") > 0);
      assertThat(rr.established("172.31.0.2")).isFalse();
      assertThat(a.established("172.31.0.1")).isFalse();
      List<Finding> failing = check(store, cfg, rr, secrets, rendered);
      assertThat(failing).extracting(f -> f.code().id() + " " + f.subject())
          .contains("bgp-password-unreadable secret/" + REF.name() + "/" + REF.key())
          .anyMatch(s -> s.startsWith("session-not-established"));
      assertThat(failing).filteredOn(f -> f.code().id().equals("session-not-established"))
          .allSatisfy(f -> assertThat(f.hint()).startsWith("probable cause: the BGP password (bgp-password-unreadable"));

      // the Secret made from the same file (kubectl create secret generic --from-file=KEY=FILE keeps the bytes as they are)
      api.client().secrets().inNamespace("kube-system").resource(new SecretBuilder().withNewMetadata().withName(REF.name()).endMetadata()
          .withData(Map.of(REF.key(), Base64.getEncoder().encodeToString(Files.readAllBytes(pw)))).build()).create();
      assertThat(secrets.read(REF)).isInstanceOf(SecretSource.Readable.class);
      String withPassword = BgpRouteReflectorIT.ConfdClientConfig.render(store, "172.31.0.2", "10.3.240.0/27", asConfdReadsThem(secrets));
      assertThat(withPassword).contains("password \"s3cret-rr\";");
      a.reconfigure(withPassword);
      rr.awaitEstablished("172.31.0.2");
      a.awaitEstablished("172.31.0.1");
      assertThat(check(store, cfg, rr, secrets, rendered)).extracting(f -> f.code().id() + " " + f.subject())
          .noneMatch(s -> s.startsWith("bgp-password-") || s.startsWith("session-"));
    }
  }

  /** The controller's check of config and sessions, with the reflector's BIRD socket and the Secrets as calico-node reads them. */
  private static List<Finding> check(KvStore store, NetctlConfig cfg, Bird rr, SecretSource secrets, Map<SecretRef, String> rendered) {
    CheckRequest request = CheckRequest.builder(EnumSet.of(CheckKind.CONFIG, CheckKind.SESSIONS), Instant.now())
        .state(ClusterState.read(store))
        .bird(BirdSource.socket(rr.socket(), Duration.ofSeconds(10)), new HostRef.Named("rr-1", "--bird-of"))
        .passwords(secrets, rendered)
        .build();
    return new Checker(cfg.intent()).run(request).report().findings();
  }

  /** The passwords confd renders: the Secrets it can read, by {@code name/key}; none for one it cannot. */
  private static Map<String, String> asConfdReadsThem(SecretSource secrets) {
    Map<String, String> out = new HashMap<>();
    if (secrets.read(REF) instanceof SecretSource.Readable r) {
      out.put(REF.name() + "/" + REF.key(), new String(r.value(), StandardCharsets.ISO_8859_1));
    }
    return out;
  }

  /** A TcpExt counter of the host's network namespace (/proc/net/netstat there). */
  private static long md5Drops(Lab.Host host, String counter) {
    String[] lines = host.ok("cat", "/proc/net/netstat").stdout().split("\n");
    for (int i = 0; i + 1 < lines.length; i += 2) {
      if (lines[i].startsWith("TcpExt:")) {
        String[] names = lines[i].split("\\s+");
        String[] values = lines[i + 1].split("\\s+");
        for (int k = 1; k < names.length && k < values.length; k++) {
          if (names[k].equals(counter)) {
            return Long.parseLong(values[k]);
          }
        }
      }
    }
    throw new AssertionError("no TcpExt " + counter + " in /proc/net/netstat of " + host);
  }
}
