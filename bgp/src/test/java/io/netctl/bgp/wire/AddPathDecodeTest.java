package io.netctl.bgp.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.netctl.bgp.wire.PathAttribute.*;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * ADD-PATH (RFC 7911): the capability, and NLRI with a Path Identifier(4) before each prefix in the
 * UPDATE's own fields, MP_REACH_NLRI and MP_UNREACH_NLRI, read only where negotiated. One readable
 * hex row per case, as {@link Rfc7606Test}; every decoded message re-encodes to the same bytes.
 */
class AddPathDecodeTest {
  /** A 4-octet iBGP session that receives path identifiers for IPv4 and IPv6 unicast. */
  static final WireOptions ADD_PATH =
      new WireOptions(true, false, true, Set.of(AddressFamily.IPV4_UNICAST, AddressFamily.IPV6_UNICAST));

  static final String ATTRS = Rfc7606Test.ORIGIN + Rfc7606Test.AS_PATH + Rfc7606Test.NEXT_HOP; // 20 bytes
  // path 1: 10.3.240.0/27, path 2: 10.3.240.0/27 (the same prefix), path 7: 10.3.240.32/27
  static final String TWO_PATHS = "00000001 1b 0a03f000  00000002 1b 0a03f000  00000007 1b 0a03f020";
  static final Prefix A = Prefix.parse("10.3.240.0/27");
  static final Prefix B = Prefix.parse("10.3.240.32/27");
  static final Prefix V6 = Prefix.parse("2001:db8:1::/48");
  // MP_REACH_NLRI (optional, type 14, 32 bytes): AFI 2 SAFI 1, next hop fd00:9::2 (16), reserved,
  // path 1 2001:db8:1::/48
  static final String MP_REACH_V6 = "80 0e 20 0002 01 10 fd000009000000000000000000000002 00 00000001 30 20010db80001";
  // MP_UNREACH_NLRI (optional, type 15, 14 bytes): AFI 2 SAFI 1, path 2 2001:db8:1::/48
  static final String MP_UNREACH_V6 = "80 0f 0e 0002 01 00000002 30 20010db80001";

  static String body(String withdrawn, String attributes, String nlri) {
    return String.format("%04x", Octets.parseHex(withdrawn).length) + withdrawn
        + String.format("%04x", Octets.parseHex(attributes).length) + attributes + nlri;
  }

  static Update decode(String body, WireOptions o, List<MalformedUpdate> issues) {
    byte[] bytes = ErrorPathsTest.message(2, body);
    Update u = (Update) MessageReader.read(bytes, o, issues::add);
    assertThat(MessageWriter.write(u, o)).as("re-encoded").isEqualTo(bytes);
    return u;
  }

