package io.netctl.bgp.wire;

/**
 * What RFC 7606 §2 says to do with a malformed UPDATE, from the mildest to the most severe: a
 * later, more severe finding replaces a milder one (§3 h).
 */
public enum Rfc7606Action {
  /** Drop the bad attribute, keep the routes (§2, "attribute discard"). */
  ATTRIBUTE_DISCARD,
  /** Handle every prefix in the UPDATE as withdrawn, keep the session (§2, "treat-as-withdraw"). */
  TREAT_AS_WITHDRAW,
  /** Send a NOTIFICATION and close (§2, "session reset"). */
  SESSION_RESET
}
