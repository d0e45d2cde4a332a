package io.netctl.bgp.wire;

/**
 * The NOTIFICATION error code/subcode pairs (RFC 4271 §4.5 and §6, RFC 5492 §5, RFC 6608,
 * RFC 4486 and RFC 8538 for Cease, RFC 7313 §5 for ROUTE-REFRESH). Subcode 0 is "unspecific".
 */
public enum BgpError {
  MESSAGE_HEADER_UNSPECIFIC(1, 0, "Message Header Error"),
  CONNECTION_NOT_SYNCHRONIZED(1, 1, "Connection Not Synchronized"),
  BAD_MESSAGE_LENGTH(1, 2, "Bad Message Length"),
  BAD_MESSAGE_TYPE(1, 3, "Bad Message Type"),

  OPEN_UNSPECIFIC(2, 0, "OPEN Message Error"),
  UNSUPPORTED_VERSION_NUMBER(2, 1, "Unsupported Version Number"),
  BAD_PEER_AS(2, 2, "Bad Peer AS"),
  BAD_BGP_IDENTIFIER(2, 3, "Bad BGP Identifier"),
  UNSUPPORTED_OPTIONAL_PARAMETER(2, 4, "Unsupported Optional Parameter"),
  UNACCEPTABLE_HOLD_TIME(2, 6, "Unacceptable Hold Time"),
  UNSUPPORTED_CAPABILITY(2, 7, "Unsupported Capability"),
  ROLE_MISMATCH(2, 11, "Role Mismatch"),

  UPDATE_UNSPECIFIC(3, 0, "UPDATE Message Error"),
  MALFORMED_ATTRIBUTE_LIST(3, 1, "Malformed Attribute List"),
  UNRECOGNIZED_WELL_KNOWN_ATTRIBUTE(3, 2, "Unrecognized Well-known Attribute"),
  MISSING_WELL_KNOWN_ATTRIBUTE(3, 3, "Missing Well-known Attribute"),
  ATTRIBUTE_FLAGS_ERROR(3, 4, "Attribute Flags Error"),
  ATTRIBUTE_LENGTH_ERROR(3, 5, "Attribute Length Error"),
  INVALID_ORIGIN_ATTRIBUTE(3, 6, "Invalid ORIGIN Attribute"),
  INVALID_NEXT_HOP_ATTRIBUTE(3, 8, "Invalid NEXT_HOP Attribute"),
  OPTIONAL_ATTRIBUTE_ERROR(3, 9, "Optional Attribute Error"),
  INVALID_NETWORK_FIELD(3, 10, "Invalid Network Field"),
  MALFORMED_AS_PATH(3, 11, "Malformed AS_PATH"),

  HOLD_TIMER_EXPIRED(4, 0, "Hold Timer Expired"),

  FSM_UNSPECIFIC(5, 0, "Finite State Machine Error"),
  FSM_UNEXPECTED_IN_OPEN_SENT(5, 1, "Receive Unexpected Message in OpenSent State"),
  FSM_UNEXPECTED_IN_OPEN_CONFIRM(5, 2, "Receive Unexpected Message in OpenConfirm State"),
  FSM_UNEXPECTED_IN_ESTABLISHED(5, 3, "Receive Unexpected Message in Established State"),

  CEASE_UNSPECIFIC(6, 0, "Cease"),
  CEASE_MAX_PREFIXES(6, 1, "Maximum Number of Prefixes Reached"),
  CEASE_ADMINISTRATIVE_SHUTDOWN(6, 2, "Administrative Shutdown"),
  CEASE_PEER_DECONFIGURED(6, 3, "Peer De-configured"),
  CEASE_ADMINISTRATIVE_RESET(6, 4, "Administrative Reset"),
  CEASE_CONNECTION_REJECTED(6, 5, "Connection Rejected"),
  CEASE_OTHER_CONFIGURATION_CHANGE(6, 6, "Other Configuration Change"),
  CEASE_CONNECTION_COLLISION(6, 7, "Connection Collision Resolution"),
  CEASE_OUT_OF_RESOURCES(6, 8, "Out of Resources"),
  CEASE_HARD_RESET(6, 9, "Hard Reset"),
  CEASE_BFD_DOWN(6, 10, "BFD Down"),

  ROUTE_REFRESH_UNSPECIFIC(7, 0, "ROUTE-REFRESH Message Error"),
  ROUTE_REFRESH_INVALID_LENGTH(7, 1, "Invalid Message Length");

  private static final BgpError[] VALUES = values();

  private final int code;
  private final int subcode;
  private final String title;

  BgpError(int code, int subcode, String title) {
    this.code = code;
    this.subcode = subcode;
    this.title = title;
  }

  public int code() {
    return code;
  }

  public int subcode() {
    return subcode;
  }

  /** The RFC's name of the subcode, e.g. "Bad Peer AS". */
  public String title() {
    return title;
  }

  /** The name of the error code alone, e.g. "OPEN Message Error". */
  public static String codeTitle(int code) {
    for (BgpError e : VALUES) {
      if (e.code == code && e.subcode == 0) {
        return e.title;
      }
    }
    return "Unknown Error Code";
  }

  /** The pair for these numbers, or null when this code/subcode is not one of the above. */
  public static BgpError of(int code, int subcode) {
    for (BgpError e : VALUES) {
      if (e.code == code && e.subcode == subcode) {
        return e;
      }
    }
    return null;
  }

  /** "OPEN Message Error / Bad Peer AS (2/2)". */
  public static String describe(int code, int subcode) {
    BgpError e = of(code, subcode);
    String sub = e == null ? "subcode " + subcode : e.title;
    return codeTitle(code) + (subcode == 0 && e != null ? "" : " / " + sub) + " (" + code + "/" + subcode + ")";
  }

  @Override
  public String toString() {
    return describe(code, subcode);
  }
}
