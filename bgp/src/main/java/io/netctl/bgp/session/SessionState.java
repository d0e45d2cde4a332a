package io.netctl.bgp.session;

/** The states of the BGP finite state machine (RFC 4271 §8.2.2). */
public enum SessionState {
  IDLE("Idle"),
  CONNECT("Connect"),
  ACTIVE("Active"),
  OPEN_SENT("OpenSent"),
  OPEN_CONFIRM("OpenConfirm"),
  ESTABLISHED("Established");

  private final String title;

  SessionState(String title) {
    this.title = title;
  }

  /** The name the RFC, BIRD and FRR use, e.g. "OpenSent". */
  public String title() {
    return title;
  }
}
