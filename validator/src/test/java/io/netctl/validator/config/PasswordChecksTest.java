package io.netctl.validator.config;

import static org.assertj.core.api.Assertions.assertThat;

import inet.ipaddr.IPAddressString;
import io.netctl.bgp.calico.BgpPlanner;
import io.netctl.bgp.calico.BgpTopology;
import io.netctl.bgp.calico.CalicoBgpState;
import io.netctl.bgp.calico.RouteReflector;
import io.netctl.bgp.calico.SecretRef;
import io.netctl.ipam.IpamConfig;
import io.netctl.ipam.store.MemoryStore;
import io.netctl.validator.CheckKind;
import io.netctl.validator.CheckRequest;
import io.netctl.validator.Checker;
import io.netctl.validator.ClusterState;
import io.netctl.validator.Code;
import io.netctl.validator.Intent;
import io.netctl.validator.Report;
import io.netctl.validator.observe.SecretSource;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The BGPPeers' password Secret as calico-node reads it, against what render-rr was given. */
class PasswordChecksTest {
  static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
  static final SecretRef REF = new SecretRef("bgp-secrets", "rr-password");
  final MemoryStore store = new MemoryStore();
  final BgpTopology topo = new BgpTopology(64512, List.of(
      new RouteReflector("rr-1", new IPAddressString("10.3.252.8").getAddress().toIPv4(), new IPAddressString("1.0.0.1").getAddress().toIPv4(), Map.of())),
      List.of(), REF);

  @BeforeEach
  void applied() {
    BgpPlanner.plan(topo, IpamConfig.DEFAULT.ranges(), CalicoBgpState.read(store), NOW).apply(store);
  }

  static SecretSource source(SecretSource.SecretRead read) {
    return new SecretSource() {
      @Override
      public SecretRead read(SecretRef ref) {
        return ref.equals(REF) ? read : new Unknown("not asked");
      }

      @Override
      public String where() {
        return "namespace kube-system";
      }
    };
  }

  PasswordChecks.Result check(SecretSource.SecretRead read, Map<SecretRef, String> rendered) {
    return PasswordChecks.check(CalicoBgpState.read(store), source(read), rendered);
  }

  static SecretSource.Readable bytes(String s) {
    return new SecretSource.Readable(s.getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void aSecretCalicoNodeCannotReadMeansSessionsWithoutPassword() {
    PasswordChecks.Result r = check(new SecretSource.Unreadable("service account kube-system/calico-node may not watch Secret bgp-secrets"), Map.of());
    assertThat(r.findings()).singleElement().satisfies(f -> {
      assertThat(f.code()).isEqualTo(Code.BGP_PASSWORD_UNREADABLE);
      assertThat(f.subject()).isEqualTo("secret/bgp-secrets/rr-password");
      assertThat(f.observed()).startsWith("service account kube-system/calico-node may not watch Secret bgp-secrets; confd renders BGPPeer rr-10-3-252-8 without a password");
    });
  }

  @Test
  void aSecretMadeFromAFileWithATrailingNewlineCanMatchNothingRenderRrUses() {
    PasswordChecks.Result r = check(bytes("s3cret\n"), Map.of());
    assertThat(r.findings()).singleElement().satisfies(f -> {
      assertThat(f.code()).isEqualTo(Code.BGP_PASSWORD_MISMATCH);
      assertThat(f.observed()).startsWith("the Secret holds 7 bytes and it ends in a newline").doesNotContain("s3cret");
    });
  }

  @Test
  void otherBytesThanRenderRrsAreAMismatchAndTheSameAreFine() {
    assertThat(check(bytes("other"), Map.of(REF, "s3cret")).findings()).singleElement().satisfies(f -> {
      assertThat(f.code()).isEqualTo(Code.BGP_PASSWORD_MISMATCH);
      assertThat(f.observed()).isEqualTo("the Secret holds other bytes (5 bytes; the file 6): BGPPeer rr-10-3-252-8 and the reflector disagree");
    });
    PasswordChecks.Result same = check(bytes("s3cret"), Map.of(REF, "s3cret"));
    assertThat(same.findings()).isEmpty();
    assertThat(same.subjects()).containsExactly("secret/bgp-secrets/rr-password");
  }

  @Test
  void whatCannotBeToldIsACheckThatDidNotRunAndSessionFindingsNameThePassword() {
    Checker checker = new Checker(new Intent(IpamConfig.DEFAULT, topo, List.of(), List.of()));
    ClusterState state = ClusterState.read(store);
    Report unknown = checker.run(CheckRequest.builder(EnumSet.of(CheckKind.CONFIG), NOW).state(state)
        .passwords(source(new SecretSource.Unknown("the API server is unreachable")), Map.of()).build()).report();
    assertThat(unknown.findings()).noneMatch(f -> f.code() == Code.BGP_PASSWORD_UNREADABLE);
    assertThat(unknown.checks()).anySatisfy(c -> {
      assertThat(c.name()).isEqualTo("bgp-passwords secret/bgp-secrets/rr-password");
      assertThat(c.ran()).isFalse();
      assertThat(c.reason()).isEqualTo("the API server is unreachable");
    });
    Report none = checker.run(CheckRequest.builder(EnumSet.of(CheckKind.CONFIG), NOW).state(state).build()).report();
    assertThat(none.checks()).anySatisfy(c -> assertThat(c.name()).isEqualTo("bgp-passwords"));

    Report unreadable = checker.run(CheckRequest.builder(EnumSet.of(CheckKind.CONFIG), NOW).state(state)
        .passwords(source(new SecretSource.Unreadable("no Secret bgp-secrets in namespace kube-system")), Map.of()).build()).report();
    assertThat(unreadable.findings()).extracting(io.netctl.validator.Finding::code).contains(Code.BGP_PASSWORD_UNREADABLE);
    assertThat(unreadable.checks()).anySatisfy(c -> assertThat(c.name()).isEqualTo("bgp-passwords (namespace kube-system)"));
  }
}
