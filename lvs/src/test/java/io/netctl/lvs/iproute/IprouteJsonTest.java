package io.netctl.lvs.iproute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netctl.lvs.Ipv4;
import io.netctl.lvs.Ipv4Prefix;
import io.netctl.lvs.KernelRoute;
import io.netctl.lvs.RouteTableException;
import io.netctl.lvs.RouteType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fixtures captured from iproute2 6.1 in a namespace holding: netctl routes (proto 76) in main and
 * table 100 (metric 5), a BIRD route (metric 32), a Felix route (proto 80) in table 100, a boot
 * route and a default route, a blackhole, a multipath route, a device route, an IPv6 route:
 * {@code table-all-plain-numeric.json} is {@code ip -4 -N -json route show table all} (what {@link
 * IprouteTable} runs: numbers, no protocol for boot, no type for unicast), {@code
 * table-all-numeric.json} adds {@code -d} (every protocol and type), {@code table-all-names.json} is
 * {@code ip -json route show table all} (names, IPv6 included).
 */
class IprouteJsonTest {

  static byte[] fixture(String name) throws IOException {
    try (InputStream in = IprouteJsonTest.class.getResourceAsStream("/io/netctl/lvs/iproute/" + name)) {
      return in.readAllBytes();
    }
  }

  static KernelRoute find(List<KernelRoute> rs, String dst, int table) {
    return rs.stream().filter(r -> r.dst().equals(Ipv4Prefix.parse(dst)) && r.table() == table).findFirst().orElseThrow();
  }

  @Test
  void numericOutputGivesEveryIpv4RouteWithItsProtocolTableMetricAndNextHops() throws IOException {
    List<KernelRoute> rs = IprouteJson.parse(fixture("table-all-numeric.json"), RtProtos.builtIn());
    assertCommon(rs);
    assertThat(rs).noneMatch(r -> r.protocol() == IprouteJson.UNKNOWN_PROTOCOL);
    assertThat(find(rs, "127.0.0.1/32", 255).type()).isEqualTo(RouteType.LOCAL);
  }

  @Test
  void outputWithoutDetailsGivesTheSameRoutes() throws IOException {
    List<KernelRoute> plain = IprouteJson.parse(fixture("table-all-plain-numeric.json"), RtProtos.builtIn());
    assertCommon(plain);
    assertThat(plain).containsExactlyInAnyOrderElementsOf(IprouteJson.parse(fixture("table-all-numeric.json"), RtProtos.builtIn()));
  }

  @Test
  void namedOutputGivesTheSameRoutesAndSkipsIpv6() throws IOException {
    List<KernelRoute> numeric = IprouteJson.parse(fixture("table-all-numeric.json"), RtProtos.builtIn());
    List<KernelRoute> named = IprouteJson.parse(fixture("table-all-names.json"), RtProtos.builtIn());
    assertCommon(named);
    assertThat(named).containsExactlyInAnyOrderElementsOf(numeric);
    assertThat(new String(fixture("table-all-names.json"), StandardCharsets.UTF_8)).contains("2001:db8::/64");
  }