  @Test
  void capabilityDecodesAndReencodes() {
    // OPEN: AS 64512, hold 90, id 10.0.0.1; one parameter: ADD-PATH ipv4-unicast send (2), ipv6-unicast both (3)
    byte[] bytes = ErrorPathsTest.message(1, ErrorPathsTest.OPEN_HEAD + "0c 02 0a 45 08 0001 01 02 0002 01 03");
    Open open = (Open) MessageReader.read(bytes, WireOptions.INITIAL, m -> {});
    Capability.AddPath a = (Capability.AddPath) open.capabilities().get(0);
    assertThat(a.sends(AddressFamily.IPV4_UNICAST)).isTrue();
    assertThat(a.receives(AddressFamily.IPV4_UNICAST)).isFalse();
    assertThat(a.receives(AddressFamily.IPV6_UNICAST)).isTrue();
    assertThat(MessageWriter.write(open, WireOptions.INITIAL)).isEqualTo(bytes);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Send/Receive 0 (RFC 7911 §4: not 1-3) | 0001 01 00",
        "Send/Receive 4                        | 0001 01 04",
        "value not a multiple of 4             | 0001 01",
      })
  void capabilityWithAnUnusableValueIsKeptAsUnknown(String what, String value) {
    int len = Octets.parseHex(value).length;
    String cap = String.format("45 %02x ", len) + value;
    String open = ErrorPathsTest.OPEN_HEAD + String.format("%02x 02 %02x ", len + 4, len + 2) + cap;
    Open o = (Open) MessageReader.read(ErrorPathsTest.message(1, open), WireOptions.INITIAL, m -> {});
    assertThat(o.capabilities()).containsExactly(new Capability.Unknown(Capability.ADD_PATH, Octets.hex(value.replace(" ", ""))));
  }

  @Test
  void negotiatedOnlyWhereWeReceiveAndThePeerSends() {
    Open ours = open(new Capability.AddPath(List.of(
        new Capability.AddPath.Entry(AddressFamily.IPV4_UNICAST, Capability.AddPath.Entry.RECEIVE),
        new Capability.AddPath.Entry(AddressFamily.IPV6_UNICAST, Capability.AddPath.Entry.RECEIVE))));
    Open peer = open(new Capability.AddPath(List.of(
        new Capability.AddPath.Entry(AddressFamily.IPV4_UNICAST, Capability.AddPath.Entry.BOTH),
        new Capability.AddPath.Entry(AddressFamily.IPV6_UNICAST, Capability.AddPath.Entry.RECEIVE))));
    assertThat(AddPathNegotiation.receiving(ours, peer)).containsExactly(AddressFamily.IPV4_UNICAST);
    assertThat(AddPathNegotiation.receiving(peer, ours)).isEmpty(); // we never send
    assertThat(AddPathNegotiation.receiving(ours, open(new Capability.RouteRefresh()))).isEmpty();
  }

  static Open open(Capability c) {
    return new Open(64512, 90, 0x0a000001, List.of(c));
  }

  @Test
  void ipv4PathsOfOnePrefixAreKeptApart() {
    List<MalformedUpdate> issues = new ArrayList<>();
    Update u = decode(body("", ATTRS, TWO_PATHS), ADD_PATH, issues);
    assertThat(issues).isEmpty();
    assertThat(u.nlri()).containsExactly(A, A, B);
    assertThat(u.nlriPathIds()).containsExactly(1, 2, 7);
  }

  @Test
  void withdrawalsNamePaths() {
    Update u = decode(body("00000002 1b 0a03f000", "", ""), ADD_PATH, new ArrayList<>());
    assertThat(u.withdrawn()).containsExactly(A);
    assertThat(u.withdrawnPathIds()).containsExactly(2);
  }

  @Test
  void pathIdWithTheTopBitSetIsAnUnsignedId() {
    Update u = decode(body("", ATTRS, "ffffffff 1b 0a03f000"), ADD_PATH, new ArrayList<>());
    assertThat(Integer.toUnsignedLong(u.nlriPathIds().get(0))).isEqualTo(4294967295L);
  }

  @Test
  void ipv6PathsInMpReachAndMpUnreach() {
    Update reach = decode(body("", ATTRS.replace(Rfc7606Test.NEXT_HOP, "") + MP_REACH_V6, ""), ADD_PATH, new ArrayList<>());
    MpReach r = reach.attribute(MpReach.class);
    assertThat(r.nlri()).containsExactly(V6);
    assertThat(r.pathIds()).containsExactly(1);
    Update unreach = decode(body("", MP_UNREACH_V6, ""), ADD_PATH, new ArrayList<>());
    assertThat(unreach.attribute(MpUnreach.class).pathIds()).containsExactly(2);
    assertThat(unreach.endOfRib()).isNull();
  }

  @Test
  void endOfRibIsTheSameWithAddPath() {
    assertThat(decode(body("", "", ""), ADD_PATH, new ArrayList<>()).endOfRib()).isEqualTo(AddressFamily.IPV4_UNICAST);
    assertThat(decode(body("", "80 0f 03 0002 01", ""), ADD_PATH, new ArrayList<>()).endOfRib()).isEqualTo(AddressFamily.IPV6_UNICAST);
  }

  /** Without ADD-PATH negotiated the same bytes are other prefixes: why the options must follow the OPENs. */
  @Test
  void theSameBytesWithoutAddPathAreOtherPrefixes() {
    byte[] bytes = ErrorPathsTest.message(2, body("", ATTRS, "00000001 1b 0a03f000"));
    Update u = (Update) MessageReader.read(bytes, Fixtures.LAB, m -> {});
    assertThat(u.nlriPathIds()).isEmpty();
    assertThat(u.nlri()).doesNotContain(A).contains(Prefix.parse("0.0.0.0/0"));
  }

  /** A malformed attribute still withdraws only the paths of this UPDATE, by path id (RFC 7606 §2, RFC 7911 §3). */
  @Test
  void treatAsWithdrawKeepsThePathIds() {
    List<MalformedUpdate> issues = new ArrayList<>();
    byte[] bytes = ErrorPathsTest.message(2, body("", ATTRS + "40 01 01 03", TWO_PATHS)); // ORIGIN twice: the second discarded
    Update discard = (Update) MessageReader.read(bytes, ADD_PATH, issues::add);
    assertThat(discard.nlriPathIds()).containsExactly(1, 2, 7);
    issues.clear();
    String badOrigin = "40 01 01 03" + Rfc7606Test.AS_PATH + Rfc7606Test.NEXT_HOP;
    Update u = (Update) MessageReader.read(ErrorPathsTest.message(2, body("", badOrigin, TWO_PATHS)), ADD_PATH, issues::add);
    assertThat(issues).extracting(MalformedUpdate::action).containsExactly(Rfc7606Action.TREAT_AS_WITHDRAW);
    assertThat(u.nlri()).isEmpty();
    assertThat(u.withdrawn()).containsExactly(A, A, B);
    assertThat(u.withdrawnPathIds()).containsExactly(1, 2, 7);
    Update v6 = (Update) MessageReader.read(
        ErrorPathsTest.message(2, body("", "40 01 01 03" + Rfc7606Test.AS_PATH + MP_REACH_V6, "")), ADD_PATH, issues::add);
    assertThat(v6.attribute(MpUnreach.class).withdrawn()).containsExactly(V6);
    assertThat(v6.attribute(MpUnreach.class).pathIds()).containsExactly(1);
  }

  /**
   * An NLRI field that cannot be parsed resets the session (RFC 7606 §5.3): with ADD-PATH that
   * includes a path identifier cut short and a prefix missing or too long after one. Inside
   * MP_REACH_NLRI / MP_UNREACH_NLRI the error is an Optional Attribute Error (RFC 7606 §5.3, §3 (j)).
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "NLRI: path id of 3 bytes            | ''                   | 000000                    | INVALID_NETWORK_FIELD",
        "NLRI: path id without a prefix      | ''                   | 00000001                  | INVALID_NETWORK_FIELD",
        "NLRI: prefix length 33 after an id  | ''                   | 00000001 21 0a03f00000    | INVALID_NETWORK_FIELD",
        "NLRI: prefix cut short after an id  | ''                   | 00000001 1b 0a03          | INVALID_NETWORK_FIELD",
        "NLRI: second path id truncated      | ''                   | 00000001 1b 0a03f000 0000 | INVALID_NETWORK_FIELD",
        "withdrawn: path id of 2 bytes       | 0001                 | ''                        | INVALID_NETWORK_FIELD",
        "withdrawn: prefix length 40         | 00000001 28 0a03f000 | ''                        | INVALID_NETWORK_FIELD",
      })
  void truncatedOrOverlongPathNlriResetsTheSession(String what, String withdrawn, String nlri, BgpError error) {
    byte[] bytes = ErrorPathsTest.message(2, body(withdrawn, nlri.isEmpty() ? "" : ATTRS, nlri));
    assertThat(ErrorPathsTest.error(bytes, ADD_PATH).error()).isEqualTo(error);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "MP_REACH: path id of 3 bytes   | 80 0e 18 0002 01 10 fd000009000000000000000000000002 00 000001",
        "MP_REACH: id, prefix /129      | 80 0e 1c 0002 01 10 fd000009000000000000000000000002 00 00000001 81 2001",
        "MP_UNREACH: path id of 1 byte  | 80 0f 04 0002 01 00",
        "MP_UNREACH: id, prefix cut     | 80 0f 0a 0002 01 00000002 30 2001",
      })
  void truncatedPathNlriInMpAttributesResetsTheSession(String what, String attribute) {
    String attrs = attribute.startsWith("80 0e") ? Rfc7606Test.ORIGIN + Rfc7606Test.AS_PATH + attribute : attribute;
    byte[] bytes = ErrorPathsTest.message(2, body("", attrs, ""));
    assertThat(ErrorPathsTest.error(bytes, ADD_PATH).error()).isEqualTo(BgpError.OPTIONAL_ATTRIBUTE_ERROR);
  }
}
