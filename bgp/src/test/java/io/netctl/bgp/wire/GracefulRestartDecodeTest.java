package io.netctl.bgp.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Graceful restart (RFC 4724 §3) and long-lived graceful restart (RFC 9494 §3) capabilities as typed
 * records: restart time, R and N flags, per-family forwarding state, LLGR stale time. One hex row
 * per case; every decoded OPEN re-encodes to the same bytes.
 */
class GracefulRestartDecodeTest {
  /** An OPEN (AS 64512, hold 90, id 10.0.0.1) with the capabilities in one parameter. */
  static Open open(String capabilities) {
    int len = Octets.parseHex(capabilities).length;
    byte[] bytes = ErrorPathsTest.message(1, ErrorPathsTest.OPEN_HEAD + String.format(" %02x 02 %02x ", len + 2, len) + capabilities);
    Open o = (Open) MessageReader.read(bytes, WireOptions.INITIAL, m -> {});
    assertThat(MessageWriter.write(o, WireOptions.INITIAL)).as("re-encoded").isEqualTo(bytes);
    return o;
  }

  @Test
  void gracefulRestartWithFamiliesAndFlags() {
    // 40 0a: GR, 10 bytes; c078 = R and N set, restart time 0x078 = 120 s;
    // ipv4-unicast flags 80 (forwarding preserved), ipv6-unicast flags 00
    Capability.GracefulRestart gr = open("40 0a c078 0001 01 80 0002 01 00").gracefulRestart();
    assertThat(gr.restartTime()).isEqualTo(120);
    assertThat(gr.restarting()).isTrue();
    assertThat(gr.notification()).isTrue();
    assertThat(gr.families()).extracting(Capability.GracefulRestart.Family::family)
        .containsExactly(AddressFamily.IPV4_UNICAST, AddressFamily.IPV6_UNICAST);
    assertThat(gr.families()).extracting(Capability.GracefulRestart.Family::forwardingPreserved).containsExactly(true, false);
  }

  @Test
  void gracefulRestartAwareOnly() {
    // BIRD's "graceful restart aware": no flags, time 120, no families (captured, fixtures/bird-rr.txt)
    Capability.GracefulRestart gr = open("40 02 0078").gracefulRestart();
    assertThat(gr.restartTime()).isEqualTo(120);
    assertThat(gr.restarting()).isFalse();
    assertThat(gr.families()).isEmpty();
  }

  @Test
  void longLivedGracefulRestartStaleTimes() {
    // 47 0e: LLGR, 14 bytes; ipv4-unicast flags 80, stale time 0x000e10 = 3600 s; ipv6-unicast flags 00, 0x015180 = 86400 s
    Open o = open("47 0e 0001 01 80 000e10 0002 01 00 015180");
    Capability.LongLivedGracefulRestart llgr = o.longLivedGracefulRestart();
    assertThat(llgr.families()).containsExactly(
        new Capability.LongLivedGracefulRestart.Family(AddressFamily.IPV4_UNICAST, 0x80, 3600),
        new Capability.LongLivedGracefulRestart.Family(AddressFamily.IPV6_UNICAST, 0, 86400));
    assertThat(llgr.families().get(0).forwardingPreserved()).isTrue();
    assertThat(o.gracefulRestart()).isNull();
  }

  @Test
  void longLivedGracefulRestartWithoutFamilies() {
    // BIRD sends "47 00" (LLGR-capable, no family with long-lived stale time)
    assertThat(open("47 00").longLivedGracefulRestart().families()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "GR value of 3 bytes        | 40 03 007800     | 64",
        "GR family cut short        | 40 05 0078 000101 | 64",
        "LLGR tuple of 6 bytes      | 47 06 0001 01 80 0e10 | 71",
      })
  void unusableValuesAreKeptAsUnknown(String what, String capability, int code) {
    Open o = open(capability);
    assertThat(o.capabilities()).hasSize(1).allMatch(c -> c instanceof Capability.Unknown u && u.code() == code);
    assertThat(o.gracefulRestart()).isNull();
    assertThat(o.longLivedGracefulRestart()).isNull();
  }

  @Test
  void notAdvertisedIsNull() {
    Open o = new Open(64512, 90, 1, List.of(new Capability.RouteRefresh()));
    assertThat(o.gracefulRestart()).isNull();
    assertThat(o.longLivedGracefulRestart()).isNull();
  }
}
