package io.netctl.validator.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code ip -json route} as iproute2 6.1 prints it (captured in the lab namespace holding BIRD). */
class KernelRoutesTest {
  @Test
  void parsesBirdRoutesBlackholesAndHostRoutes() {
    String json = "[{\"dst\":\"10.3.240.32/27\",\"gateway\":\"172.31.9.2\",\"dev\":\"k8cap-va\",\"protocol\":\"bird\",\"metric\":32,\"flags\":[]},"
        + "{\"dst\":\"172.31.9.0/24\",\"dev\":\"k8cap-va\",\"protocol\":\"kernel\",\"scope\":\"link\",\"prefsrc\":\"172.31.9.1\",\"flags\":[]},"
        + "{\"type\":\"blackhole\",\"dst\":\"10.3.240.0/27\",\"protocol\":\"bird\",\"flags\":[]},"
        + "{\"dst\":\"10.3.240.5\",\"dev\":\"cali1\",\"scope\":\"link\",\"flags\":[]},"
        + "{\"dst\":\"default\",\"gateway\":\"172.31.9.254\",\"dev\":\"k8cap-va\",\"flags\":[]}]";
    List<KernelRoute> routes = KernelRoutes.parse(json);
    assertThat(routes).containsExactly(
        new KernelRoute("10.3.240.32/27", "172.31.9.2", "k8cap-va", "bird", null),
        new KernelRoute("172.31.9.0/24", null, "k8cap-va", "kernel", null),
        new KernelRoute("10.3.240.0/27", null, null, "bird", "blackhole"),
        new KernelRoute("10.3.240.5/32", null, "cali1", null, null),
        new KernelRoute("default", "172.31.9.254", "k8cap-va", null, null));
  }

  @Test
  void emptyAndBrokenOutput() {
    assertThat(KernelRoutes.parse("")).isEmpty();
    assertThatThrownBy(() -> KernelRoutes.parse("Error: ipv4: FIB table does not exist.")).hasMessageContaining("printed no JSON");
  }
}
