package io.netctl.bgp.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every NOTIFICATION the decoder can ask for (RFC 4271 §6, RFC 7313 §5), with its data field. */
class ErrorPathsTest {
  static final String MARKER = "ffffffffffffffffffffffffffffffff";

  /** A message of {@code type} around an annotated hex body, the length computed. */
  static byte[] message(int type, String body) {
    byte[] b = Octets.parseHex(body);
    byte[] m = new byte[19 + b.length];
    System.arraycopy(Octets.parseHex(MARKER), 0, m, 0, 16);
    m[16] = (byte) (m.length >>> 8);
    m[17] = (byte) m.length;
    m[18] = (byte) type;
    System.arraycopy(b, 0, m, 19, b.length);
    return m;
  }

  static BgpProtocolException error(byte[] bytes, WireOptions o) {
    List<MalformedUpdate> issues = new ArrayList<>();
    try {
      MessageReader.read(bytes, o, issues::add);
    } catch (BgpProtocolException e) {
      return e;
    }
    throw new AssertionError("decoded without error; issues " + issues);
  }

  static BgpProtocolException error(byte[] bytes) {
    return error(bytes, Fixtures.LAB);
  }

  static final String OPEN_HEAD = "04 fc00 005a 0a000001";

  @Test
  void markerNotAllOnes() {
    byte[] m = message(4, "");
    m[3] = 0;
    assertThat(error(m).error()).isEqualTo(BgpError.CONNECTION_NOT_SYNCHRONIZED);
  }

  @Test
  void lengthBelowHeaderOrAboveLimitOrWrongForType() {
    byte[] tooShort = Octets.parseHex(MARKER + "0012 04"); // length 18
    BgpProtocolException e = error(tooShort);
    assertThat(e.error()).isEqualTo(BgpError.BAD_MESSAGE_LENGTH);
    assertThat(e.data()).isEqualTo(Octets.hex("0012"));

    byte[] keepaliveWithBody = message(4, "00");
    assertThat(error(keepaliveWithBody).data()).isEqualTo(Octets.hex("0014"));

    byte[] shortOpen = message(1, "04 fc00");
    assertThat(error(shortOpen).error()).isEqualTo(BgpError.BAD_MESSAGE_LENGTH);

    byte[] shortNotification = message(3, "06");
    assertThat(error(shortNotification).error()).isEqualTo(BgpError.BAD_MESSAGE_LENGTH);

    byte[] big = message(2, "0000 0000" + "00".repeat(4096 - 23 + 1)); // 4097 bytes without extended messages
    assertThat(error(big).data()).isEqualTo(Octets.hex("1001"));
    assertThat(MessageReader.read(big, new WireOptions(true, true, true), m -> {})).isInstanceOf(Update.class);
  }

  @Test
  void openAndKeepaliveStayWithin4096EvenWithExtendedMessages() {
    byte[] bigOpen = message(1, OPEN_HEAD + " 00" + "00".repeat(4097 - 29)); // 4097 bytes
    assertThat(error(bigOpen, new WireOptions(true, true, true)).error()).isEqualTo(BgpError.BAD_MESSAGE_LENGTH);
  }

  @Test
  void unknownMessageTypeCarriesTheType() {
    BgpProtocolException e = error(message(9, ""));
    assertThat(e.error()).isEqualTo(BgpError.BAD_MESSAGE_TYPE);
    assertThat(e.data()).isEqualTo(Octets.hex("09"));
  }

  @Test
  void openErrors() {
    BgpProtocolException version = error(message(1, "03 fc00 005a 0a000001 00"));
    assertThat(version.error()).isEqualTo(BgpError.UNSUPPORTED_VERSION_NUMBER);
    assertThat(version.data()).isEqualTo(Octets.hex("0004")); // the largest version we support

    // parameter length 5 but only 4 bytes of parameters follow
    assertThat(error(message(1, OPEN_HEAD + " 05 02 02 02 00")).error()).isEqualTo(BgpError.OPEN_UNSPECIFIC);
    // parameter type 1 (authentication, deprecated by RFC 5492)
    assertThat(error(message(1, OPEN_HEAD + " 04 01 02 0000")).error()).isEqualTo(BgpError.UNSUPPORTED_OPTIONAL_PARAMETER);
    // a capability of length 9 inside a parameter of 4
    assertThat(error(message(1, OPEN_HEAD + " 06 02 04 41 09 0000")).error()).isEqualTo(BgpError.OPEN_UNSPECIFIC);
    // a parameter that overruns the optional parameters
    assertThat(error(message(1, OPEN_HEAD + " 03 02 07 41")).error()).isEqualTo(BgpError.OPEN_UNSPECIFIC);
  }

  @Test
  void openWithUnexpectedCapabilityLengthsKeepsThemAsUnknown() {
    Open o = (Open) Fixtures.decode(message(1, OPEN_HEAD + " 08 02 06 41 02 fc00 0200"));
    assertThat(o.capabilities()).containsExactly(new Capability.Unknown(65, Octets.hex("fc00")), new Capability.RouteRefresh());
  }

