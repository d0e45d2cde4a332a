package io.netctl.validator.observe;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * BIRD's protocols as a source for the checks. The checker reads it twice, at the start and at the
 * end of a run, so that a session that changed state meanwhile shows as a flap.
 */
@FunctionalInterface
public interface BirdSource {
  /**
   * One read of {@code show protocols all}.
   *
   * @throws io.netctl.ipam.UnreachableException when the socket cannot be read
   */
  List<BirdProtocolStatus> protocols();

  /**
   * One read of {@code show bfd sessions} (none when BIRD runs no BFD protocol). A source that
   * cannot tell (a recorded {@code show protocols} alone) has none.
   *
   * @throws io.netctl.ipam.UnreachableException when the socket cannot be read
   */
  default List<BfdSession> bfdSessions() {
    return List.of();
  }

  /**
   * The negotiated hold time (seconds) of each Established BGP session in the last {@link
   * #protocols()} read, by neighbour address; empty when the source does not show it.
   */
  default java.util.Map<String, Integer> holdTimes() {
    return java.util.Map.of();
  }

  /** BIRD's control socket at {@code path}, each read bounded by {@code timeout}. */
  static BirdSource socket(Path path, Duration timeout) {
    return new BirdSource() {
      private volatile List<String> lastReply = List.of();

      @Override
      public List<BirdProtocolStatus> protocols() {
        try (BirdControlSocket s = BirdControlSocket.connect(path, timeout)) {
          List<String> reply = s.command("show protocols all");
          List<BirdProtocolStatus> out = BirdReplies.protocols(reply);
          lastReply = reply;
          return out;
        }
      }

      @Override
      public java.util.Map<String, Integer> holdTimes() {
        return BirdReplies.holdTimes(lastReply);
      }

      @Override
      public List<BfdSession> bfdSessions() {
        try (BirdControlSocket s = BirdControlSocket.connect(path, timeout)) {
          return s.bfdSessions(s.protocols());
        }
      }

      @Override
      public String toString() {
        return "BIRD " + path;
      }
    };
  }
}
