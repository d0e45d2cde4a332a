package io.netctl.validator.picture;

import java.util.Locale;
import java.util.Objects;

/**
 * A box of the session graph.
 *
 * @param name its name in netctl.yaml or its node name ({@code monitor} for netctl's monitor sessions)
 * @param kind what it is
 * @param ip its address, dotted, or empty
 */
public record Vertex(String name, Kind kind, String ip) {
  /** The kinds of boxes, left to right. */
  public enum Kind {
    NODE, ROUTE_REFLECTOR, CORE_SWITCH, DIRECTOR, MONITOR, PEER;

    public String id() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  public Vertex {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    ip = ip == null ? "" : ip;
  }
}
