package io.netctl.bgp.bmp;

/**
 * One RIB a router reports over BMP: a peer (address, AS, route distinguisher) and a view.
 *
 * @param address the peer's address, 0.0.0.0 for the Loc-RIB
 */
public record MonitoredPeer(String address, long asNumber, long distinguisher, View view) {
  /** Adj-RIB-In before or after the router's import policy, or its Loc-RIB (RFC 9069). */
  public enum View {
    PRE_POLICY("pre-policy"),
    POST_POLICY("post-policy"),
    LOC_RIB("loc-rib");

    private final String text;

    View(String text) {
      this.text = text;
    }

    @Override
    public String toString() {
      return text;
    }
  }

  @Override
  public String toString() {
    return address + " AS " + asNumber + (distinguisher == 0 ? "" : " rd " + Long.toUnsignedString(distinguisher)) + " " + view;
  }
}
