package io.netctl.validator.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.netctl.lab.Bird;
import io.netctl.lab.BirdConfig;
import io.netctl.lab.Frr;
import io.netctl.lab.FrrConfig;
import io.netctl.lab.Lab;
import io.netctl.lab.Poll;
import io.netctl.lab.Proc;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Route churn from a real BMP feed: an FRR reflector sends BMP (pre-policy Adj-RIB-In per peer) to
 * {@link BmpChurnProbe} (netctl's {@code BmpFeed.Live} and {@link RouteChurn}, as the controller
 * with {@code --bmp-listen} runs them) in namespace nc; BIRD node b toggles its static protocol
 * five times, each toggle once the previous change was counted: ten changes of b's /27 at the
 * reflector, none of c's.
 *
 * <pre>
 *   rr 172.31.0.5 FRR RR, BMP to 172.31.0.9:11019; b 172.31.0.2 10.3.240.0/27; c 172.31.0.3 10.3.240.32/27; nc 172.31.0.9 the probe
 * </pre>
 */
class BmpChurnIT {
  static final Duration WAIT = Duration.ofSeconds(60);
  static final String A = "10.3.240.0/27";
  static final String B = "10.3.240.32/27";

  /** The probe's last report: lines {@code CHURN POOL SOURCE ANNOUNCEMENTS WITHDRAWALS ORIGINATOR}. */
  static List<String[]> report(Proc.Daemon probe) {
    String text = probe.logText();
    int end = text.lastIndexOf("END\n");
    if (end < 0) {
      return List.of();
    }
    int start = text.lastIndexOf("END\n", end - 1);
    List<String[]> out = new ArrayList<>();
    for (String line : text.substring(start < 0 ? 0 : start + 4, end).split("\n")) {
      if (line.startsWith("CHURN ")) {
        out.add(line.split(" "));
      }
    }
    return out;
  }

  static long changes(Proc.Daemon probe, String pool) {
    return report(probe).stream().filter(f -> f[1].equals(pool)).mapToLong(f -> Long.parseLong(f[3]) + Long.parseLong(f[4])).sum();
  }

  @Test
  void aToggledStaticProtocolIsTenChangesInTheBmpFeed() {
    Proc.requireBinaries("java");
    try (Lab lab = Lab.create("bmpchurn")) {
      Lab.Host rr = lab.host("rr", "172.31.0.5/24");
      Lab.Host b = lab.host("b", "172.31.0.2/24");
      Lab.Host c = lab.host("c", "172.31.0.3/24");
      Lab.Host nc = lab.host("nc", "172.31.0.9/24");
      Proc.Daemon probe = nc.start("probe.log", "java", "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
          System.getProperty("java.class.path"), BmpChurnProbe.class.getName(), "11019");
      Poll.until(WAIT, () -> "the probe listening\n" + probe.logText(), () -> probe.logText().contains("LISTENING") || !probe.alive());
      Frr frr = Frr.start(rr, FrrConfig.reflector("172.31.0.5", "1.0.0.5").peer("172.31.0.2").peer("172.31.0.3").bmp("172.31.0.9", 11019));
      Bird nodeB = Bird.start(b, BirdConfig.node("172.31.0.2").announce(A).peer("172.31.0.5"));
      Bird.start(c, BirdConfig.node("172.31.0.3").announce(B).peer("172.31.0.5"));
      frr.awaitRoutes(A, B);
      // the toggles start once the feed's initial dump reached netctl (else its first withdrawal would be of a prefix it never saw)
      Poll.until(WAIT, () -> "both /27s in the feed\n" + probe.logText(), () -> probe.logText().contains("ROUTES " + A + "," + B));
      for (int i = 1; i <= 10; i++) {
        int n = i;
        nodeB.birdc(n % 2 == 1 ? "disable" : "enable", "blocks");
        Poll.until(WAIT, () -> "change " + n + " of b's /27 counted\n" + probe.logText().lines().map(l -> l.length() > 300 ? l.substring(0, 300) : l).collect(java.util.stream.Collectors.joining("\n")), () -> changes(probe, A) == n);
      }
      List<String[]> last = report(probe);
      assertThat(last).hasSize(1);
      assertThat(last.get(0)[1]).isEqualTo(A);
      assertThat(last.get(0)[2]).isEqualTo("172.31.0.5_(BMP)");
      assertThat(last.get(0)[3]).isEqualTo("5");
      assertThat(last.get(0)[4]).isEqualTo("5");
      assertThat(changes(probe, B)).isZero();
    }
  }
}
