package io.netctl.validator.observe;

import java.util.Objects;

/**
 * One BFD session of {@code show bfd sessions}, as BIRD 2 prints it ({@code proto/bfd/bfd.c}
 * {@code bfd_show_sessions}).
 *
 * @param protocol the BFD protocol that holds it, e.g. {@code bfd1}
 * @param address the neighbour's address
 * @param iface the interface, or {@code ---} for a multihop session
 * @param state RFC 5880 §4.1 state as BIRD names it: {@code AdminDown}, {@code Down}, {@code Init}, {@code Up}
 * @param since when that state was entered, as BIRD prints it
 * @param interval the transmit interval BIRD uses, as printed (seconds, e.g. {@code 0.300})
 * @param timeout the detection time, as printed (seconds)
 */
public record BfdSession(String protocol, String address, String iface, String state, String since, String interval, String timeout) {
  /** RFC 5880 §4.1 state names, in the order of their numeric values (AdminDown 0, Down 1, Init 2, Up 3). */
  static final java.util.List<String> STATES = java.util.List.of("AdminDown", "Down", "Init", "Up");

  public BfdSession {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(state, "state");
    if (!STATES.contains(state)) {
      throw new IllegalArgumentException("unknown BFD state " + io.netctl.ipam.Names.printable(state));
    }
  }

  public boolean up() {
    return state.equals("Up");
  }

  /** The RFC 5880 state as a number: AdminDown 0, Down 1, Init 2, Up 3 (the {@code netctl_bfd_session_state} value). */
  public int stateNumber() {
    return STATES.indexOf(state);
  }
}
