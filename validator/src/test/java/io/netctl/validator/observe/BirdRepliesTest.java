package io.netctl.validator.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code show protocols all} from BIRD 2.0.12, captured in the lab from a speaker at 172.31.9.1
 * with two Calico-named protocols: Global_172_31_9_2 (Established, then after the peer stopped:
 * Active, "Received: Administrative shutdown") and Global_172_31_9_3 (no such host: Active,
 * "Socket: No route to host").
 */
class BirdRepliesTest {
  static List<String> capture(String name) throws IOException {
    try (var in = BirdRepliesTest.class.getResourceAsStream("/observe/" + name)) {
      List<String> lines = Arrays.asList(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
      return lines.subList(1, lines.size()); // the 0001 banner is read by the socket client
    }
  }

  @Test
  void establishedAndConnectingPeers() throws IOException {
    List<BirdProtocolStatus> ps = BirdReplies.protocols(capture("bird-show-protocols-all-up.txt"));
    assertThat(ps).extracting(BirdProtocolStatus::name).containsExactly("device1", "blocks", "kernel1", "Global_172_31_9_2", "Global_172_31_9_3");
    BirdProtocolStatus up = ps.get(3);
    assertThat(up.bgp()).isTrue();
    assertThat(up.established()).isTrue();
    assertThat(up.fsmState()).hasValue(6);
    assertThat(up.neighborAddress()).isEqualTo("172.31.9.2");
    assertThat(up.neighborAs()).hasValue(64512);
    assertThat(up.routesImported()).hasValue(1);
    assertThat(up.state()).isEqualTo("up");
    assertThat(up.since()).isEqualTo("17:08:01.723");
    BirdProtocolStatus connecting = ps.get(4);
    assertThat(connecting.bgpState()).isEqualTo("Active");
    assertThat(connecting.fsmState()).hasValue(3);
    assertThat(connecting.lastError()).isEqualTo("Socket: No route to host");
    assertThat(connecting.routesImported()).isEmpty();
    assertThat(ps.get(1).fsmState()).as("not BGP").isEmpty();
    assertThat(ps.get(1).routesImported()).hasValue(1);
  }

  @Test
  void aPeerThatWentDownKeepsItsLastError() throws IOException {
    List<BirdProtocolStatus> ps = BirdReplies.protocols(capture("bird-show-protocols-all-down.txt"));
    BirdProtocolStatus down = ps.stream().filter(p -> p.name().equals("Global_172_31_9_2")).findFirst().orElseThrow();
    assertThat(down.established()).isFalse();
    assertThat(down.bgpState()).isEqualTo("Active");
    assertThat(down.fsmState()).hasValue(3);
    assertThat(down.lastError()).isEqualTo("Received: Administrative shutdown");
    assertThat(down.state()).isEqualTo("start");
  }

  @Test
  void plainShowProtocolsRowsAreContinuations() {
    // "show protocols" (what calicoctl node status sends): the first row is 1002-, the others start with a space
    List<String> reply = List.of(
        "2002-Name       Proto      Table      State  Since         Info",
        "1002-device1    Device     ---        up     17:07:57.471  ",
        " Global_172_31_9_2 BGP        ---        start  17:08:07.429  Active        Socket: Connection refused",
        "0000 ");
    List<BirdProtocolStatus> ps = BirdReplies.protocols(reply);
    assertThat(ps).hasSize(2);
    assertThat(ps.get(1).bgpState()).isEqualTo("Active");
    assertThat(ps.get(1).lastError()).isEqualTo("Socket: Connection refused");
    assertThat(ps.get(1).neighborAddress()).isNull();
  }

  @Test
  void errorRepliesAndGarbageAreRefused() {
    assertThatThrownBy(() -> BirdReplies.protocols(List.of("9001 syntax error, unexpected CF_SYM_UNDEFINED")))
        .hasMessage("BIRD refused the command: syntax error, unexpected CF_SYM_UNDEFINED");
    assertThatThrownBy(() -> BirdReplies.lines(List.of("hello"))).hasMessageContaining("unexpected line from BIRD: hello");
  }

  @Test
  void aLineWithACarriageReturnIsRefusedOnOneLine() {
    // found by BirdRepliesFuzzTest (seeds carriage-return-in-detail-line, carriage-return-after-code): the \r
    // went into the message, which then printed as two lines
    assertThatThrownBy(() -> BirdReplies.protocols(List.of("1002-device1    Device     ---        up     17:07:57.471", "\r     Route change stats:")))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("unexpected line from BIRD: ?     Route change stats:");
    assertThatThrownBy(() -> BirdReplies.protocols(List.of("1006\r")))
        .hasMessage("unexpected line from BIRD: 1006?");
    assertThatThrownBy(() -> BirdReplies.protocols(List.of("8003 no\rsuch")))
        .hasMessage("BIRD refused the command: no?such");
  }

  @Test
  void aCodeIsFourAsciiDigitsAndANumberBeyondALongIsNone() {
    assertThatThrownBy(() -> BirdReplies.lines(List.of("1abc-x"))).isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("unexpected line from BIRD: 1abc-x");
    List<BirdProtocolStatus> ps = BirdReplies.protocols(List.of(
        "1002-bgp1       BGP        ---        up     17:08:07.429  Established",
        "1006-  Routes:         1234567890123456789012345 imported, 0 exported",
        "0000 "));
    assertThat(ps.get(0).routesImported()).isEmpty();
  }

  /**
   * {@code show bfd sessions} from BIRD 2.0.12 in a lab (172.31.77.1, multihop BFD 100 ms x 3): a session Up with
   * 172.31.77.2, one Down with 172.31.77.3 (no such host); the rows are continuation lines of code 1020.
   */
  @Test
  void bfdSessionsUpAndDown() throws IOException {
    List<BfdSession> s = BirdReplies.bfdSessions(capture("bird-show-bfd-sessions.txt"));
    assertThat(s).containsExactly(
        new BfdSession("bfd1", "172.31.77.2", "---", "Up", "09:07:47.894", "0.100", "0.300"),
        new BfdSession("bfd1", "172.31.77.3", "---", "Down", "09:07:47.137", "1.000", "0.000"));
    assertThat(s.get(0).up()).isTrue();
    assertThat(s.get(1).stateNumber()).isEqualTo(1);
    assertThat(BirdReplies.bfdSessions(List.of("1020-bfd1: is not up", "0000 "))).isEmpty();
    assertThatThrownBy(() -> BirdReplies.bfdSessions(List.of("1020-bfd1:", " 172.31.77.2 --- Sideways 09:07:47.894 0.100 0.300", "0000 ")))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown BFD state Sideways");
    assertThatThrownBy(() -> BirdReplies.bfdSessions(List.of("1020-bfd1:", " nonsense row", "0000 ")))
        .hasMessageStartingWith("BIRD BFD session row is not ADDRESS INTERFACE STATE SINCE INTERVAL TIMEOUT");
  }

  /** The negotiated hold time of an Established session ({@code Hold timer: 4.368/6}), from the same lab's other end. */
  @Test
  void holdTimesOfEstablishedSessions() throws IOException {
    assertThat(BirdReplies.holdTimes(capture("bird-show-protocols-all-hold-6.txt"))).containsExactly(java.util.Map.entry("172.31.77.1", 6));
    assertThat(BirdReplies.holdTimes(capture("bird-show-protocols-all-down.txt"))).isEmpty();
  }

  /**
   * Captured from BIRD 2.0.12 in the lab: a reflector 172.31.250.1 ({@code graceful restart on},
   * {@code long lived graceful restart on}) with node .2 ({@code graceful restart on}, time 120,
   * long-lived stale time 3600), node .3 (BIRD's default: aware) and node .4 ({@code graceful restart
   * on}; the reflector's session with it {@code graceful restart off}); then the three nodes SIGKILLed.
   */
  @Test
  void gracefulRestartCapabilitiesOfEachSideAndARestartInProgress() throws IOException {
    List<BirdProtocolStatus> up = BirdReplies.protocols(capture("bird-show-protocols-all-graceful-restart-up.txt"));
    assertThat(up).extracting(BirdProtocolStatus::name).containsExactly("device1", "Global_172_31_250_2", "Global_172_31_250_3", "Global_172_31_250_4");
    assertThat(up.get(0).restart()).isEqualTo(BirdRestart.UNKNOWN);
    RestartCapabilities reflector = new RestartCapabilities(true, 120, true, false, true, 3600);
    assertThat(up.get(1).restart()).isEqualTo(new BirdRestart(reflector, new RestartCapabilities(true, 120, true, false, true, 3600), false));
    assertThat(up.get(2).restart()).isEqualTo(new BirdRestart(reflector, new RestartCapabilities(true, 0, false, false, false, 0), false));
    assertThat(up.get(2).restart().neighbor().describe()).startsWith("graceful restart aware only");
    assertThat(up.get(3).restart()).isEqualTo(new BirdRestart(RestartCapabilities.NONE, new RestartCapabilities(true, 120, true, false, false, 0), false));
    assertThat(up.get(1).routesImported()).hasValue(1);

    List<BirdProtocolStatus> down = BirdReplies.protocols(capture("bird-show-protocols-all-graceful-restart-active.txt"));
    // a session that is down shows no capabilities; BIRD says when it keeps the neighbour's routes as stale
    assertThat(down.get(1).restart()).isEqualTo(new BirdRestart(null, null, true));
    assertThat(down.get(1).routesImported()).hasValue(1);
    assertThat(down.get(2).restart()).isEqualTo(new BirdRestart(null, null, false));
    assertThat(down.get(2).routesImported()).isEmpty();
    assertThat(down.get(3).restart().active()).isFalse();
    assertThat(down.get(1).lastError()).isEqualTo("Socket: Connection refused");
  }
}