  @Test
  void updateFieldLengthsThatOverrunTheMessage() {
    // withdrawn routes length 0x10 with 2 bytes left
    assertThat(error(message(2, "0010 0000")).error()).isEqualTo(BgpError.MALFORMED_ATTRIBUTE_LIST);
    // total path attribute length 0x20 with nothing behind it
    assertThat(error(message(2, "0000 0020")).error()).isEqualTo(BgpError.MALFORMED_ATTRIBUTE_LIST);
  }

  @Test
  void invalidNetworkField() {
    // NLRI with prefix length 33
    assertThat(error(message(2, "0000 0000 21 0a000000 00")).error()).isEqualTo(BgpError.INVALID_NETWORK_FIELD);
    // withdrawn prefix /24 with only 2 address octets
    assertThat(error(message(2, "0003 18 0a00 0000")).error()).isEqualTo(BgpError.INVALID_NETWORK_FIELD);
  }

  @Test
  void unrecognizedWellKnownAttribute() {
    // flags 0x40 (well-known, transitive), type 99
    BgpProtocolException e = error(message(2, "0000 0004 40 63 01 00"));
    assertThat(e.error()).isEqualTo(BgpError.UNRECOGNIZED_WELL_KNOWN_ATTRIBUTE);
    assertThat(e.data()).isEqualTo(Octets.hex("40630100")); // the attribute
  }

  @Test
  void attributeOverrunWithoutRoutesResetsTheSession() {
    assertThat(error(message(2, "0000 0004 40 01 05 00")).error()).isEqualTo(BgpError.MALFORMED_ATTRIBUTE_LIST);
  }

  @Test
  void repeatedOrMalformedMpAttributesResetTheSession() {
    String mpUnreach = "80 0f 03 0002 01";
    assertThat(error(message(2, "0000 000c " + mpUnreach + mpUnreach)).error()).isEqualTo(BgpError.MALFORMED_ATTRIBUTE_LIST);
    // MP_REACH ipv6 with a 5-byte next hop
    assertThat(error(message(2, "0000 000d 80 0e 0a 0002 01 05 0000000000 00")).error()).isEqualTo(BgpError.OPTIONAL_ATTRIBUTE_ERROR);
    // MP_REACH with an IPv6 prefix of length 129
    assertThat(error(message(2, "0000 0019 80 0e 16 0002 01 10 fd000000000000000000000000000001 00 81")).error())
        .isEqualTo(BgpError.OPTIONAL_ATTRIBUTE_ERROR);
    // MP_UNREACH shorter than AFI+SAFI
    assertThat(error(message(2, "0000 0005 80 0f 02 0002")).error()).isEqualTo(BgpError.OPTIONAL_ATTRIBUTE_ERROR);
    // MP_REACH with the well-known flag: its flags error resets the session, too
    assertThat(error(message(2, "0000 0006 40 0f 03 0002 01")).error()).isEqualTo(BgpError.ATTRIBUTE_FLAGS_ERROR);
  }

  @Test
  void routeRefreshOfTheWrongLength() {
    BgpProtocolException e = error(message(5, "0001 00 01 00"));
    assertThat(e.error()).isEqualTo(BgpError.ROUTE_REFRESH_INVALID_LENGTH);
    assertThat(e.data().length()).isEqualTo(24); // the message
    assertThat(error(message(5, "0001 00")).error()).isEqualTo(BgpError.BAD_MESSAGE_LENGTH);
  }

  @Test
  void routeRefreshWithAnUnknownSubtypeIsKeptForTheSessionToIgnore() {
    RouteRefresh r = (RouteRefresh) Fixtures.decode(message(5, "0001 07 01"));
    assertThat(r.kind()).isNull();
    assertThat(r.subtype()).isEqualTo(7);
  }

  @Test
  void messageLengthFieldDisagreeingWithTheBytesGiven() {
    byte[] m = message(4, "");
    byte[] longer = new byte[m.length + 1];
    System.arraycopy(m, 0, longer, 0, m.length);
    assertThat(error(longer).error()).isEqualTo(BgpError.BAD_MESSAGE_LENGTH);
  }

  @Test
  void exceptionNamesTheErrorAndCarriesTheNotification() {
    BgpProtocolException e = error(message(9, ""));
    assertThat(e.getMessage()).startsWith("Message Header Error / Bad Message Type (1/3)");
    assertThat(e.toNotification()).isEqualTo(new Notification(1, 3, Octets.hex("09")));
  }

  @Test
  void writerRefusesWhatTheSessionCannotCarry() {
    Update wide = new Update(List.of(), List.of(PathAttribute.AsPath.sequence(4200000000L)), List.of());
    assertThatThrownBy(() -> MessageWriter.write(wide, WireOptions.INITIAL)).isInstanceOf(IllegalArgumentException.class);
    List<Prefix> many = new ArrayList<>();
    for (int i = 0; i < 1100; i++) {
      many.add(new Prefix.Ipv4(i << 8, 24));
    }
    Update big = new Update(List.of(), List.of(), many);
    assertThatThrownBy(() -> MessageWriter.write(big, WireOptions.INITIAL)).hasMessageContaining("4096-byte limit");
    assertThat(MessageWriter.write(big, new WireOptions(true, true, true))).hasSize(23 + 4400);
  }
}
