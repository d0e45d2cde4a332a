package io.netctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import inet.ipaddr.IPAddressString;
import io.netctl.ipam.Allocator;
import io.netctl.ipam.IpamConfig;
import io.netctl.ipam.store.FileStore;
import io.netctl.lab.Bird;
import io.netctl.lab.BirdConfig;
import io.netctl.lab.Frr;
import io.netctl.lab.FrrConfig;
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
    try (Lab lab = Lab.create("check-bmp")) {
      Lab.Host rr = lab.host("rr", "172.31.0.5/24");
      Lab.Host b = lab.host("b", "172.31.0.2/24");
      Lab.Host c = lab.host("c", "172.31.0.3/24");
      Lab.Host nc = lab.host("nc", "172.31.0.9/24");
      Path store = lab.dir().resolve("store.json");
      try (FileStore s = new FileStore(store)) {
        CalicoNodes.register(s, "node-b", "172.31.0.2/24"); // calico-node has registered them: complete allocations
        CalicoNodes.register(s, "node-c", "172.31.0.3/24");
        Allocator a = new Allocator(s, IpamConfig.DEFAULT, Clock.systemUTC());
        a.allocate("node-b", new IPAddressString("172.31.0.2").getAddress().toIPv4(), false);
        a.allocate("node-c", new IPAddressString("172.31.0.3").getAddress().toIPv4(), false);
      }
      Path conf = lab.dir().resolve("netctl.yaml");
      Files.writeString(conf, "routeReflectors:\n  - {name: rr-frr, ip: 172.31.0.5, clusterId: 1.0.0.5}\n");

      Frr.start(rr, FrrConfig.reflector("172.31.0.5", "1.0.0.5").peer("172.31.0.2").peer("172.31.0.3").bmp("172.31.0.9", 11019));
      // graceful restart as calico-node's confd renders it (else each session is graceful-restart-off)
      Bird birdB = Bird.start(b, BirdConfig.node("172.31.0.2").announce("10.3.240.0/27").option("graceful restart;").peer("172.31.0.5"));
      Bird birdC = Bird.start(c, BirdConfig.node("172.31.0.3").announce("10.3.240.32/27").option("graceful restart;").peer("172.31.0.5"));
      birdB.awaitEstablished("172.31.0.5");
      birdC.awaitEstablished("172.31.0.5");
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
