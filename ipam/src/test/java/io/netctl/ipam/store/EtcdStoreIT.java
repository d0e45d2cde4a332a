package io.netctl.ipam.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netctl.lab.EtcdCluster;
import io.netctl.lab.EtcdExtension;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The contract on a real etcd, plus what only a remote store can do wrong. */
class EtcdStoreIT extends KvStoreContract {
  @RegisterExtension static EtcdExtension etcd = new EtcdExtension(1);

  @Override
  protected KvStore newStore() {
    return newClient();
  }

  @Override
  protected KvStore newClient() {
    return new EtcdStore(EtcdSettings.plain(etcd.cluster().endpoints()));
  }

  @Test
  void unreachableEtcdFailsWithinTheTimeoutWithOneLine() {
    int closed = EtcdCluster.freePort();
    try (EtcdStore s = new EtcdStore(EtcdSettings.plain(List.of(URI.create("http://127.0.0.1:" + closed))).withTimeout(Duration.ofSeconds(2)))) {
      // bounded by the configured timeout (the message says so), never a hang
      assertThatThrownBy(() -> s.get("/k"))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("127.0.0.1:" + closed)
          .hasMessageContaining("within 2.0 s")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
  }

  @Test
  void invalidEndpointIsRefusedUpFront() {
    assertThatThrownBy(() -> new EtcdStore(EtcdSettings.plain(List.of(URI.create("ftp://x:1")))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ftp://x:1");
  }
}
