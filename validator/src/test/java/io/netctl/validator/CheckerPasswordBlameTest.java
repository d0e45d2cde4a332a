package io.netctl.validator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A password finding becomes the stated cause of the sessions that do not come up. */
class CheckerPasswordBlameTest {
  @Test
  void sessionFindingsNameThePasswordWhenAPasswordFindingExplainsThem() {
    Finding session = Finding.of(Code.SESSION_NOT_ESTABLISHED, "rr-1 -> 172.31.0.2", "Established", "Active (Socket: Connection timed out)");
    Finding other = Finding.of(Code.HOST_IP_MISSING, "node-b", "a host IP", "none recorded");
    Report without = new Report(List.of(session, other), List.of());
    assertThat(Checker.blamePasswords(without)).isEqualTo(without);
    Finding pw = Finding.of(Code.BGP_PASSWORD_UNREADABLE, "secret/bgp-secrets/rr-password", "readable", "no Secret");
    Report blamed = Checker.blamePasswords(new Report(List.of(session, other, pw), List.of()));
    assertThat(blamed.findings()).filteredOn(f -> f.code() == Code.SESSION_NOT_ESTABLISHED).singleElement()
        .satisfies(f -> assertThat(f.hint()).startsWith("probable cause: the BGP password (bgp-password-unreadable secret/bgp-secrets/rr-password)"));
    assertThat(blamed.findings()).filteredOn(f -> f.code() == Code.HOST_IP_MISSING).singleElement().isEqualTo(other);
  }
}
