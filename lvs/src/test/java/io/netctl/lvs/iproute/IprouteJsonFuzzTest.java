package io.netctl.lvs.iproute;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netctl.lvs.KernelRoute;
import io.netctl.lvs.RoutePlanner;
import io.netctl.lvs.RouteTableException;
import io.netctl.lvs.Routes;
import java.util.List;

/**
 * Arbitrary bytes as {@code ip -json route show} output: {@link IprouteJson} gives routes or one
 * {@link RouteTableException} with a one-line message, and the planner copes with whatever routes
 * it gives. Seeds ({@code IprouteJsonFuzzTestInputs/}): the tables captured from iproute2 6.1
 * (see {@link IprouteJsonTest}).
 */
class IprouteJsonFuzzTest {
  static final RtProtos PROTOS = RtProtos.builtIn();
  static final List<io.netctl.ipam.Allocation> ALLOCATIONS = List.of(
      Routes.alloc("node-a", "10.3.240.0/27", "172.31.9.2"), Routes.alloc("node-b", "10.3.240.32/27", null));

  @FuzzTest
  void ipJsonRoute(byte[] output) {
    List<KernelRoute> routes;
    try {
      routes = IprouteJson.parse(output, PROTOS);
    } catch (RouteTableException e) {
      assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
      return;
    }
    RoutePlanner.plan(Routes.MAIN, ALLOCATIONS, routes, Routes.RANGES, false);
  }
}
