package io.netctl.bgp.calico;

import static io.netctl.bgp.calico.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netctl.ipam.Allocation;
import io.netctl.ipam.BadInputException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The standalone reflector's BIRD configuration (its parse by BIRD itself is in BgpRouteReflectorIT). */
class RrBirdConfigTest {
  static final SecretRef NODE_PW = new SecretRef("bgp", "rr");
  static final SecretRef CORE_PW = new SecretRef("bgp", "core");
  static final BgpTopology TOPO = new BgpTopology(64512,
      List.of(rr("rr-1", "10.3.252.8"), new RouteReflector("rr-2", ip("10.3.252.9"), ip("1.0.0.2"), Map.of())),
      List.of(new CoreSwitch("core-1", ip("10.3.0.1"), 65000, CORE_PW)), NODE_PW);

  static Allocation alloc(String node, String cidr, String hostIp) {
    return new Allocation(node, cidr(cidr), hostIp == null ? null : ip(hostIp), NOW, NOW);
  }

  @Test
  void clientsAreTheHostsWithAnAllocationAndAHostIpExceptReflectors() {
    List<RrBirdConfig.Client> c = RrBirdConfig.clients(TOPO, List.of(
        alloc("node-b", "10.3.240.32/27", "10.3.0.6"), alloc("node-a", "10.3.240.0/27", "10.3.0.5"),
        alloc("node-new", "10.3.240.64/27", null), alloc("rr-2", "10.3.240.96/27", "10.3.252.9")));
    assertThat(c).extracting(RrBirdConfig.Client::node).containsExactly("node-a", "node-b");
  }

  @Test
  void rendersClientsOtherReflectorsAndCoreSwitches() {
    List<RrBirdConfig.Client> c = List.of(new RrBirdConfig.Client("node-a", ip("10.3.0.5"), "10.3.240.0/27"));
    String conf = RrBirdConfig.render(TOPO, TOPO.routeReflectors().get(0), c, Map.of(NODE_PW, "s3cret", CORE_PW, "c0re"), List.of("header"));
    assertThat(conf).startsWith("# header\n")
        .contains("router id 10.3.252.8;")
        .contains("template bgp netctl_client from netctl_ibgp {\n  rr client;\n  rr cluster id 1.0.0.1;\n  password \"s3cret\";\n}")
        .contains("# node-a 10.3.240.0/27\nprotocol bgp Global_10_3_0_5 from netctl_client {\n  neighbor 10.3.0.5 as 64512;\n}")
        .contains("protocol bgp Mesh_10_3_252_9 from netctl_ibgp {\n  neighbor 10.3.252.9 as 64512;\n  password \"s3cret\";\n}")
        .contains("protocol bgp Core_10_3_0_1 {\n  local 10.3.252.8 as 64512;\n  neighbor 10.3.0.1 as 65000;")
        .contains("password \"c0re\";")
        .contains("export where source = RTS_BGP && bgp_path.len = 0;")
        .doesNotContain("export all");
    assertThat(RrBirdConfig.sessions(TOPO, TOPO.routeReflectors().get(0), c)).extracting(BirdProtocol::name)
        .containsExactly("Global_10_3_0_5", "Mesh_10_3_252_9", "Core_10_3_0_1");
  }

  /** netctl.yaml's bfd: a multihop BFD protocol (the sessions are multihop) and bfd on in the client template only. */
  @Test
  void bfdEnabledRendersAProtocolBfdAndBfdOnTheClientSessions() {
    List<RrBirdConfig.Client> c = List.of(new RrBirdConfig.Client("node-a", ip("10.3.0.5"), "10.3.240.0/27"));
    Map<SecretRef, String> pw = Map.of(NODE_PW, "s3cret", CORE_PW, "c0re");
    String off = RrBirdConfig.render(TOPO, TOPO.routeReflectors().get(0), c, pw, List.of(), List.of());
    assertThat(off).doesNotContain("bfd");
    String on = RrBirdConfig.render(TOPO, TOPO.routeReflectors().get(0), c, pw, List.of(), List.of(), new Bfd(true, java.time.Duration.ofMillis(200), 4));
    assertThat(on)
        .contains("# BFD on the client sessions: a silent node is down after 800 ms\n"
            + "protocol bfd {\n  multihop {\n    min rx interval 200 ms;\n    min tx interval 200 ms;\n    multiplier 4;\n  };\n}\n")
        .contains("template bgp netctl_client from netctl_ibgp {\n  rr client;\n  rr cluster id 1.0.0.1;\n  password \"s3cret\";\n  bfd on;\n}");
    assertThat(on.split("bfd on;", -1)).as("only the client template").hasSize(2);
    assertThatThrownBy(() -> new Bfd(true, java.time.Duration.ofMillis(5), 3)).isInstanceOf(BadInputException.class)
        .hasMessage("bfd.interval 5 ms: must be between 10 ms and 10 s");
  }

