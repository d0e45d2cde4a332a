package io.netctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import inet.ipaddr.IPAddressString;
import io.netctl.ipam.Allocator;
import io.netctl.ipam.IpamConfig;
import io.netctl.ipam.store.FileStore;
import io.netctl.lab.Lab;
import io.netctl.lab.Poll;
import io.netctl.lab.Proc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@code netctl check --bmp-listen} against an FRR route reflector that reports its clients over BMP:
 * two BIRD clients each announcing their allocated /27. Healthy: the BMP feed shows both sessions up
 * and both pools, and the check has no finding; with one client's BIRD stopped: its session is
 * missing and its pool is missing.
 *
 * <pre>
 *   rr 172.31.0.5 FRR bgpd -M bmp, RR, BMP to .9     b 172.31.0.2 BIRD, 10.3.240.0/27
 *   nc 172.31.0.9 netctl check (a process)           c 172.31.0.3 BIRD, 10.3.240.32/27
 * </pre>
 */
class CheckBmpIT {
  static final ObjectMapper M = new ObjectMapper();
  static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void theReflectorsBmpFeedShowsItsSessionsAndRoutes() throws Exception {
    Proc.requireBinaries("bird", "birdc", "/usr/lib/frr/bgpd", "ip");
    try (Lab lab = Lab.create("check-bmp")) {
      Lab.Host rr = lab.host("rr", "172.31.0.5/24");
      Lab.Host b = lab.host("b", "172.31.0.2/24");
      Lab.Host c = lab.host("c", "172.31.0.3/24");
      Lab.Host nc = lab.host("nc", "172.31.0.9/24");
      Path store = lab.dir().resolve("store.json");
      try (FileStore s = new FileStore(store)) {
        Allocator a = new Allocator(s, IpamConfig.DEFAULT, Clock.systemUTC());
        a.allocate("node-b", new IPAddressString("172.31.0.2").getAddress().toIPv4(), false);
        a.allocate("node-c", new IPAddressString("172.31.0.3").getAddress().toIPv4(), false);
      }
      Path conf = lab.dir().resolve("netctl.yaml");
      Files.writeString(conf, "routeReflectors:\n  - {name: rr-frr, ip: 172.31.0.5, clusterId: 1.0.0.5}\n");

      Path run = lab.dir().resolve("rr-run");
      Files.createDirectories(run);
      Path frrConf = lab.dir().resolve("rr.conf");
      Files.writeString(frrConf, """
          frr defaults traditional
          hostname rr
          log stdout
          !
          router bgp 64512
           bgp router-id 172.31.0.5
           bgp cluster-id 1.0.0.5
           no bgp ebgp-requires-policy
           timers bgp 3 9
           neighbor 172.31.0.2 remote-as 64512
           neighbor 172.31.0.2 timers connect 1
           neighbor 172.31.0.3 remote-as 64512
           neighbor 172.31.0.3 timers connect 1
           address-family ipv4 unicast
            neighbor 172.31.0.2 route-reflector-client
            neighbor 172.31.0.2 soft-reconfiguration inbound
            neighbor 172.31.0.3 route-reflector-client
            neighbor 172.31.0.3 soft-reconfiguration inbound
           exit-address-family
           !
           bmp targets collector
            bmp monitor ipv4 unicast pre-policy
            bmp monitor ipv4 unicast post-policy
            bmp connect 172.31.0.9 port 11019 min-retry 500 max-retry 1000
           exit
          !
          """);
      rr.start("rr.log", "/usr/lib/frr/bgpd", "-f", frrConf.toString(), "-Z", "-S", "-n", "-M", "bmp",
          "-i", run.resolve("bgpd.pid").toString(), "--vty_socket", run.toString(), "-A", "127.0.0.1");
      Proc.Daemon birdC = null;
      for (Lab.Host h : List.of(b, c)) {
        String ip = h.ip();
        String pool = ip.endsWith(".2") ? "10.3.240.0/27" : "10.3.240.32/27";
        Path p = lab.dir().resolve(h.ns() + ".conf");
        Files.writeString(p, """
            router id %s;
            protocol device { scan time 10; }
            protocol static blocks { ipv4; route %s blackhole; }
            protocol bgp Global_172_31_0_5 {
              local %s as 64512; neighbor 172.31.0.5 as 64512; direct;
              connect retry time 1; error wait time 1, 2; hold time 9;
              ipv4 { import all; export where source = RTS_STATIC; };
            }
            """.formatted(ip, pool, ip));
        Proc.Daemon d = h.start(h.ns() + ".log", "bird", "-f", "-c", p.toString(), "-s", lab.dir().resolve(h.ns() + ".ctl").toString());
        if (ip.endsWith(".3")) {
          birdC = d;
        }
      }
      for (Lab.Host h : List.of(b, c)) {
        Poll.until(WAIT, h + " Established with the reflector",
            () -> Proc.run("birdc", "-s", lab.dir().resolve(h.ns() + ".ctl").toString(), "show", "protocols").stdout().contains("Established"));
      }
      NetctlProcess netctl = new NetctlProcess(nc);
      expect(netctl, conf, store, Set.of());

      birdC.stop(Duration.ofSeconds(10));
      // FRR reports the stopped client with a Peer Down and its reason (the client's Cease); a router
      // that only reports peers that are up would make it a missing session instead
      JsonNode broken = expect(netctl, conf, store, Set.of("session-not-established rr-frr -> 172.31.0.3", "route-missing 10.3.240.32/27"),
          Set.of("session-missing rr-frr -> 172.31.0.3", "route-missing 10.3.240.32/27"));
      assertThat(broken.toString()).containsAnyOf("Cease", "no BMP Peer Up");
    }
  }

  static JsonNode expect(NetctlProcess netctl, Path conf, Path store, Set<String> expected) {
    return expect(netctl, conf, store, expected, expected);
  }

  /** Polls the check until its findings are {@code expected} or {@code alternative}. */
  static JsonNode expect(NetctlProcess netctl, Path conf, Path store, Set<String> expected, Set<String> alternative) {
    JsonNode[] last = new JsonNode[1];
    try {
      Poll.until(WAIT, "findings " + expected, () -> {
        Proc.Result r = netctl.run("check", "--bmp-listen", "172.31.0.9:11019", "--bmp-wait", "20s", "--settle", "2s",
            "--scope", "sessions,routes", "--format", "json", "-c", conf.toString(), "--store", store.toString());
        try {
          last[0] = M.readTree(r.stdout());
        } catch (Exception e) {
          throw new AssertionError(r.stderr(), e);
        }
        Set<String> got = new TreeSet<>();
        last[0].get("findings").forEach(f -> got.add(f.get("code").asText() + " " + f.get("subject").asText()));
        return (got.equals(expected) || got.equals(alternative)) && (expected.isEmpty() ? r.exitCode() == 0 : r.exitCode() == 1);
      });
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; last report: " + (last[0] == null ? "none" : last[0].toPrettyString()), e);
    }
    assertThat(last[0].get("checks")).anyMatch(ch -> ch.get("name").asText().equals("sessions rr-frr (BMP)") && ch.get("ran").asBoolean());
    assertThat(last[0].get("checks")).anyMatch(ch -> ch.get("name").asText().equals("routes completeness") && ch.get("ran").asBoolean());
    return last[0];
  }

  /** netctl's runnable jar as a process in a lab namespace. */
  record NetctlProcess(Lab.Host host) {
    Proc.Result run(String... args) {
      List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
      cmd.addAll(List.of(args));
      return host.exec(cmd.toArray(String[]::new));
    }
  }
}
