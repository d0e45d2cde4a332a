package io.netctl.lvs;

/** The kernel's route types ({@code rtm_type}, {@code RTN_*}) that matter here. */
public enum RouteType {
  UNICAST(1),
  LOCAL(2),
  BROADCAST(3),
  ANYCAST(4),
  MULTICAST(5),
  BLACKHOLE(6),
  UNREACHABLE(7),
  PROHIBIT(8),
  THROW(9),
  NAT(10),
  OTHER(-1);

  private final int number;

  RouteType(int number) {
    this.number = number;
  }

  /** The type with this {@code RTN_*} number, or {@link #OTHER}. */
  public static RouteType ofNumber(int n) {
    for (RouteType t : values()) {
      if (t.number == n) {
        return t;
      }
    }
    return OTHER;
  }

  /** The type with this iproute2 name ({@code unicast}, {@code blackhole}, ...), or {@link #OTHER}. */
  public static RouteType ofName(String name) {
    for (RouteType t : values()) {
      if (t != OTHER && t.name().equalsIgnoreCase(name)) {
        return t;
      }
    }
    return OTHER;
  }

  public String text() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
