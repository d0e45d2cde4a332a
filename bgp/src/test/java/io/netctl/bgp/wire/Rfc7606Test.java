package io.netctl.bgp.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.netctl.bgp.wire.PathAttribute.*;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** RFC 7606: malformed attributes that keep the session, withdrawing the routes or dropping the attribute. */
class Rfc7606Test {
  // ORIGIN IGP, AS_PATH [64512], NEXT_HOP 172.31.0.2 (4-octet session)
  static final String ORIGIN = "40 01 01 00";
  static final String AS_PATH = "40 02 06 02 01 0000fc00";
  static final String NEXT_HOP = "40 03 04 ac1f0002";
  static final String NLRI = "1b 0a03f000"; // 10.3.240.0/27
  static final String WITHDRAWN = "1b 0a03f020"; // 10.3.240.32/27

  record Outcome(Update update, List<MalformedUpdate> issues) {}

  static Outcome decode(String attributes, String nlri) {
    return decode(attributes, nlri, "");
  }

  static Outcome decode(String attributes, String nlri, String withdrawn) {
    byte[] a = Octets.parseHex(attributes);
    byte[] w = Octets.parseHex(withdrawn);
    String body = String.format("%04x", w.length) + withdrawn + String.format("%04x", a.length) + attributes + nlri;
    List<MalformedUpdate> issues = new ArrayList<>();
    Update u = (Update) MessageReader.read(ErrorPathsTest.message(2, body), Fixtures.LAB, issues::add);
    return new Outcome(u, issues);
  }

  static void assertWithdrawn(Outcome o, BgpError error) {
    assertThat(o.issues()).extracting(MalformedUpdate::action).contains(Rfc7606Action.TREAT_AS_WITHDRAW);
    assertThat(o.issues()).extracting(MalformedUpdate::error).contains(error);
    assertThat(o.update().nlri()).isEmpty();
    assertThat(o.update().attributes()).isEmpty();
    assertThat(o.update().withdrawn()).contains(Prefix.parse("10.3.240.0/27"));
  }

