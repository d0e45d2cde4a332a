package io.netctl.validator.picture;

import java.util.Locale;

/** The state of one session of the graph, as the run's sources saw it. */
public enum SessionState {
  /** A source saw it Established. */
  ESTABLISHED,
  /** A source saw it not Established, or read one end's sessions in full and did not find it. */
  DOWN,
  /** No source of the run looked at either end. */
  UNOBSERVED,
  /** A source saw it, but the topology and allocations expect no such session. */
  UNEXPECTED;

  /** The marker value: {@code established}, {@code down}, {@code unobserved}, {@code unexpected}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
