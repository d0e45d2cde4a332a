package io.netctl.ipam.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netctl.lab.EtcdCluster;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Endpoints as users write them, against a real etcd listening on 127.0.0.1 and [::1]: an IPv6
 * literal works, and https:// to a plain-http etcd is named as such instead of "did not answer".
 */
class EtcdEndpointsIT {
  static EtcdCluster etcd;
  static int port;

  @BeforeAll
  static void start() {
    etcd = EtcdCluster.start(1, List.of("--listen-client-urls", "http://127.0.0.1:{client},http://[::1]:{client}"));
    port = etcd.endpoints().get(0).getPort();
  }

  @AfterAll
  static void stop() {
    etcd.close();
  }

  @Test
  void anIpv6LiteralEndpointReachesEtcd() {
    try (EtcdStore s = new EtcdStore(EtcdSettings.plain(List.of(URI.create("http://[::1]:" + port))))) {
      assertThat(s.commit(Txn.builder().create("/ipv6", "v").build()).succeeded()).isTrue();
      assertThat(s.get("/ipv6")).isPresent();
    }
  }

  @Test
  void httpsToAPlainEtcdSaysItDoesNotSpeakTls() {
    URI https = URI.create("https://127.0.0.1:" + port);
    try (EtcdStore s = new EtcdStore(EtcdSettings.plain(List.of(https)).withTimeout(Duration.ofSeconds(2)))) {
      assertThatThrownBy(() -> s.get("/k"))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining(https + " does not speak TLS (a plain-http etcd? use http://127.0.0.1:" + port + ")")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("is it running"));
    }
  }
}
