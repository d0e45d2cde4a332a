package io.netctl.validator.observe;

import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One protocol of {@code show protocols all}, as BIRD 2 prints it ({@code nest/proto.c}
 * {@code proto_cmd_show}, {@code proto/bgp/bgp.c bgp_show_proto_info}).
 *
 * @param name the protocol's name, e.g. {@code Global_10_3_252_8} (Calico's naming, reference C.5)
 * @param proto its type: {@code BGP}, {@code Kernel}, {@code Static}, ...
 * @param table its table, or {@code ---}
 * @param state BIRD's protocol state: {@code up}, {@code start}, {@code down}, {@code flush}
 * @param since when that state was entered, as BIRD prints it (time of day today, else a date)
 * @param info the info column: for BGP the FSM state, then the last error if any
 * @param bgpState for BGP: the FSM state name from {@code BGP state:} (Idle ... Established), else null
 * @param neighborAddress for BGP: {@code Neighbor address:}, else null
 * @param neighborAs for BGP: {@code Neighbor AS:}, else empty
 * @param routesImported the first channel's {@code Routes: N imported}, else empty
 * @param lastError for BGP: {@code Last error:}, or the error part of the info column, else null
 * @param restart for BGP: graceful restart as BIRD shows it (each side's capabilities while the
 *     session is up; whether a neighbour's restart is in progress)
 */
public record BirdProtocolStatus(
    String name, String proto, String table, String state, String since, String info,
    String bgpState, String neighborAddress, OptionalLong neighborAs, OptionalLong routesImported, String lastError, BirdRestart restart) {

  /** BIRD's FSM state names ({@code bgp_state_names}), in RFC 4271 §8.2.2 order: Idle=1 ... Established=6. */
  private static final String[] FSM = {"Idle", "Connect", "Active", "OpenSent", "OpenConfirm", "Established"};

  public BirdProtocolStatus {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(proto, "proto");
    Objects.requireNonNull(state, "state");
    since = since == null ? "" : since;
    info = info == null ? "" : info;
    restart = restart == null ? BirdRestart.UNKNOWN : restart;
  }

  /** A protocol without what BIRD showed about graceful restart. */
  public BirdProtocolStatus(String name, String proto, String table, String state, String since, String info,
      String bgpState, String neighborAddress, OptionalLong neighborAs, OptionalLong routesImported, String lastError) {
    this(name, proto, table, state, since, info, bgpState, neighborAddress, neighborAs, routesImported, lastError, null);
  }

  public boolean bgp() {
    return proto.equals("BGP");
  }

  public boolean established() {
    return "Established".equals(bgpState);
  }

  /**
   * The RFC 4271 FSM state as a number (Idle=1, Connect=2, Active=3, OpenSent=4, OpenConfirm=5,
   * Established=6); BIRD's {@code Close} and {@code Down} count as Idle (1); empty when not BGP.
   */
  public OptionalInt fsmState() {
    if (!bgp()) {
      return OptionalInt.empty();
    }
    for (int i = 0; i < FSM.length; i++) {
      if (FSM[i].equals(bgpState)) {
        return OptionalInt.of(i + 1);
      }
    }
    return OptionalInt.of(1);
  }
}