  private static void assertCommon(List<KernelRoute> rs) {
    KernelRoute owned = find(rs, "10.3.240.0/27", 254);
    assertThat(owned.owned()).isTrue();
    assertThat((Object) owned.gateway()).isEqualTo(Ipv4.address("172.31.9.2"));
    assertThat(owned.dev()).isEqualTo("v0");
    assertThat(owned.metric()).isZero();

    KernelRoute boot = find(rs, "10.3.240.32/27", 254);
    assertThat(boot.protocol()).isEqualTo(3);
    assertThat(boot.owned()).isFalse();

    KernelRoute bird = find(rs, "10.3.240.96/27", 254);
    assertThat(bird.protocol()).isEqualTo(12);
    assertThat(bird.metric()).isEqualTo(32);

    KernelRoute felix = find(rs, "10.3.240.128/27", 100);
    assertThat(felix.protocol()).isEqualTo(80);
    KernelRoute inTable = find(rs, "10.3.240.160/27", 100);
    assertThat(inTable.owned()).isTrue();
    assertThat(inTable.metric()).isEqualTo(5);

    KernelRoute blackhole = find(rs, "10.3.241.32/27", 254);
    assertThat(blackhole.type()).isEqualTo(RouteType.BLACKHOLE);
    assertThat(blackhole.gateways()).isEmpty();
    assertThat((Object) blackhole.gateway()).isNull();

    KernelRoute multipath = find(rs, "10.3.242.0/27", 254);
    assertThat(multipath.gateways()).containsExactly(Ipv4.address("172.31.9.2"), Ipv4.address("172.31.9.3"));
    assertThat((Object) multipath.gateway()).isNull();

    KernelRoute device = find(rs, "10.3.243.0/27", 254);
    assertThat(device.gateways()).isEmpty();
    assertThat(device.dev()).isEqualTo("v0");

    assertThat((Object) find(rs, "0.0.0.0/0", 254).gateway()).isEqualTo(Ipv4.address("172.31.9.9"));
    assertThat(rs).allMatch(r -> r.dst().toString().indexOf(':') < 0);
  }

  @Test
  void emptyTableAndUnknownProtocolNames() {
    assertThat(IprouteJson.parse("[]".getBytes(StandardCharsets.UTF_8), RtProtos.builtIn())).isEmpty();
    List<KernelRoute> rs = IprouteJson.parse(
        "[{\"dst\":\"10.3.240.0/27\",\"gateway\":\"172.31.9.2\",\"protocol\":\"somedaemon\",\"flags\":[]}]".getBytes(StandardCharsets.UTF_8),
        RtProtos.builtIn());
    assertThat(rs).singleElement().satisfies(r -> assertThat(r.owned()).isFalse());
  }

  @Test
  void rtProtosFilesNameNetctlsNumber() {
    java.util.Map<String, Integer> m = new java.util.HashMap<>();
    RtProtos.read(java.nio.file.Path.of("/etc/iproute2/rt_protos"), m);
    assertThat(m).containsEntry("bird", 12).containsEntry("boot", 3);
    assertThat(new RtProtos(m).number("76")).hasValue(76);
    assertThat(RtProtos.builtIn().number("netctl")).hasValue(76);
  }

  @Test
  void truncatedOutputIsAClearError() {
    // what ip prints for a table that does not exist: "[" and then an error on stderr
    assertThatThrownBy(() -> IprouteJson.parse("[".getBytes(StandardCharsets.UTF_8), RtProtos.builtIn()))
        .isInstanceOf(RouteTableException.class)
        .hasMessageStartingWith("cannot read ip's route list");
  }

  @Test
  void aGatewayThatIsNotADottedQuadIsAClearError() {
    // found by IprouteJsonFuzzTest (seed gateway-not-a-dotted-quad): Ipv4.parse's IllegalArgumentException escaped
    assertThatThrownBy(() -> IprouteJson.parse("[{\"dst\":\"default\",\"gateway\":\"172y\"}]".getBytes(StandardCharsets.UTF_8), RtProtos.builtIn()))
        .isInstanceOf(RouteTableException.class)
        .hasMessage("cannot read ip's route list: gateway \"172y\" is not an IPv4 address");
    assertThatThrownBy(() -> IprouteJson.parse(
            "[{\"dst\":\"10.3.0.0/16\",\"nexthops\":[{\"gateway\":\"1.2.3.4\\n\"}]}]".getBytes(StandardCharsets.UTF_8), RtProtos.builtIn()))
        .isInstanceOf(RouteTableException.class)
        .hasMessage("cannot read ip's route list: gateway \"1.2.3.4?\" is not an IPv4 address");
  }

  @Test
  void aRouteTypeThatStartsWithADigitButIsNoNumberIsAClearError() {
    assertThatThrownBy(() -> IprouteJson.parse("[{\"dst\":\"default\",\"type\":\"1x\"}]".getBytes(StandardCharsets.UTF_8), RtProtos.builtIn()))
        .isInstanceOf(RouteTableException.class)
        .hasMessage("cannot read ip's route list: route type \"1x\" is neither a name nor a number");
  }
}
