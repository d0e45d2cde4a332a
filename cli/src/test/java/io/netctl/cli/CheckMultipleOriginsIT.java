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
import io.netctl.lab.Gobgp;
import io.netctl.lab.GobgpConfig;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code route-multiple-origins} from {@code netctl check}: node-c announces node-b's /27 as well as
 * its own (a stale block affinity, a re-used host). Four reflectors, each checked on its own (one
 * netctl.yaml per reflector), show what each way of looking sees:
 *
 * <pre>
 *   rr-bird  172.31.0.1  BIRD RR configured by netctl bgp render-rr: add paths tx toward netctl's monitor session
 *   rr-plain 172.31.0.4  BIRD RR, a plain session toward netctl (no ADD-PATH): its best path only
 *   rr-frr   172.31.0.5  FRR RR, BMP to netctl (pre-policy Adj-RIB-In per client, no ADD-PATH)
 *   rr-gobgp 172.31.0.6  GoBGP RR, ADD-PATH send toward netctl; BMP to netctl (Loc-RIB, pre- and post-policy)
 *   b        172.31.0.2  BIRD node-b: 10.3.240.0/27 (its allocation)
 *   c        172.31.0.3  BIRD node-c: 10.3.240.32/27 (its allocation) and 10.3.240.0/27 (node-b's)
 *   nc       172.31.0.9  netctl check (a process)
 * </pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckMultipleOriginsIT {
  static final ObjectMapper M = new ObjectMapper();
  static final Duration WAIT = Duration.ofSeconds(90);
  static final String POOL_B = "10.3.240.0/27";

  Lab lab;
  Path store;
  CheckBmpIT.NetctlProcess netctl;

  @BeforeAll
  void startLab() throws Exception {
    lab = Lab.create("multi-origin");
    try {
      Lab.Host rrBird = lab.host("rrb", "172.31.0.1/24");
      Lab.Host rrPlain = lab.host("rrp", "172.31.0.4/24");
      Lab.Host rrFrr = lab.host("rrf", "172.31.0.5/24");
      Lab.Host rrGobgp = lab.host("rrg", "172.31.0.6/24");
      Lab.Host b = lab.host("b", "172.31.0.2/24");
      Lab.Host c = lab.host("c", "172.31.0.3/24");
      Lab.Host nc = lab.host("nc", "172.31.0.9/24");
      netctl = new CheckBmpIT.NetctlProcess(nc);
      store = lab.dir().resolve("store.json");
      try (FileStore s = new FileStore(store)) {
        CalicoNodes.register(s, "node-b", "172.31.0.2/24");
        CalicoNodes.register(s, "node-c", "172.31.0.3/24");
        Allocator a = new Allocator(s, IpamConfig.DEFAULT, Clock.systemUTC());
        a.allocate("node-b", new IPAddressString("172.31.0.2").getAddress().toIPv4(), false);
        a.allocate("node-c", new IPAddressString("172.31.0.3").getAddress().toIPv4(), false);
      }
      for (String[] rr : new String[][] {{"rr-bird", "172.31.0.1"}, {"rr-plain", "172.31.0.4"}, {"rr-frr", "172.31.0.5"}, {"rr-gobgp", "172.31.0.6"}}) {
        Files.writeString(conf(rr[0]), "monitors: [172.31.0.9]\nrouteReflectors:\n  - {name: " + rr[0] + ", ip: " + rr[1] + ", clusterId: 1.0.0.1}\n");
      }
      Proc.Result render = netctl.run("bgp", "render-rr", "--rr", "rr-bird", "-c", conf("rr-bird").toString(), "--store", store.toString());
      assertThat(render.exitCode()).as(render.stderr()).isZero();
      assertThat(render.stdout()).contains("add paths tx;");
      Bird.start(rrBird, render.stdout().replace("log syslog all;", "")); // the lab kit logs BIRD to the daemon's log
      Bird.start(rrPlain, BirdConfig.reflector("172.31.0.4", "1.0.0.4").peer("172.31.0.2").peer("172.31.0.3").peer("172.31.0.9", "passive on;"));
      Frr.start(rrFrr, FrrConfig.reflector("172.31.0.5", "1.0.0.5").peer("172.31.0.2").peer("172.31.0.3").bmp("172.31.0.9", 11019));
      Gobgp.start(rrGobgp, GobgpConfig.reflector("172.31.0.6", "1.0.0.6").peer("172.31.0.2").peer("172.31.0.3").passivePeerWithAddPaths("172.31.0.9", 8)
          .bmp("172.31.0.9", 11020));
      List<String> reflectors = List.of("172.31.0.1", "172.31.0.4", "172.31.0.5", "172.31.0.6");
      BirdConfig nodeB = BirdConfig.node("172.31.0.2").announce(POOL_B);
      BirdConfig nodeC = BirdConfig.node("172.31.0.3").announce("10.3.240.32/27", POOL_B);
      reflectors.forEach(r -> {
        nodeB.peer(r);
        nodeC.peer(r);
      });
      Bird.start(b, nodeB).awaitEstablished(reflectors.toArray(String[]::new));
      Bird.start(c, nodeC).awaitEstablished(reflectors.toArray(String[]::new));
    } catch (Exception | Error e) {
      lab.close();
      throw e;
    }
  }

  @AfterAll
  void stopLab() {
    if (lab != null) {
      lab.close();
    }
  }

  Path conf(String rr) {
    return lab.dir().resolve(rr + ".yaml");
  }

  /** Polls {@code netctl check --scope routes} until its findings are {@code expected} (or {@code alternative}); returns the last report. */
  JsonNode expect(List<String> flags, Set<String> expected, Set<String> alternative) {
    JsonNode[] last = new JsonNode[1];
    try {
      Poll.until(WAIT, "findings " + expected, () -> {
        List<String> cmd = new ArrayList<>(List.of("check", "--scope", "routes", "--format", "json", "--settle", "2s", "--store", store.toString()));
        cmd.addAll(flags);
        Proc.Result r = netctl.run(cmd.toArray(String[]::new));
        try {
          last[0] = M.readTree(r.stdout());
        } catch (Exception e) {
          throw new AssertionError(r.stderr(), e);
        }
        Set<String> got = new TreeSet<>();
        last[0].get("findings").forEach(f -> got.add(f.get("code").asText() + " " + f.get("subject").asText()));
        return (got.equals(expected) || got.equals(alternative)) && r.exitCode() == (got.isEmpty() ? 0 : 1);
      });
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; last report: " + (last[0] == null ? "none" : last[0].toPrettyString()), e);
    }
    return last[0];
  }

  static JsonNode finding(JsonNode report) {
    return report.get("findings").get(0);
  }

  static void namesBothOriginators(JsonNode f) {
    assertThat(f.get("severity").asText()).isEqualTo("error");
    assertThat(f.get("expected").asText()).isEqualTo("announced by node-b (172.31.0.2) alone, which owns the allocation");
    assertThat(f.get("observed").asText()).startsWith("announced by originator 172.31.0.2 (node-b, owns the allocation), originator 172.31.0.3 (node-c)");
  }

  @Test
  void aBirdReflectorConfiguredByRenderRrSendsEveryPathToTheMonitor() {
    JsonNode r = expect(List.of("--monitor", "-c", conf("rr-bird").toString()), Set.of("route-multiple-origins rr-bird " + POOL_B), Set.of());
    namesBothOriginators(finding(r));
  }

  @Test
  void aGobgpReflectorWithAddPathSendToo() {
    JsonNode r = expect(List.of("--monitor", "-c", conf("rr-gobgp").toString()), Set.of("route-multiple-origins rr-gobgp " + POOL_B), Set.of());
    namesBothOriginators(finding(r));
  }

  @Test
  void frrsBmpPrePolicyAdjRibInShowsItWithoutAddPath() {
    JsonNode r = expect(List.of("--bmp-listen", "172.31.0.9:11019", "--bmp-wait", "20s", "-c", conf("rr-frr").toString()),
        Set.of("route-multiple-origins rr-frr (BMP) " + POOL_B), Set.of());
    namesBothOriginators(finding(r));
  }

  /** GoBGP reports its Loc-RIB (the best path only) and its Adj-RIB-Ins: the other origin comes from the latter. */
  @Test
  void gobgpsBmpWithALocRibShowsItToo() {
    JsonNode r = expect(List.of("--bmp-listen", "172.31.0.9:11020", "--bmp-wait", "20s", "-c", conf("rr-gobgp").toString()),
        Set.of("route-multiple-origins rr-gobgp (BMP) " + POOL_B), Set.of());
    namesBothOriginators(finding(r));
  }

  /**
   * What a reflector hides: without ADD-PATH the session carries its best path only (node-b's: the
   * lower ORIGINATOR_ID wins BIRD's tie-break), so the check cannot see node-c's announcement and
   * has nothing to say (or, had node-c's path won, only a wrong next hop).
   */
  @Test
  void withoutAddPathTheDuplicateIsInvisible() {
    JsonNode r = expect(List.of("--monitor", "-c", conf("rr-plain").toString()), Set.of(), Set.of("route-wrong-next-hop rr-plain " + POOL_B));
    assertThat(r.toString()).doesNotContain("route-multiple-origins");
  }
}
