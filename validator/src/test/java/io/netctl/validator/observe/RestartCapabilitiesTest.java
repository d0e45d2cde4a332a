package io.netctl.validator.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.netctl.bgp.wire.AddressFamily;
import io.netctl.bgp.wire.Capability;
import io.netctl.bgp.wire.Open;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What an OPEN says about graceful restart (RFC 4724 §3) and long-lived graceful restart (RFC 9494 §3), for IPv4 unicast. */
class RestartCapabilitiesTest {
  static final AddressFamily V6 = new AddressFamily(2, 1);

  static Open open(Capability... caps) {
    return new Open(64512, 90, 0x0a000001, List.of(caps));
  }

  @Test
  void gracefulRestartForIpv4WithForwardingAndLongLived() {
    RestartCapabilities r = RestartCapabilities.of(open(
        new Capability.GracefulRestart(0, 120, List.of(new Capability.GracefulRestart.Family(AddressFamily.IPV4_UNICAST, 0x80))),
        new Capability.LongLivedGracefulRestart(List.of(new Capability.LongLivedGracefulRestart.Family(AddressFamily.IPV4_UNICAST, 0, 3600)))));
    assertThat(r).isEqualTo(new RestartCapabilities(true, 120, true, true, true, 3600));
    assertThat(r.keepsIpv4()).isTrue();
    assertThat(r.describe()).isEqualTo("graceful restart 120 s for IPv4 (forwarding preserved), long-lived 3600 s for IPv4");
  }

  @Test
  void awareOnlyOrAnotherFamilyDoesNotKeepIpv4Routes() {
    RestartCapabilities aware = RestartCapabilities.of(open(new Capability.GracefulRestart(0, 90, List.of())));
    assertThat(aware.gracefulRestart()).isTrue();
    assertThat(aware.keepsIpv4()).isFalse();
    assertThat(aware.describe()).startsWith("graceful restart aware only");
    RestartCapabilities v6 = RestartCapabilities.of(open(
        new Capability.GracefulRestart(0, 90, List.of(new Capability.GracefulRestart.Family(V6, 0)))));
    assertThat(v6.keepsIpv4()).isFalse();
  }

  @Test
  void noCapabilityOrNoOpenIsNone() {
    assertThat(RestartCapabilities.of(open())).isEqualTo(RestartCapabilities.NONE);
    assertThat(RestartCapabilities.of(null)).isEqualTo(RestartCapabilities.NONE);
    assertThat(RestartCapabilities.NONE.describe()).isEqualTo("no graceful restart");
  }
}
