package io.netctl.bgp.wire;

import static io.netctl.bgp.wire.Fixtures.decode;
import static io.netctl.bgp.wire.Fixtures.hex;
import static org.assertj.core.api.Assertions.assertThat;

import io.netctl.bgp.wire.PathAttribute.*;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Messages captured from BIRD, FRR and GoBGP in the lab: each decodes, and re-encodes to the same bytes. */
class CaptureFixturesTest {

  static Stream<Fixtures.Captured> captures() {
    return Fixtures.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("captures")
  void everyCaptureDecodesAndReencodesExactly(Fixtures.Captured c) {
    BgpMessage m = decode(c.bytes());
    assertThat(m.type().name().replace('_', '-')).isEqualTo(c.type());
    assertThat(MessageWriter.write(m, Fixtures.LAB)).isEqualTo(c.bytes());
  }

  @Test
  void birdOpenHasAllCapabilitiesInOneParameter() {
    byte[] bytes = hex("""
        ffffffffffffffffffffffffffffffff 003b 01   # marker, length 59, OPEN
        04 fc00 00f0 ac1f0901                      # version 4, AS 64512, hold 240, id 172.31.9.1
        1e 02 1c                                   # opt params 30; one Capabilities parameter of 28
          01 04 0001 00 01                         # MP ipv4 unicast
          01 04 0002 00 01                         # MP ipv6 unicast
          02 00                                    # route refresh
          40 02 0078                               # graceful restart, restart time 120
          41 04 0000fc00                           # 4-octet AS 64512
          46 00                                    # enhanced route refresh
          47 00                                    # long-lived graceful restart, no families
        """);
    assertThat(bytes).isEqualTo(Fixtures.load("bird-rr.txt").get(0).bytes());
    Open open = (Open) decode(bytes);
    assertThat(open.myAs()).isEqualTo(64512);
    assertThat(open.holdTime()).isEqualTo(240);
    assertThat(Addresses.dotted(open.bgpId())).isEqualTo("172.31.9.1");
    assertThat(open.oneParameter()).isTrue();
    assertThat(open.capabilities())
        .containsExactly(
            new Capability.Multiprotocol(AddressFamily.IPV4_UNICAST),
            new Capability.Multiprotocol(AddressFamily.IPV6_UNICAST),
            new Capability.RouteRefresh(),
            new Capability.GracefulRestart(0, 120, List.of()),
            new Capability.FourOctetAs(64512),
            new Capability.EnhancedRouteRefresh(),
            new Capability.LongLivedGracefulRestart(List.of()));
    assertThat(open.families()).containsExactly(AddressFamily.IPV4_UNICAST, AddressFamily.IPV6_UNICAST);
  }

  @Test
  void birdReflectedUpdateCarriesOriginatorAndClusterList() {
    byte[] bytes = hex("""
        ffffffffffffffffffffffffffffffff 0067 02   # UPDATE of 103 bytes
        0000                                       # no withdrawn routes
        004b                                       # 75 bytes of path attributes
          40 01 01 00                              # ORIGIN IGP
          40 02 00                                 # AS_PATH empty (iBGP)
          40 03 04 ac1f0902                        # NEXT_HOP 172.31.9.2 (the client, unchanged by the RR)
          80 04 04 00000032                        # MED 50
          40 05 04 00000064                        # LOCAL_PREF 100
          c0 08 04 fc000064                        # COMMUNITIES 64512:100
          80 09 04 ac1f0902                        # ORIGINATOR_ID 172.31.9.2
          80 0a 04 01000001                        # CLUSTER_LIST 1.0.0.1
          c0 10 08 0002fc0000000007                # EXTENDED_COMMUNITIES rt 64512:7
          c0 20 0c 0000fc00 00000001 00000002      # LARGE_COMMUNITY 64512:1:2
        1b 0a03f000                                # NLRI 10.3.240.0/27 (27 bits: 4 octets)
        """);
    assertThat(bytes).isEqualTo(Fixtures.load("bird-rr.txt").get(2).bytes());
    Update u = (Update) decode(bytes);
    assertThat(u.nlri()).containsExactly(Prefix.parse("10.3.240.0/27"));
    assertThat(u.attributes())
        .containsExactly(
            new Origin(OriginType.IGP),
            AsPath.EMPTY,
            new NextHop(Addresses.parseDotted("172.31.9.2")),
            new MultiExitDisc(50),
            new LocalPref(100),
            new Communities(List.of(0xfc000064)),
            new OriginatorId(Addresses.parseDotted("172.31.9.2")),
            new ClusterList(List.of(Addresses.parseDotted("1.0.0.1"))),
            new ExtendedCommunities(List.of(0x0002fc0000000007L)),
            new LargeCommunities(List.of(new LargeCommunity(64512, 1, 2))));
    assertThat(u.attribute(Communities.class).text()).containsExactly("64512:100");
    assertThat(u.form()).isEqualTo(AttributeForm.CANONICAL);
  }

  @Test
  void birdIpv6UpdateUsesExtendedLengthForMpReach() {
    Update u = (Update) decode(Fixtures.load("bird-rr.txt").get(4).bytes());
    // 90 0e 002e: MP_REACH_NLRI, optional + extended length although 46 bytes would fit one octet
    assertThat(u.form().extendedLength(AttributeType.MP_REACH_NLRI)).isTrue();
    MpReach r = u.attribute(MpReach.class);
    assertThat(r.family()).isEqualTo(AddressFamily.IPV6_UNICAST);
    assertThat(r.nlri()).containsExactly(Prefix.parse("fd00:3::/64"));
    assertThat(r.nextHops()).hasSize(2); // global fd00:9::2 and its link-local address
    assertThat(Addresses.text(r.nextHops().get(0))).isEqualTo("fd00:9::2");
    assertThat(u.announced()).containsExactly(Prefix.parse("fd00:3::/64"));
  }

  @Test
  void endOfRibMarkersForBothFamilies() {
    List<Fixtures.Captured> bird = Fixtures.load("bird-rr.txt");
    // 0000 0000: the empty UPDATE is the IPv4 End-of-RIB
    assertThat(((Update) decode(bird.get(3).bytes())).endOfRib()).isEqualTo(AddressFamily.IPV4_UNICAST);
    // 0000 0006 80 0f 03 0002 01: only an empty MP_UNREACH_NLRI for ipv6 unicast
    assertThat(((Update) decode(bird.get(5).bytes())).endOfRib()).isEqualTo(AddressFamily.IPV6_UNICAST);
    assertThat(((Update) decode(bird.get(2).bytes())).endOfRib()).isNull();
  }

  @Test
  void badPeerAsNotificationFromBird() {
    // 03 02 02 0000fde8: NOTIFICATION OPEN Message Error / Bad Peer AS, data = the AS we claimed (65000, 4 octets)
    Notification n = (Notification) decode(Fixtures.load("bird-badas.txt").get(1).bytes());
    assertThat(n.error()).isEqualTo(BgpError.BAD_PEER_AS);
    assertThat(n.data()).isEqualTo(Octets.hex("0000fde8"));
    assertThat(n.describe()).isEqualTo("OPEN Message Error / Bad Peer AS (2/2)");
  }

  @Test
  void enhancedRouteRefreshAndShutdownMessageFromBird() {
    List<Fixtures.Captured> c = Fixtures.load("bird-refresh.txt");
    // 0001 01 01: AFI 1, subtype 1 (BoRR), SAFI 1
    RouteRefresh borr = (RouteRefresh) decode(c.get(6).bytes());
    assertThat(borr.family()).isEqualTo(AddressFamily.IPV4_UNICAST);
    assertThat(borr.kind()).isEqualTo(RouteRefresh.Subtype.BEGIN_OF_ROUTE_REFRESH);
    assertThat(((RouteRefresh) decode(c.get(8).bytes())).kind()).isEqualTo(RouteRefresh.Subtype.END_OF_ROUTE_REFRESH);
    // 06 02 0b "maintenance": Cease / Administrative Shutdown with an RFC 8203 message
    Notification n = (Notification) decode(c.get(c.size() - 1).bytes());
    assertThat(n.error()).isEqualTo(BgpError.CEASE_ADMINISTRATIVE_SHUTDOWN);
    assertThat(n.describe()).isEqualTo("Cease / Administrative Shutdown (6/2): \"maintenance\"");
  }

  @Test
  void frrWritesAsPathWithExtendedLengthAndOneParameterPerCapability() {
    List<Fixtures.Captured> c = Fixtures.load("frr.txt");
    Open open = (Open) decode(c.get(0).bytes());
    assertThat(open.oneParameter()).isFalse();
    assertThat(open.has(Capability.FourOctetAs.class)).isTrue();
    assertThat(open.capabilities()).anyMatch(cap -> cap instanceof Capability.Unknown u && u.code() == 73); // FQDN
    // 50 02 0000: AS_PATH, transitive + extended length, empty
    Update u = (Update) decode(c.get(2).bytes());
    assertThat(u.form().extendedLength(AttributeType.AS_PATH)).isTrue();
    assertThat(u.attribute(Communities.class).text()).containsExactly("64512:200");
    assertThat(u.attribute(LargeCommunities.class).values()).containsExactly(new LargeCommunity(64512, 3, 4));
    assertThat(u.nlri()).containsExactly(Prefix.parse("10.3.240.64/27"));
    // IPv6 over the IPv4 session: next hop ::ffff:172.31.9.4 (IPv4-mapped)
    MpReach r = ((Update) decode(c.get(3).bytes())).attribute(MpReach.class);
    assertThat(r.nextHop()).isEqualTo(Octets.hex("00000000000000000000ffffac1f0904"));
    assertThat(r.nlri()).containsExactly(Prefix.parse("fd00:3:1::/64"));
  }

  @Test
  void gobgpUpdateHasIncompleteOriginAndSendsNoEndOfRib() {
    List<Fixtures.Captured> c = Fixtures.load("gobgp.txt");
    Open open = (Open) decode(c.get(0).bytes());
    assertThat(open.oneParameter()).isTrue();
    assertThat(open.has(Capability.GracefulRestart.class)).isFalse();
    Update u = (Update) decode(c.get(2).bytes());
    assertThat(u.attribute(Origin.class).value()).isEqualTo(OriginType.INCOMPLETE);
    assertThat(u.attribute(MultiExitDisc.class).value()).isEqualTo(80);
    assertThat(u.nlri()).containsExactly(Prefix.parse("10.3.240.32/27"));
    assertThat(c).noneMatch(m -> m.type().equals("UPDATE") && ((Update) decode(m.bytes())).endOfRib() != null);
  }
}
