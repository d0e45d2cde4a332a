package io.netctl.cli.controller;

import static org.assertj.core.api.Assertions.assertThat;

import inet.ipaddr.IPAddressString;
import io.netctl.bgp.calico.BgpTopology;
import io.netctl.bgp.calico.RouteReflector;
import io.netctl.cli.config.NetctlConfig;
import io.netctl.ipam.Allocator;
import io.netctl.ipam.IpamConfig;
import io.netctl.ipam.store.MemoryStore;
import io.netctl.lab.EtcdCluster;
import io.netctl.lab.Poll;
import io.netctl.validator.observe.BmpFeed;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The controller's drift check with its BMP feed on a replayed capture (FRR 8.4.4 reporting its
 * session to a reflector, which went down with a Cease and came back): the peer's session, its flap
 * and the session findings, read while the feed stays open.
 */
class NetworkDriftCheckBmpTest {
  @Test
  void aReplayedFeedGivesSessionsFlapsAndFindings() throws Exception {
    MemoryStore store = new MemoryStore();
    // the capture's monitored peer 172.31.9.1 plays a node with an allocation; a second node never reports
    Allocator a = new Allocator(store, IpamConfig.DEFAULT, Clock.systemUTC());
    a.allocate("node-x", new IPAddressString("172.31.9.1").getAddress().toIPv4(), false);
    a.allocate("node-y", new IPAddressString("172.31.9.7").getAddress().toIPv4(), false);
    // the replaying socket comes from 127.0.0.1: that is the "route reflector" of this topology
    NetctlConfig cfg = new NetctlConfig("test", IpamConfig.DEFAULT, new BgpTopology(64512, List.of(
        new RouteReflector("rr-cap", new IPAddressString("127.0.0.1").getAddress().toIPv4(), new IPAddressString("1.0.0.1").getAddress().toIPv4(), Map.of())),
        List.of(), null), List.of());
    int port = EtcdCluster.freePort();
    try (BmpFeed.Live feed = new BmpFeed.Live(new InetSocketAddress("127.0.0.1", port))) {
      NetworkDriftCheck check = new NetworkDriftCheck(store, cfg.intent(), null, feed, Clock.systemUTC());
      assertThat(check.run().report().checks()).anyMatch(c -> !c.ran() && c.reason().contains("no BMP feed"));
      try (Socket s = new Socket("127.0.0.1", port); OutputStream out = s.getOutputStream()) {
        out.write(io.netctl.cli.BmpCapture.frr());
        out.flush();
        Drift seen = Poll.forValue(Duration.ofSeconds(10), "the replayed peer up again after its flap", () -> {
          Drift d = check.run();
          return d.sessions().stream().anyMatch(p -> p.peer().equals("rr-cap -> 172.31.9.1") && p.fsmState() == 6 && p.flaps() == 1) ? d : null;
        });
        assertThat(seen.report().checks()).filteredOn(c -> c.kind() == io.netctl.validator.CheckKind.SESSIONS).allMatch(c -> c.ran());
        assertThat(seen.sessions()).singleElement().satisfies(p -> {
          assertThat(p.peer()).isEqualTo("rr-cap -> 172.31.9.1");
          assertThat(p.fsmState()).isEqualTo(6);
          assertThat(p.flaps()).as("one down, reported by two views").isEqualTo(1);
        });
        assertThat(seen.report().findings()).anyMatch(f -> f.code() == io.netctl.validator.Code.SESSION_MISSING && f.subject().equals("rr-cap -> 172.31.9.7"));
        // the capture's peer runs BIRD's default (graceful restart aware: no family), which its Peer Up's received OPEN shows
        assertThat(seen.report().findings()).filteredOn(f -> f.subject().equals("rr-cap -> 172.31.9.1")).singleElement().satisfies(f -> {
          assertThat(f.code()).isEqualTo(io.netctl.validator.Code.GRACEFUL_RESTART_OFF);
          assertThat(f.observed()).startsWith("node: graceful restart aware only (restart time 120 s").endsWith("(BMP Peer Up)");
        });
      }
    }
  }
}