  @Test
  void everyReferencedPasswordMustBeGivenAndFitBird() {
    assertThatThrownBy(() -> RrBirdConfig.render(TOPO, TOPO.routeReflectors().get(0), List.of(), Map.of(NODE_PW, "x"), List.of()))
        .isInstanceOf(BadInputException.class).hasMessageContaining("bgp/core");
    assertThat(RrBirdConfig.password("p", "s3cret")).isEqualTo("s3cret");
    for (String bad : List.of("", "a\"b", "a\\b", "two\nlines", "x".repeat(81), "tab\there")) {
      assertThatThrownBy(() -> RrBirdConfig.password("p", bad)).as(bad).isInstanceOf(BadInputException.class);
    }
  }

  @Test
  void aPasswordFileIsTakenByteForByteSoASecretFromTheSameFileHoldsTheSameBytes() {
    // kubectl create secret generic --from-file keeps a trailing newline, and confd renders the Secret's bytes as they are
    for (String trailing : List.of("s3cret\n", "s3cret\r\n")) {
      assertThatThrownBy(() -> RrBirdConfig.password("--password-file bgp/rr", trailing))
          .isInstanceOf(BadInputException.class)
          .hasMessageStartingWith("--password-file bgp/rr: the file ends in a newline")
          .hasMessageContaining("printf '%s' PASSWORD > FILE");
    }
    assertThat(RrBirdConfig.unusable("s3cret".getBytes())).isNull();
    assertThat(RrBirdConfig.unusable("s3cret\n".getBytes())).startsWith("it ends in a newline");
    assertThat(RrBirdConfig.unusable("a\"b".getBytes())).contains("a BIRD string cannot");
    assertThat(RrBirdConfig.unusable(new byte[0])).isEqualTo("it is 0 bytes long; a TCP-MD5 password is 1 to 80");
  }

  @Test
  void showSaysWhereEachReflectorSessionsPasswordComesFrom() {
    List<RrBirdConfig.Client> c = RrBirdConfig.clients(TOPO, List.of(new io.netctl.ipam.Allocation("node-a",
        new inet.ipaddr.IPAddressString("10.3.240.0/27").getAddress(), new inet.ipaddr.IPAddressString("10.3.0.5").getAddress().toIPv4(),
        java.time.Instant.EPOCH, java.time.Instant.EPOCH)));
    assertThat(RrBirdConfig.sessions(TOPO, TOPO.routeReflectors().get(0), c)).extracting(BirdProtocol::password).containsExactly(
        "render-rr --password-file bgp/rr=FILE (the file's bytes)", "render-rr --password-file bgp/rr=FILE (the file's bytes)",
        "render-rr --password-file bgp/core=FILE (the file's bytes)");
  }

  @Test
  void monitorSessionsReceiveEveryPathOfAPrefix() {
    String conf = RrBirdConfig.render(TOPO, TOPO.routeReflectors().get(0), List.of(), Map.of(NODE_PW, "s3cret", CORE_PW, "c0re"), List.of(),
        List.of(new inet.ipaddr.IPAddressString("10.3.252.20").getAddress(), new inet.ipaddr.IPAddressString("10.3.253.0/24").getAddress()));
    // ADD-PATH (RFC 7911) toward netctl only: a pool two nodes announce shows as two paths (route-multiple-origins)
    assertThat(conf).contains("protocol bgp Monitor_10_3_252_20 from netctl_ibgp {\n  neighbor 10.3.252.20 as 64512;\n  passive on;\n  rr client;\n"
        + "  rr cluster id 1.0.0.1;\n  ipv4 {\n    import none;\n    export where source = RTS_BGP;\n    add paths tx;\n  };\n}\n");
    assertThat(conf).contains("  neighbor range 10.3.253.0/24 as 64512;\n  dynamic name \"Monitor_\";\n");
    assertThat(conf.split("add paths tx;", -1)).hasSize(3); // once per monitor protocol, nowhere else
  }
}
