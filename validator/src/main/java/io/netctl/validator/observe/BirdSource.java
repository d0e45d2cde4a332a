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

  /** BIRD's control socket at {@code path}, each read bounded by {@code timeout}. */
  static BirdSource socket(Path path, Duration timeout) {
    return new BirdSource() {
      @Override
      public List<BirdProtocolStatus> protocols() {
        try (BirdControlSocket s = BirdControlSocket.connect(path, timeout)) {
          return s.protocols();
        }
      }

      @Override
      public String toString() {
        return "BIRD " + path;
      }
    };
  }
}
