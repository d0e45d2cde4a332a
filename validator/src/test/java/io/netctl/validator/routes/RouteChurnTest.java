package io.netctl.validator.routes;

import static org.assertj.core.api.Assertions.assertThat;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.netctl.bgp.session.SessionEvent;
import io.netctl.bgp.session.SessionListener;
import io.netctl.bgp.session.SessionState;
import io.netctl.bgp.wire.AddressFamily;
import io.netctl.bgp.wire.Prefix;
import io.netctl.ipam.Allocation;
import io.netctl.validator.Code;
import io.netctl.validator.Finding;
import io.netctl.validator.Report;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Route churn counted per pool and source, in a window of a clock the test drives. */
class RouteChurnTest {
  static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  static final List<IPAddress> RANGES = List.of(new IPAddressString("10.3.240.0/21").getAddress());
  static final String A = "10.3.240.0/27";
  static final String B = "10.3.240.32/27";
  static final List<Allocation> ALLOC = List.of(RouteChecksTest.alloc("node-b", A, "172.31.0.2"), RouteChecksTest.alloc("node-c", B, "172.31.0.3"));

  /** A clock the test moves. */
  static final class Driven extends Clock {
    Instant now = T0;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }
  }

  final Driven clock = new Driven();
  final RouteChurn churn = new RouteChurn(clock, RANGES, Duration.ofMinutes(10));

  /** Five withdraw–announce cycles of {@code pool}, one change a second. */
  void toggle(String pool, String source, int times) {
    for (int i = 0; i < times; i++) {
      churn.withdrawn(pool, source);
      clock.advance(Duration.ofSeconds(1));
      churn.announced(pool, source, "172.31.0.2");
      clock.advance(Duration.ofSeconds(1));
    }
  }

  @Test
  void tenChangesWithinTheWindowAreRouteFlappingNamingTheOriginatorAndOwner() {
    toggle(A, "rr-1", 5);
    RouteChurn.Key k = new RouteChurn.Key(A, "rr-1");
    assertThat(churn.total(k)).isEqualTo(10);
    Report r = RouteFlappingCheck.check(churn, ChurnLimit.DEFAULT, ALLOC);
    assertThat(r.findings()).extracting(Finding::code, Finding::subject).containsExactly(org.assertj.core.groups.Tuple.tuple(Code.ROUTE_FLAPPING, A + " at rr-1"));
    assertThat(r.findings().get(0).observed())
        .isEqualTo("10 within 10m (5 announcements, 5 withdrawals in all); originator 172.31.0.2; allocated to node node-b (172.31.0.2)");
    assertThat(r.findings().get(0).expected()).isEqualTo("fewer than 10 announcements and withdrawals within 10m");
  }

  @Test
  void changesOlderThanTheWindowNoLongerCountButTheTotalKeepsThem() {
    toggle(A, "rr-1", 5);
    clock.advance(Duration.ofMinutes(10));
    toggle(A, "rr-1", 1);
    assertThat(churn.snapshot(Duration.ofMinutes(10))).singleElement().satisfies(c -> {
      assertThat(c.recent()).isEqualTo(2);
      assertThat(c.total()).isEqualTo(12);
    });
    assertThat(RouteFlappingCheck.check(churn, ChurnLimit.DEFAULT, ALLOC).findings()).isEmpty();
  }

  @Test
  void nineChangesAreNotFlappingAndOtherSourcesAndPoolsCountApart() {
    toggle(A, "rr-1", 4);
    churn.withdrawn(A, "rr-1");
    toggle(A, "rr-2", 5);
    churn.announced(B, "rr-1", "172.31.0.3");
    Report r = RouteFlappingCheck.check(churn, ChurnLimit.DEFAULT, ALLOC);
    assertThat(r.findings()).extracting(Finding::subject).containsExactly(A + " at rr-2");
    assertThat(r.checks().get(0).subjects()).containsExactly(A + " at rr-1", A + " at rr-2", B + " at rr-1");
    assertThat(churn.total(new RouteChurn.Key(A, "rr-1"))).isEqualTo(9);
    assertThat(churn.total(new RouteChurn.Key(B, "rr-1"))).isEqualTo(1);
    assertThat(churn.total(new RouteChurn.Key(B, "rr-2"))).isZero();
  }

  @Test
  void aStablePoolNeverGetsItAndPrefixesOutsideTheRangesAreNotCounted() {
    churn.announced(B, "rr-1", "172.31.0.3");
    for (int i = 0; i < 100; i++) {
      churn.announced("192.0.2.0/24", "rr-1", "172.31.0.9");
      churn.withdrawn("192.0.2.0/24", "rr-1");
      clock.advance(Duration.ofMinutes(1));
    }
    assertThat(churn.keys()).containsExactly(new RouteChurn.Key(B, "rr-1"));
    assertThat(RouteFlappingCheck.check(churn, new ChurnLimit(2, Duration.ofHours(24)), ALLOC).findings()).isEmpty();
  }

  @Test
  void aSessionsInitialTableAndItsOwnLossAreNoChanges() {
    SessionListener l = churn.listener("rr-1");
    Prefix a = Prefix.parse(A);
    l.onEvent(new SessionEvent.StateChanged("rr-1", SessionState.OPEN_CONFIRM, SessionState.ESTABLISHED, null, T0));
    l.onEvent(new SessionEvent.RouteWithdrawn("rr-1", a)); // before End-of-RIB: part of the initial exchange
    l.onEvent(new SessionEvent.EndOfRib("rr-1", AddressFamily.IPV4_UNICAST, 1));
    l.onEvent(new SessionEvent.RouteWithdrawn("rr-1", a));
    assertThat(churn.total(new RouteChurn.Key(A, "rr-1"))).isEqualTo(1);
    l.onEvent(new SessionEvent.StateChanged("rr-1", SessionState.ESTABLISHED, SessionState.IDLE, "hold timer expired", T0));
    l.onEvent(new SessionEvent.RibCleared("rr-1", 1));
    l.onEvent(new SessionEvent.StateChanged("rr-1", SessionState.OPEN_CONFIRM, SessionState.ESTABLISHED, null, T0));
    l.onEvent(new SessionEvent.RouteWithdrawn("rr-1", a)); // the new session's table again: not counted
    assertThat(churn.total(new RouteChurn.Key(A, "rr-1"))).isEqualTo(1);
  }

  /**
   * A BMP feed (FRR sends no per-peer End-of-RIB): a prefix's first announcement in a peer's pre-policy
   * Adj-RIB-In since its Peer Up is its state; withdrawals and re-announcements are changes; post-policy and
   * Loc-RIB do not count again; a new Peer Up starts over.
   */
  @Test
  void aBmpFeedCountsPrePolicyChangesAfterEachPrefixsFirstAnnouncement() {
    io.netctl.bgp.bmp.MonitoredPeer pre = new io.netctl.bgp.bmp.MonitoredPeer("172.31.0.2", 64512, 0, io.netctl.bgp.bmp.MonitoredPeer.View.PRE_POLICY);
    io.netctl.bgp.bmp.MonitoredPeer post = new io.netctl.bgp.bmp.MonitoredPeer("172.31.0.2", 64512, 0, io.netctl.bgp.bmp.MonitoredPeer.View.POST_POLICY);
    Prefix a = Prefix.parse(A);
    io.netctl.bgp.rib.Route route = new io.netctl.bgp.rib.Route(a, null);
    String src = "rr-2 (BMP)";
    churn.bmp(src, new io.netctl.bgp.bmp.BmpEvent.RouteAnnounced("172.31.0.5", pre, route)); // the initial dump
    churn.bmp(src, new io.netctl.bgp.bmp.BmpEvent.RouteAnnounced("172.31.0.5", post, route));
    assertThat(churn.keys()).isEmpty();
    churn.bmp(src, new io.netctl.bgp.bmp.BmpEvent.RouteWithdrawn("172.31.0.5", pre, a, io.netctl.bgp.rib.Route.NO_PATH_ID));
    churn.bmp(src, new io.netctl.bgp.bmp.BmpEvent.RouteWithdrawn("172.31.0.5", post, a, io.netctl.bgp.rib.Route.NO_PATH_ID));
    churn.bmp(src, new io.netctl.bgp.bmp.BmpEvent.RouteAnnounced("172.31.0.5", pre, route));
    assertThat(churn.total(new RouteChurn.Key(A, src))).isEqualTo(2);
    churn.bmp(src, new io.netctl.bgp.bmp.BmpEvent.PeerDown("172.31.0.5", pre, "peer down", 1));
    churn.bmp(src, new io.netctl.bgp.bmp.BmpEvent.RouteAnnounced("172.31.0.5", pre, route)); // the next session's dump
    churn.bmp(src, new io.netctl.bgp.bmp.BmpEvent.RouteWithdrawn("172.31.0.5", pre, Prefix.parse(B), io.netctl.bgp.rib.Route.NO_PATH_ID));
    assertThat(churn.total(new RouteChurn.Key(A, src))).isEqualTo(2);
    assertThat(churn.total(new RouteChurn.Key(B, src))).isZero();
  }
}
