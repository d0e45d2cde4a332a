package io.netctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netctl.lab.Certificates;
import io.netctl.lab.EtcdCluster;
import io.netctl.lab.Proc;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** netctl against an etcd that serves TLS only and requires client certificates, as the platform's does. */
class EtcdTlsIT {
  @TempDir static Path dir;
  static EtcdCluster.Tls tls;
  static EtcdCluster etcd;

  @BeforeAll
  static void start() throws Exception {
    tls = Certificates.generate(dir.resolve("pki"));
    etcd = EtcdCluster.startTls(tls);
  }

  @AfterAll
  static void stop() {
    if (etcd != null) {
      etcd.close();
    }
  }

  CliHarness cli() {
    return new CliHarness(dir.resolve("home"));
  }

  @Test
  void allocatesWithClientCertificates() {
    CliHarness.Run r = cli().run("allocate", "node-tls", "--etcd-endpoints", etcd.endpointsFlag(),
        "--etcd-cacert", tls.caCert().toString(), "--etcd-cert", tls.clientCert().toString(), "--etcd-key", tls.clientKey().toString());
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("node-tls 10.3.240.0/27");
    // the same settings from etcdctl's environment variable names
    CliHarness.Run env = cli().env("ETCD_ENDPOINTS", etcd.endpointsFlag()).env("ETCD_CACERT", tls.caCert().toString())
        .env("ETCD_CERT", tls.clientCert().toString()).env("ETCD_KEY", tls.clientKey().toString()).run("show", "node-tls");
    assertThat(env.code()).as(env.toString()).isZero();
  }

  @Test
  void withoutAClientCertificateItIsRefusedInOneLine() {
    CliHarness.Run r = cli().run("pools", "--etcd-endpoints", etcd.endpointsFlag(), "--etcd-cacert", tls.caCert().toString(), "--etcd-timeout", "3s");
    assertThat(r.code()).as(r.toString()).isEqualTo(3);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.err()).contains(etcd.endpointsFlag());
  }

  @Test
  void anUntrustedServerIsRefusedInOneLine() throws Exception {
    EtcdCluster.Tls other = Certificates.generate(dir.resolve("other-pki"));
    CliHarness.Run r = cli().run("pools", "--etcd-endpoints", etcd.endpointsFlag(), "--etcd-cacert", other.caCert().toString(),
        "--etcd-cert", tls.clientCert().toString(), "--etcd-key", tls.clientKey().toString(), "--etcd-timeout", "3s");
    assertThat(r.code()).as(r.toString()).isEqualTo(3);
    assertThat(r.errLines()).hasSize(1);
  }

  @Test
  void aKeyNettyCannotReadIsBadInputWithTheFix() throws Exception {
    Path rsa = dir.resolve("client-rsa.key");
    Proc.ok("openssl", "rsa", "-in", tls.clientKey().toString(), "-out", rsa.toString(), "-traditional");
    Path garbage = dir.resolve("garbage.key");
    java.nio.file.Files.writeString(garbage, "not a key\n");
    CliHarness.Run r = cli().run("pools", "--etcd-endpoints", etcd.endpointsFlag(), "--etcd-cacert", tls.caCert().toString(),
        "--etcd-cert", tls.clientCert().toString(), "--etcd-key", garbage.toString(), "--etcd-timeout", "3s");
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.err()).contains("openssl pkcs8");
    // a traditional (PKCS#1) RSA key: works or is refused with the same hint, never a stack trace
    CliHarness.Run pkcs1 = cli().run("pools", "--etcd-endpoints", etcd.endpointsFlag(), "--etcd-cacert", tls.caCert().toString(),
        "--etcd-cert", tls.clientCert().toString(), "--etcd-key", rsa.toString(), "--etcd-timeout", "3s");
    assertThat(pkcs1.errLines().length).isLessThanOrEqualTo(1);
    assertThat(pkcs1.code()).isIn(0, 2);
  }
}
