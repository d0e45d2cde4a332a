package io.netctl.ipam.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gRPC target netctl gives jetcd: IPv6 literals escaped so gRPC can parse it, one entry per endpoint. */
class EtcdTargetTest {
  @Test
  void ipv6LiteralsAreEscapedAndTheRestIsHostAndPort() {
    assertThat(EtcdStore.target(List.of(URI.create("http://127.0.0.1:2379"), URI.create("https://[::1]:2380"), URI.create("http://etcd-1.example:2379"))))
        .isEqualTo("ip:///127.0.0.1:2379,%5B::1%5D:2380,etcd-1.example:2379");
    assertThat(URI.create(EtcdStore.target(List.of(URI.create("http://[::1]:2379")))).getPath()).isEqualTo("/[::1]:2379");
  }
}