  @Test
  void wellFormedUpdateHasNoFindings() {
    Outcome o = decode(ORIGIN + AS_PATH + NEXT_HOP, NLRI);
    assertThat(o.issues()).isEmpty();
    assertThat(o.update().nlri()).containsExactly(Prefix.parse("10.3.240.0/27"));
    assertThat(o.update().attribute(AsPath.class)).isEqualTo(AsPath.sequence(64512L));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "ORIGIN of 2 bytes            | 40 01 02 0000                | ATTRIBUTE_LENGTH_ERROR",
        "ORIGIN value 3               | 40 01 01 03                  | INVALID_ORIGIN_ATTRIBUTE",
        "AS_PATH segment type 7       | 40 02 06 07 01 0000fc00      | MALFORMED_AS_PATH",
        "AS_PATH zero-length segment  | 40 02 02 02 00               | MALFORMED_AS_PATH",
        "AS_PATH segment overrun      | 40 02 06 02 02 0000fc00      | MALFORMED_AS_PATH",
        "NEXT_HOP of 3 bytes          | 40 03 03 ac1f00              | ATTRIBUTE_LENGTH_ERROR",
        "MED of 2 bytes               | 80 04 02 0001                | ATTRIBUTE_LENGTH_ERROR",
        "LOCAL_PREF of 5 bytes (iBGP) | 40 05 05 0000006400          | ATTRIBUTE_LENGTH_ERROR",
        "COMMUNITIES of 5 bytes       | c0 08 05 fc00006400          | ATTRIBUTE_LENGTH_ERROR",
        "COMMUNITIES empty            | c0 08 00                     | ATTRIBUTE_LENGTH_ERROR",
        "ORIGINATOR_ID of 8 bytes     | 80 09 08 ac1f0002ac1f0002    | ATTRIBUTE_LENGTH_ERROR",
        "CLUSTER_LIST of 6 bytes      | 80 0a 06 010000010100        | ATTRIBUTE_LENGTH_ERROR",
        "EXT COMMUNITIES of 4 bytes   | c0 10 04 0002fc00            | ATTRIBUTE_LENGTH_ERROR",
        "LARGE COMMUNITY of 8 bytes   | c0 20 08 0000fc0000000001    | ATTRIBUTE_LENGTH_ERROR",
        "MED sent as well-known       | 40 04 04 00000001            | ATTRIBUTE_FLAGS_ERROR",
        "COMMUNITIES non-transitive   | 80 08 04 fc000064            | ATTRIBUTE_FLAGS_ERROR",
      })
  void treatAsWithdraw(String what, String bad, BgpError error) {
    Outcome o = decode(ORIGIN + AS_PATH + NEXT_HOP + bad.replace("ORIGIN", ""), NLRI, WITHDRAWN);
    if (bad.startsWith("40 01") || bad.startsWith("40 02") || bad.startsWith("40 03")) {
      // the bad one replaces the good attribute of its type, which is then "repeated"
      o = decode(bad + (bad.startsWith("40 01") ? "" : ORIGIN) + (bad.startsWith("40 02") ? "" : AS_PATH)
          + (bad.startsWith("40 03") ? "" : NEXT_HOP), NLRI, WITHDRAWN);
    }
    assertWithdrawn(o, error);
    assertThat(o.update().withdrawn()).contains(Prefix.parse("10.3.240.32/27"));
  }

  @ParameterizedTest(name = "missing {0}")
  @CsvSource({"ORIGIN", "AS_PATH", "NEXT_HOP"})
  void missingWellKnownAttributeWithdraws(String missing) {
    String attrs = (missing.equals("ORIGIN") ? "" : ORIGIN) + (missing.equals("AS_PATH") ? "" : AS_PATH)
        + (missing.equals("NEXT_HOP") ? "" : NEXT_HOP);
    Outcome o = decode(attrs, NLRI);
    assertWithdrawn(o, BgpError.MISSING_WELL_KNOWN_ATTRIBUTE);
    assertThat(o.issues().get(0).detail()).isEqualTo("missing " + missing);
  }

  @Test
  void ipv6RoutesNeedNoNextHopAttribute() {
    String mpReach = "80 0e 1e 0002 01 10 fd000009000000000000000000000002 00 40 fd00000300000000";
    Outcome o = decode(ORIGIN + AS_PATH + mpReach, "");
    assertThat(o.issues()).isEmpty();
    assertThat(o.update().announced()).containsExactly(Prefix.parse("fd00:3::/64"));
  }

  @Test
  void treatAsWithdrawTurnsMpReachIntoMpUnreach() {
    String mpReach = "80 0e 1e 0002 01 10 fd000009000000000000000000000002 00 40 fd00000300000000";
    Outcome o = decode("40 01 01 09" + AS_PATH + mpReach, "");
    assertThat(o.issues()).extracting(MalformedUpdate::error).containsExactly(BgpError.INVALID_ORIGIN_ATTRIBUTE);
    assertThat(o.update().attributes())
        .containsExactly(new MpUnreach(AddressFamily.IPV6_UNICAST, List.of(Prefix.parse("fd00:3::/64"))));
    assertThat(o.update().withdrawnAll()).containsExactly(Prefix.parse("fd00:3::/64"));
  }

  @Test
  void attributeOverrunWithRoutesWithdrawsThem() {
    Outcome o = decode(ORIGIN + AS_PATH + NEXT_HOP + "c0 08 08 fc00", NLRI);
    assertWithdrawn(o, BgpError.MALFORMED_ATTRIBUTE_LIST);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "ATOMIC_AGGREGATE of 1 byte   | 40 06 01 00                | ATTRIBUTE_LENGTH_ERROR",
        "AGGREGATOR of 6 (4-octet AS) | c0 07 06 fc00ac1f0002      | ATTRIBUTE_LENGTH_ERROR",
        "AS4_PATH malformed           | c0 11 03 02 01 00          | MALFORMED_AS_PATH",
        "AS4_AGGREGATOR of 6 bytes    | c0 12 06 fc00ac1f0002      | ATTRIBUTE_LENGTH_ERROR",
        "LOCAL_PREF repeated          | 40 05 04 00000064 40 05 04 000000c8 | MALFORMED_ATTRIBUTE_LIST",
      })
  void attributeDiscard(String what, String bad, BgpError error) {
    Outcome o = decode(ORIGIN + AS_PATH + NEXT_HOP + bad, NLRI);
    assertThat(o.issues()).extracting(MalformedUpdate::action).containsExactly(Rfc7606Action.ATTRIBUTE_DISCARD);
    assertThat(o.issues()).extracting(MalformedUpdate::error).containsExactly(error);
    assertThat(o.update().nlri()).containsExactly(Prefix.parse("10.3.240.0/27"));
    assertThat(o.update().attributes()).hasSize(what.contains("repeated") ? 4 : 3);
    if (what.contains("repeated")) {
      assertThat(o.update().attribute(LocalPref.class).value()).isEqualTo(100); // the first one stays
    }
  }

  @Test
  void localPrefLengthErrorOnAnExternalSessionOnlyDropsIt() {
    String body = "0000 0018 " + ORIGIN + AS_PATH + NEXT_HOP + "40 05 01 00" + NLRI;
    List<MalformedUpdate> issues = new ArrayList<>();
    Update u = (Update) MessageReader.read(ErrorPathsTest.message(2, body), new WireOptions(true, false, false), issues::add);
    assertThat(issues).extracting(MalformedUpdate::action).containsExactly(Rfc7606Action.ATTRIBUTE_DISCARD);
    assertThat(u.nlri()).hasSize(1);
  }

  @Test
  void unknownOptionalAttributesAreKeptWithTheirFlags() {
    // type 99 optional transitive with the partial bit; type 100 optional non-transitive
    Outcome o = decode(ORIGIN + AS_PATH + NEXT_HOP + "e0 63 02 abcd 80 64 01 ef", NLRI);
    assertThat(o.issues()).isEmpty();
    assertThat(o.update().attributes())
        .contains(new Unknown(0xe0, 99, Octets.hex("abcd")), new Unknown(0x80, 100, Octets.hex("ef")));
  }

  @Test
  void twoOctetSessionReadsTwoOctetPathsAndAs4Path() {
    // AS_PATH [23456 (AS_TRANS), 64512] in 2 octets; AS4_PATH [4200000000 64512]
    String body = "0000 002a " + ORIGIN + "40 02 06 02 02 5ba0 fc00" + NEXT_HOP + "c0 11 0a 02 02 fa56ea00 0000fc00" + "c0 07 06 fc00 ac1f0002" + NLRI;
    Update u = (Update) MessageReader.read(ErrorPathsTest.message(2, body), WireOptions.INITIAL, m -> {
      throw new AssertionError(m);
    });
    assertThat(u.attribute(AsPath.class)).isEqualTo(AsPath.sequence(23456L, 64512L));
    assertThat(u.attribute(As4Path.class).segments().get(0).asns()).containsExactly(4200000000L, 64512L);
    assertThat(u.attribute(Aggregator.class).asNumber()).isEqualTo(64512);
    assertThat(MessageWriter.write(u, WireOptions.INITIAL)).isEqualTo(ErrorPathsTest.message(2, body));
  }
}
